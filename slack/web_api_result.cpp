// The lenient readers of Slack's answers.
#include "slack/web_api_result.hpp"

namespace incidentd::slack {

std::string lenient_string(const nlohmann::json& object, std::string_view key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

std::int64_t lenient_integer(const nlohmann::json& object, std::string_view key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<std::int64_t>() : 0;
}

const nlohmann::json& lenient_object(const nlohmann::json& object, std::string_view key) {
    static const nlohmann::json empty = nlohmann::json::object();
    const auto it = object.find(key);
    return it != object.end() && it->is_object() ? *it : empty;
}

}  // namespace incidentd::slack
