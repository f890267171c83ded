// Slack message timestamps ("1712345678.000100": seconds, then six digits of microseconds) in the
// order Slack gives them, for the bounds and cursors of history and replies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace incidentd::emulator {

// Microseconds since the epoch; nothing when `ts` is not digits with at most six after a '.'.
// Fewer fraction digits are fine: apps pass "1712345678" or "1712345678.5" as oldest or latest.
inline std::optional<std::int64_t> ts_micros(std::string_view ts) {
    const auto dot = ts.find('.');
    const std::string_view whole = ts.substr(0, dot);
    const std::string_view fraction =
        dot == std::string_view::npos ? std::string_view{} : ts.substr(dot + 1);
    if (whole.empty() || whole.size() > 12 || fraction.size() > 6) return std::nullopt;
    std::int64_t micros = 0;
    for (const std::string_view digits : {whole, fraction}) {
        for (const char c : digits) {
            if (c < '0' || c > '9') return std::nullopt;
            micros = micros * 10 + (c - '0');
        }
    }
    for (std::size_t i = fraction.size(); i < 6; ++i)
        micros *= 10;
    return micros;
}

// `a` comes before `b`. A malformed ts comes after every well-formed one, and malformed ones in
// text order: still one order, so cursors and bounds stay consistent whatever an app passes.
inline bool ts_before(std::string_view a, std::string_view b) {
    const auto x = ts_micros(a);
    const auto y = ts_micros(b);
    if (x && y) return *x < *y;
    if (x || y) return x.has_value();
    return a < b;
}

}  // namespace incidentd::emulator
