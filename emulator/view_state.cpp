// View state as Slack's client builds it: each input element's value field by element type.
#include "emulator/view_state.hpp"

#include <algorithm>
#include <string_view>

namespace incidentd::emulator {
namespace {

using nlohmann::json;

struct ValueField {
    std::string_view element_type;
    std::string_view value_key;    // in state.values
    std::string_view initial_key;  // on the element
    bool many;
};

constexpr ValueField value_fields[] = {
    {"plain_text_input", "value", "initial_value", false},
    {"email_text_input", "value", "initial_value", false},
    {"url_text_input", "value", "initial_value", false},
    {"number_input", "value", "initial_value", false},
    {"rich_text_input", "rich_text_value", "initial_value", false},
    {"static_select", "selected_option", "initial_option", false},
    {"external_select", "selected_option", "initial_option", false},
    {"radio_buttons", "selected_option", "initial_option", false},
    {"multi_static_select", "selected_options", "initial_options", true},
    {"multi_external_select", "selected_options", "initial_options", true},
    {"checkboxes", "selected_options", "initial_options", true},
    {"users_select", "selected_user", "initial_user", false},
    {"multi_users_select", "selected_users", "initial_users", true},
    {"conversations_select", "selected_conversation", "initial_conversation", false},
    {"multi_conversations_select", "selected_conversations", "initial_conversations", true},
    {"channels_select", "selected_channel", "initial_channel", false},
    {"multi_channels_select", "selected_channels", "initial_channels", true},
    {"datepicker", "selected_date", "initial_date", false},
    {"timepicker", "selected_time", "initial_time", false},
    {"datetimepicker", "selected_date_time", "initial_date_time", false},
    {"file_input", "files", "", true},
};

const ValueField* value_field(std::string_view type) {
    auto row = std::ranges::find(value_fields, type, &ValueField::element_type);
    return row == std::end(value_fields) ? nullptr : &*row;
}

// Input blocks the user can address: those with a block_id and an element with an action_id.
template <class Visit>
void for_each_input(const json& view, Visit visit) {
    if (!view.is_object() || !view.contains("blocks") || !view["blocks"].is_array()) return;
    for (const auto& block : view["blocks"]) {
        if (!block.is_object() || block.value("type", "") != "input") continue;
        const std::string block_id = block.value("block_id", "");
        if (block_id.empty() || !block.contains("element") || !block["element"].is_object())
            continue;
        const json& element = block["element"];
        const std::string action_id = element.value("action_id", "");
        if (!action_id.empty()) visit(block, block_id, element, action_id);
    }
}

bool empty_value(const json& value) {
    return value.is_null() || (value.is_string() && value.get_ref<const std::string&>().empty()) ||
           (value.is_array() && value.empty());
}

}  // namespace

json initial_state_values(const json& view) {
    json values = json::object();
    for_each_input(view, [&](const json&, const std::string& block_id, const json& element,
                             const std::string& action_id) {
        const std::string type = element.value("type", "");
        json state = {{"type", type}};
        if (const ValueField* field = value_field(type)) {
            const std::string key{field->value_key};
            const std::string initial{field->initial_key};
            if (!initial.empty() && element.contains(initial)) {
                state[key] = element[initial];
            } else {
                state[key] = field->many ? json::array() : json(nullptr);
            }
        }
        values[block_id][action_id] = state;
    });
    return values;
}

std::vector<std::string> enter_values(json& values, const json& entered) {
    std::vector<std::string> problems;
    if (!entered.is_object()) {
        problems.push_back("\"values\" must be an object {block_id: {action_id: {...}}}");
        return problems;
    }
    for (const auto& [block_id, actions] : entered.items()) {
        if (!values.contains(block_id)) {
            problems.push_back("\"values\": the view has no input block \"" + block_id + "\"");
            continue;
        }
        if (!actions.is_object()) {
            problems.push_back("\"values\": \"" + block_id + "\" must be {action_id: {...}}");
            continue;
        }
        for (const auto& [action_id, state] : actions.items()) {
            if (!values[block_id].contains(action_id) || !state.is_object()) {
                problems.push_back("\"values\": input block \"" + block_id +
                                   "\" has no element with action_id \"" + action_id + "\"");
                continue;
            }
            values[block_id][action_id].update(state);
        }
    }
    return problems;
}

std::vector<std::string> missing_required(const json& view, const json& values) {
    std::vector<std::string> missing;
    for_each_input(view, [&](const json& block, const std::string& block_id, const json& element,
                             const std::string& action_id) {
        if (block.value("optional", false)) return;
        const ValueField* field = value_field(element.value("type", ""));
        if (!field) return;
        const std::string key{field->value_key};
        const json* state = nullptr;
        if (auto b = values.find(block_id); b != values.end() && b->is_object()) {
            if (auto a = b->find(action_id); a != b->end()) state = &*a;
        }
        if (!state || !state->contains(key) || empty_value((*state)[key]))
            missing.push_back(block_id);
    });
    return missing;
}

std::vector<std::string> input_block_ids(const json& view) {
    std::vector<std::string> ids;
    for_each_input(view, [&](const json&, const std::string& block_id, const json&,
                             const std::string&) { ids.push_back(block_id); });
    return ids;
}

}  // namespace incidentd::emulator
