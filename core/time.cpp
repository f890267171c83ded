#include "core/time.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace incidentd::core {
namespace {

bool parse_int(std::string_view s, long long& out) {
    if (s.empty()) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc{} && end == s.data() + s.size();
}

// Splits a Slack ts "secs.frac" into its two integers; frac is scaled to microseconds. Sorting a
// record compares ts millions of times, so this allocates nothing.
bool split_ts(std::string_view ts, long long& secs, long long& micros) {
    const auto dot = ts.find('.');
    const std::string_view whole = ts.substr(0, dot);
    const std::string_view frac =
        dot == std::string_view::npos ? std::string_view{} : ts.substr(dot + 1);
    if (frac.size() > 6) return false;
    long long scaled = 0;
    for (const char c : frac) {
        if (c < '0' || c > '9') return false;
        scaled = scaled * 10 + (c - '0');
    }
    for (std::size_t i = frac.size(); i < 6; ++i)
        scaled *= 10;
    micros = scaled;
    return parse_int(whole, secs) && secs >= 0;
}

}  // namespace

std::string to_iso8601(Time t) {
    using namespace std::chrono;
    auto day = floor<days>(t);
    year_month_day ymd{day};
    hh_mm_ss hms{floor<seconds>(t - day)};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

std::optional<Time> parse_iso8601(std::string_view text) {
    using namespace std::chrono;
    // YYYY-MM-DDTHH:MM:SSZ exactly.
    if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':' || text[19] != 'Z')
        return std::nullopt;
    // Every field is plain digits: from_chars alone would take "-1" as an hour.
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    long long y, mo, d, h, mi, s;
    if (!parse_int(text.substr(0, 4), y) || !parse_int(text.substr(5, 2), mo) ||
        !parse_int(text.substr(8, 2), d) || !parse_int(text.substr(11, 2), h) ||
        !parse_int(text.substr(14, 2), mi) || !parse_int(text.substr(17, 2), s))
        return std::nullopt;
    year_month_day ymd{year{static_cast<int>(y)}, month{static_cast<unsigned>(mo)},
                       day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
    return Time{sys_days{ymd} + hours{h} + minutes{mi} + seconds{s}};
}

std::optional<Time> slack_ts_to_time(std::string_view ts) {
    long long secs = 0, micros = 0;
    if (!split_ts(ts, secs, micros)) return std::nullopt;
    // Past year 9999 no Slack ts, and the milliseconds (and dates) overflow soon after.
    constexpr long long last_second_of_9999 = 253402300799;
    if (secs > last_second_of_9999) return std::nullopt;
    using namespace std::chrono;
    return Time{seconds{secs} + duration_cast<milliseconds>(microseconds{micros})};
}

std::string time_to_slack_ts(Time t) {
    using namespace std::chrono;
    const auto ms = t.time_since_epoch().count();
    const auto secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
    const std::string micros = std::to_string((ms - secs * 1000) * 1000);
    return std::to_string(secs) + "." + std::string(6 - micros.size(), '0') + micros;
}

std::string normalised_slack_ts(std::string_view ts) {
    constexpr std::size_t seconds_digits = 10, fraction_digits = 6;
    const bool digits_only =
        !ts.empty() && ts.find_first_not_of("0123456789") == std::string_view::npos;
    if (!digits_only || ts.size() > seconds_digits + fraction_digits) return std::string(ts);
    const std::string_view seconds = ts.substr(0, std::min(ts.size(), seconds_digits));
    const std::string_view fraction = ts.substr(seconds.size());
    return std::string(seconds) + "." + std::string(fraction) +
           std::string(fraction_digits - fraction.size(), '0');
}

SlackTsKey slack_ts_key(std::string_view ts) {
    SlackTsKey key;
    key.text = ts;
    key.malformed = !split_ts(ts, key.seconds, key.micros);
    return key;
}

bool operator<(const SlackTsKey& a, const SlackTsKey& b) {
    if (a.malformed != b.malformed) return !a.malformed;
    if (a.malformed) return a.text < b.text;
    return a.seconds != b.seconds ? a.seconds < b.seconds : a.micros < b.micros;
}

bool slack_ts_less(std::string_view a, std::string_view b) {
    return slack_ts_key(a) < slack_ts_key(b);
}

std::optional<std::chrono::seconds> parse_duration(std::string_view text) {
    if (text.empty()) return std::nullopt;
    std::chrono::seconds total{0};
    while (!text.empty()) {
        std::size_t digits = 0;
        while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9')
            ++digits;
        if (digits == 0 || digits == text.size() || digits > 9) return std::nullopt;
        long long n = 0;
        if (!parse_int(text.substr(0, digits), n)) return std::nullopt;
        long long unit = 0;
        switch (text[digits]) {
            case 's':
                unit = 1;
                break;
            case 'm':
                unit = 60;
                break;
            case 'h':
                unit = 3600;
                break;
            case 'd':
                unit = 86400;
                break;
            case 'w':
                unit = 7 * 86400;
                break;
            default:
                return std::nullopt;
        }
        total += std::chrono::seconds{n * unit};
        text.remove_prefix(digits + 1);
    }
    return total;
}

std::string format_duration(std::chrono::seconds d) {
    long long s = d.count();
    if (s < 0) s = -s;
    const long long days = s / 86400, hours = s % 86400 / 3600, mins = s % 3600 / 60, secs = s % 60;
    std::string out;
    auto add = [&out](long long n, const char* unit) {
        if (!out.empty()) out += ' ';
        out += std::to_string(n) + unit;
    };
    if (days) add(days, "d");
    if (hours) add(hours, "h");
    if (mins && !days) add(mins, "m");
    if (secs && !days && !hours) add(secs, "s");
    if (out.empty()) out = "0s";
    return out;
}

}  // namespace incidentd::core
