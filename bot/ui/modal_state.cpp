// Values out of a view_submission's state, tolerant of the nulls Slack sends for empty fields.
#include "bot/ui/modal_state.hpp"

#include <algorithm>

namespace incidentd::bot {
namespace {

const nlohmann::json* element_state(const nlohmann::json& state_values, std::string_view block_id,
                                    std::string_view action_id) {
    if (!state_values.is_object()) return nullptr;
    auto block = state_values.find(std::string(block_id));
    if (block == state_values.end() || !block->is_object()) return nullptr;
    auto element = block->find(std::string(action_id));
    if (element == block->end() || !element->is_object()) return nullptr;
    return &*element;
}

std::string string_at(const nlohmann::json& object, std::string_view key) {
    auto it = object.find(std::string(key));
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::string chosen_value(const nlohmann::json& state_values, std::string_view block_id,
                         std::string_view action_id) {
    const nlohmann::json* element = element_state(state_values, block_id, action_id);
    if (!element) return "";
    if (auto option = element->find("selected_option");
        option != element->end() && option->is_object())
        return string_at(*option, "value");
    return string_at(*element, "value");
}

std::string chosen_user(const nlohmann::json& state_values, std::string_view block_id,
                        std::string_view action_id) {
    const nlohmann::json* element = element_state(state_values, block_id, action_id);
    return element ? string_at(*element, "selected_user") : "";
}

std::vector<std::string> chosen_users(const nlohmann::json& state_values, std::string_view block_id,
                                      std::string_view action_id) {
    std::vector<std::string> users;
    const nlohmann::json* element = element_state(state_values, block_id, action_id);
    if (!element) return users;
    auto selected = element->find("selected_users");
    if (selected == element->end() || !selected->is_array()) return users;
    for (const auto& user : *selected)
        if (user.is_string() && !user.get<std::string>().empty() &&
            std::ranges::find(users, user.get<std::string>()) == users.end())
            users.push_back(user.get<std::string>());
    return users;
}

std::string one_line(std::string_view text) {
    std::string out;
    bool pending_space = false;
    for (char c : text) {
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += c;
    }
    return out;
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return std::string(text);
}

}  // namespace incidentd::bot
