#include "core/incident.hpp"

#include <charconv>

namespace incidentd::core {

std::string incident_id(std::int64_t number) {
    return "INC-" + std::to_string(number);
}

std::optional<std::int64_t> parse_incident_id(std::string_view text) {
    if (text.size() < 5 || (text.substr(0, 4) != "INC-" && text.substr(0, 4) != "inc-"))
        return std::nullopt;
    text.remove_prefix(4);
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc{} || end != text.data() + text.size() || n <= 0) return std::nullopt;
    return n;
}

}  // namespace incidentd::core
