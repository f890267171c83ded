// Block Kit checks: block and element shapes, text lengths, item counts and unique ids, with the
// limits of facts::block_kit. Unknown block or element types are refused, as Slack refuses them.
#include "emulator/block_kit_check.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {
namespace {

using nlohmann::json;
namespace limit = facts::block_kit;

enum class TextKind { plain, any };

bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
    return std::ranges::find(allowed, value) != allowed.end();
}

// Elements that collect a value in an input block (and, interactive ones aside, only there).
bool input_element(std::string_view type) {
    return one_of(type,
                  {"plain_text_input",      "email_text_input",   "url_text_input",
                   "number_input",          "rich_text_input",    "file_input",
                   "static_select",         "external_select",    "users_select",
                   "conversations_select",  "channels_select",    "multi_static_select",
                   "multi_external_select", "multi_users_select", "multi_conversations_select",
                   "multi_channels_select", "datepicker",         "timepicker",
                   "datetimepicker",        "checkboxes",         "radio_buttons"});
}

bool interactive_element(std::string_view type) {
    return type == "button" || type == "overflow" || type == "workflow_button" ||
           (input_element(type) &&
            !one_of(type, {"plain_text_input", "email_text_input", "url_text_input", "number_input",
                           "rich_text_input", "file_input"}));
}

class Checker {
  public:
    std::vector<std::string> problems;

    void error(const std::string& what, const std::string& where) {
        problems.push_back("[ERROR] " + what + " [json-pointer:" + where + "]");
    }

    // The field `key` of `object`, or null when absent (an error when it is required).
    const json* present(const json& object, const char* key, const std::string& where,
                        bool required) {
        const auto it = object.find(key);
        if (it != object.end()) return &*it;
        if (required) error(std::string("missing required field: ") + key, where);
        return nullptr;
    }

    // A string field no longer than `max` characters (nor empty); false when absent or wrong.
    bool string_field(const json& object, const char* key, const std::string& where,
                      std::size_t max, bool required) {
        const json* value = present(object, key, where, required);
        if (!value) return false;
        const std::string at = where + "/" + key;
        if (!value->is_string()) {
            error("must provide a string", at);
            return false;
        }
        const std::size_t length = character_count(value->get_ref<const std::string&>());
        if (length == 0 && required) {
            error("must be more than 0 characters", at);
            return false;
        }
        if (length > max) {
            error("must be less than " + std::to_string(max + 1) + " characters", at);
            return false;
        }
        return true;
    }

    bool object_field(const json& object, const char* key, const std::string& where,
                      bool required) {
        const json* value = present(object, key, where, required);
        if (!value) return false;
        if (!value->is_object()) {
            error("must provide an object", where + "/" + key);
            return false;
        }
        return true;
    }

    // A composition text object {type: plain_text|mrkdwn, text} of at most `max` characters.
    void text_object(const json& parent, const char* key, const std::string& where, std::size_t max,
                     TextKind kind, bool required) {
        if (object_field(parent, key, where, required))
            text(parent[key], where + "/" + key, max, kind);
    }

    void text(const json& t, const std::string& at, std::size_t max, TextKind kind) {
        if (!t.is_object()) return error("must provide an object", at);
        const std::string type = t.value("type", "");
        if (type.empty()) {
            error("missing required field: type", at);
        } else if (type != "plain_text" && (kind == TextKind::plain || type != "mrkdwn")) {
            error(kind == TextKind::plain ? "must be a valid enum value: plain_text"
                                          : "must be a valid enum value: plain_text or mrkdwn",
                  at + "/type");
        }
        string_field(t, "text", at, max, true);
    }

    void unique_id(const json& object, const char* key, const std::string& where,
                   std::map<std::string, std::string>& seen) {
        if (!string_field(object, key, where, limit::id_max, false)) return;
        const std::string id = object[key];
        auto [it, fresh] = seen.emplace(id, where + "/" + key);
        if (!fresh)
            error(std::string(key) + " \"" + id + "\" is not unique: it is also at " + it->second,
                  where + "/" + key);
    }

    // An array field of `min`..`max` items; false when absent or not an array.
    bool array_field(const json& object, const char* key, const std::string& where, std::size_t min,
                     std::size_t max, bool required) {
        const json* value = present(object, key, where, required);
        if (!value) return false;
        const std::string at = where + "/" + key;
        if (!value->is_array()) {
            error("must provide an array", at);
            return false;
        }
        if (value->size() < min) {
            error("must provide at least " + std::to_string(min) + " item" + (min == 1 ? "" : "s"),
                  at);
            return false;
        }
        if (value->size() > max) {
            error("no more than " + std::to_string(max) + " items allowed", at);
            return false;
        }
        return true;
    }

    void blocks(const json& list, const std::string& where) {
        for (std::size_t i = 0; i < list.size(); ++i)
            block(list[i], where + "/" + std::to_string(i));
    }

  private:
    std::map<std::string, std::string> block_ids_;
    std::map<std::string, std::string> action_ids_;

    void block(const json& b, const std::string& at) {
        if (!b.is_object()) return error("must provide an object", at);
        unique_id(b, "block_id", at, block_ids_);
        const std::string type = b.value("type", "");
        if (type.empty()) return error("missing required field: type", at);
        if (type == "section") {
            if (!b.contains("text") && !b.contains("fields"))
                error("missing required field: text or fields", at);
            text_object(b, "text", at, limit::section_text_max, TextKind::any, false);
            if (array_field(b, "fields", at, 1, limit::section_fields_max, false)) {
                for (std::size_t i = 0; i < b["fields"].size(); ++i)
                    text(b["fields"][i], at + "/fields/" + std::to_string(i),
                         limit::section_field_text_max, TextKind::any);
            }
            if (object_field(b, "accessory", at, false)) element(b["accessory"], at + "/accessory");
        } else if (type == "header") {
            text_object(b, "text", at, limit::header_text_max, TextKind::plain, true);
        } else if (type == "context") {
            if (array_field(b, "elements", at, 1, limit::context_elements_max, true)) {
                for (std::size_t i = 0; i < b["elements"].size(); ++i) {
                    const json& e = b["elements"][i];
                    const std::string e_at = at + "/elements/" + std::to_string(i);
                    const std::string e_type = e.is_object() ? e.value("type", "") : "";
                    if (e_type == "image") {
                        image(e, e_at);
                    } else if (e_type == "plain_text" || e_type == "mrkdwn") {
                        string_field(e, "text", e_at, limit::section_text_max, true);
                    } else {
                        error("must be a text object or an image element", e_at);
                    }
                }
            }
        } else if (type == "actions") {
            if (array_field(b, "elements", at, 1, limit::actions_elements_max, true)) {
                for (std::size_t i = 0; i < b["elements"].size(); ++i) {
                    const json& e = b["elements"][i];
                    const std::string e_at = at + "/elements/" + std::to_string(i);
                    element(e, e_at);
                    if (e.is_object() && !interactive_element(e.value("type", "")))
                        error("an actions block takes interactive elements only", e_at + "/type");
                }
            }
        } else if (type == "input") {
            text_object(b, "label", at, limit::input_label_max, TextKind::plain, true);
            text_object(b, "hint", at, limit::input_hint_max, TextKind::plain, false);
            if (object_field(b, "element", at, true)) {
                element(b["element"], at + "/element");
                if (!input_element(b["element"].value("type", "")))
                    error("an input block takes an input element (plain_text_input, a select, ...)",
                          at + "/element/type");
            }
        } else if (type == "image") {
            image(b, at);
            text_object(b, "title", at, limit::alt_text_max, TextKind::plain, false);
        } else if (!one_of(type, {"divider", "rich_text", "file", "video", "markdown"})) {
            error("unsupported block type \"" + type + "\"", at + "/type");
        }
    }

    void image(const json& e, const std::string& at) {
        if (!e.contains("slack_file")) string_field(e, "image_url", at, limit::image_url_max, true);
        string_field(e, "alt_text", at, limit::alt_text_max, true);
    }

    void options(const json& e, const char* key, const std::string& at, std::size_t min,
                 std::size_t max, bool required) {
        if (!array_field(e, key, at, min, max, required)) return;
        const json& list = e[key];
        for (std::size_t i = 0; i < list.size(); ++i)
            option(list[i], at + "/" + key + "/" + std::to_string(i));
    }

    void option(const json& o, const std::string& at) {
        if (!o.is_object()) return error("must provide an object", at);
        text_object(o, "text", at, limit::option_text_max, TextKind::any, true);
        string_field(o, "value", at, limit::option_value_max, true);
        text_object(o, "description", at, limit::option_text_max, TextKind::any, false);
    }

    void confirm(const json& c, const std::string& at) {
        text_object(c, "title", at, limit::confirm_title_max, TextKind::plain, true);
        text_object(c, "text", at, limit::confirm_text_max, TextKind::any, true);
        text_object(c, "confirm", at, limit::confirm_button_max, TextKind::plain, true);
        text_object(c, "deny", at, limit::confirm_button_max, TextKind::plain, true);
        if (c.contains("style") && !one_of(c.value("style", ""), {"primary", "danger"}))
            error("must be a valid enum value: primary or danger", at + "/style");
    }

    void element(const json& e, const std::string& at) {
        if (!e.is_object()) return error("must provide an object", at);
        const std::string type = e.value("type", "");
        if (type.empty()) return error("missing required field: type", at);
        if (type == "image") return image(e, at);
        if (!input_element(type) && !interactive_element(type))
            return error("unsupported element type \"" + type + "\"", at + "/type");
        unique_id(e, "action_id", at, action_ids_);
        if (object_field(e, "confirm", at, false)) confirm(e["confirm"], at + "/confirm");
        text_object(e, "placeholder", at, limit::placeholder_max, TextKind::plain, false);
        if (type == "button") {
            text_object(e, "text", at, limit::button_text_max, TextKind::plain, true);
            string_field(e, "value", at, limit::button_value_max, false);
            string_field(e, "url", at, limit::url_max, false);
            if (e.contains("style") && !one_of(e.value("style", ""), {"primary", "danger"}))
                error("must be a valid enum value: primary or danger", at + "/style");
        } else if (type == "overflow") {
            options(e, "options", at, limit::overflow_options_min, limit::overflow_options_max,
                    true);
        } else if (type == "checkboxes" || type == "radio_buttons") {
            options(e, "options", at, 1, limit::checkbox_options_max, true);
        } else if (type == "static_select" || type == "multi_static_select") {
            if (!e.contains("options") && !e.contains("option_groups"))
                error("missing required field: options or option_groups", at);
            options(e, "options", at, 1, limit::select_options_max, false);
        } else if (type == "plain_text_input") {
            if (e.contains("max_length") &&
                (!e["max_length"].is_number_unsigned() ||
                 e["max_length"].get<std::size_t>() > limit::plain_text_input_length_max))
                error("must be a number no more than " +
                          std::to_string(limit::plain_text_input_length_max),
                      at + "/max_length");
            string_field(e, "initial_value", at, limit::plain_text_input_length_max, false);
        }
        if (object_field(e, "initial_option", at, false))
            option(e["initial_option"], at + "/initial_option");
    }
};

}  // namespace

std::size_t character_count(std::string_view text) {
    return static_cast<std::size_t>(std::ranges::count_if(
        text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::vector<std::string> check_message_blocks(const json& blocks) {
    Checker checker;
    if (!blocks.is_array()) {
        checker.error("must provide an array", "/blocks");
    } else if (blocks.size() > facts::message_blocks_max) {
        checker.error(
            "no more than " + std::to_string(facts::message_blocks_max) + " items allowed",
            "/blocks");
    } else {
        checker.blocks(blocks, "/blocks");
    }
    return checker.problems;
}

std::vector<std::string> check_view(const json& view, std::string_view expected_type) {
    Checker c;
    const std::string at = "/view";
    if (!view.is_object()) {
        c.error("must provide an object", at);
        return c.problems;
    }
    const std::string type = view.value("type", "");
    if (type.empty()) {
        c.error("missing required field: type", at);
    } else if (!one_of(type, {"modal", "home"}) ||
               (!expected_type.empty() && type != expected_type)) {
        c.error(
            "must be a valid enum value: " +
                (expected_type.empty() ? std::string("modal or home") : std::string(expected_type)),
            at + "/type");
    }
    if (type == "modal") {
        c.text_object(view, "title", at, limit::view_title_max, TextKind::plain, true);
        c.text_object(view, "submit", at, limit::view_title_max, TextKind::plain, false);
        c.text_object(view, "close", at, limit::view_title_max, TextKind::plain, false);
    }
    c.string_field(view, "private_metadata", at, limit::private_metadata_max, false);
    c.string_field(view, "callback_id", at, limit::id_max, false);
    c.string_field(view, "external_id", at, limit::id_max, false);
    if (c.array_field(view, "blocks", at, 0, facts::modal_blocks_max, true)) {
        c.blocks(view["blocks"], at + "/blocks");
        const bool has_input = std::ranges::any_of(view["blocks"], [](const json& b) {
            return b.is_object() && b.value("type", "") == "input";
        });
        if (type == "modal" && has_input && !view.contains("submit"))
            c.error("missing required field: submit (a modal with input blocks needs one)", at);
    }
    return c.problems;
}

}  // namespace incidentd::emulator
