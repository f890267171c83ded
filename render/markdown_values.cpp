#include "render/markdown_values.hpp"

#include <algorithm>

#include "core/text_escape.hpp"

namespace incidentd::render {

std::string markdown_line(std::string_view text) {
    return core::escape_markdown(text, core::Newlines::space);
}

std::string human_time(core::Time t, bool seconds) {
    const std::string iso = core::to_iso8601(t);  // 2026-11-24T10:00:05Z
    return iso.substr(0, 10) + ' ' + iso.substr(11, seconds ? 8 : 5) + " UTC";
}

std::string link_destination(std::string_view url) {
    auto starts_with = [url](std::string_view scheme) {
        return url.size() > scheme.size() &&
               std::ranges::equal(url.substr(0, scheme.size()), scheme, [](char a, char b) {
                   return (a >= 'A' && a <= 'Z' ? a + ('a' - 'A') : a) == b;
               });
    };
    if (!starts_with("https://") && !starts_with("http://")) return {};
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(url.size());
    for (char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f ||
            std::string_view("\"<>\\^`{|}()[]").find(c) != std::string_view::npos) {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0xf];
        } else {
            out += c;
        }
    }
    return out;
}

std::string markdown_link(std::string_view text, const std::string& destination) {
    return "[" + std::string(text) + "](" + destination + ")";
}

}  // namespace incidentd::render
