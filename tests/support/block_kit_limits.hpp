// Slack's documented Block Kit limits, checked over a payload incidentd builds: each problem
// found names its JSON path, so a test failure says which part of which view broke which limit.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/utf8.hpp"

namespace incidentd::test {

// Where the payload goes: its limits differ. message_blocks takes either a blocks array or a
// message object with "blocks" (and "text"); modal and home take the view object.
enum class Surface { message_blocks, modal, home };

namespace block_kit_detail {

using nlohmann::json;

// The limits, in characters (Slack's Block Kit reference: blocks, block elements, composition
// objects, view objects).
inline constexpr std::size_t max_message_blocks = 50;
inline constexpr std::size_t max_view_blocks = 100;
inline constexpr std::size_t max_message_text = 40000;
inline constexpr std::size_t max_section_text = 3000;
inline constexpr std::size_t max_header_text = 150;
inline constexpr std::size_t max_fields = 10;
inline constexpr std::size_t max_field_text = 2000;
inline constexpr std::size_t max_context_elements = 10;
inline constexpr std::size_t max_actions_elements = 25;
inline constexpr std::size_t max_button_text = 75;
inline constexpr std::size_t max_button_value = 2000;
inline constexpr std::size_t max_url = 3000;
inline constexpr std::size_t max_id = 255;  // action_id, block_id, callback_id
inline constexpr std::size_t max_confirm_title = 100;
inline constexpr std::size_t max_confirm_text = 300;
inline constexpr std::size_t max_confirm_button = 30;
inline constexpr std::size_t max_view_title = 24;  // title, submit, close
inline constexpr std::size_t max_label = 2000;     // input label and hint
inline constexpr std::size_t max_placeholder = 150;
inline constexpr std::size_t max_option_text = 75;
inline constexpr std::size_t max_option_value = 150;
inline constexpr std::size_t max_options = 100;
inline constexpr std::size_t max_private_metadata = 3000;
inline constexpr std::size_t max_input_length = 3000;  // plain_text_input max_length

class Checker {
  public:
    explicit Checker(Surface surface) : surface_(surface) {}

    std::vector<std::string> problems;

    void payload(const json& p) {
        try {
            (void)p.dump();
        } catch (const json::exception& e) {
            problem("", std::string("cannot be sent as JSON: ") + e.what());
            return;
        }
        if (surface_ == Surface::message_blocks) {
            message(p);
        } else {
            view(p);
        }
    }

  private:
    Surface surface_;
    std::set<std::string> action_ids_;
    std::set<std::string> block_ids_;

    void problem(const std::string& path, const std::string& what) {
        problems.push_back((path.empty() ? std::string("(payload)") : path) + ": " + what);
    }

    static std::string join(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }

    static std::size_t length(const json& text) {
        return core::count_code_points(text.get_ref<const std::string&>());
    }

    // A string no longer than `max`; `required` when Slack rejects it missing.
    void string_within(const json& parent, const std::string& key, const std::string& path,
                       std::size_t max, bool required = false) {
        if (!parent.is_object() || !parent.contains(key)) {
            if (required) problem(join(path, key), "missing");
            return;
        }
        const json& value = parent.at(key);
        if (!value.is_string()) {
            problem(join(path, key), "not a string");
            return;
        }
        if (length(value) > max)
            problem(join(path, key),
                    std::to_string(length(value)) + " characters, over " + std::to_string(max));
    }

    void text_object(const json& parent, const std::string& key, const std::string& path,
                     std::size_t max, bool plain_only, bool required = true) {
        if (!parent.contains(key)) {
            if (required) problem(join(path, key), "missing");
            return;
        }
        text(parent.at(key), join(path, key), max, plain_only);
    }

    void text(const json& t, const std::string& here, std::size_t max, bool plain_only) {
        if (!t.is_object() || !t.contains("type") || !t.contains("text")) {
            problem(here, "not a text object");
            return;
        }
        const std::string type = t.at("type").get<std::string>();
        if (type != "plain_text" && type != "mrkdwn") problem(here + ".type", "unknown: " + type);
        if (plain_only && type != "plain_text") problem(here + ".type", "must be plain_text");
        string_within(t, "text", here, max);
        if (t.at("text").is_string() && t.at("text").get_ref<const std::string&>().empty())
            problem(here + ".text", "empty");
    }

    void unique_id(const json& parent, const std::string& key, const std::string& path,
                   std::set<std::string>& seen, bool required) {
        string_within(parent, key, path, max_id, required);
        if (!parent.contains(key) || !parent.at(key).is_string()) return;
        if (!seen.insert(parent.at(key).get<std::string>()).second)
            problem(join(path, key), "\"" + parent.at(key).get<std::string>() + "\" repeated");
    }

    void blocks(const json& list, const std::string& path, std::size_t max) {
        if (!list.is_array()) {
            problem(path, "not an array");
            return;
        }
        if (list.size() > max)
            problem(path, std::to_string(list.size()) + " blocks, over " + std::to_string(max));
        for (std::size_t i = 0; i < list.size(); ++i)
            block(list.at(i), path + "[" + std::to_string(i) + "]");
    }

    void message(const json& p) {
        if (p.is_array()) {
            blocks(p, "blocks", max_message_blocks);
            return;
        }
        string_within(p, "text", "", max_message_text);
        if (!p.contains("blocks")) {
            problem("blocks", "missing");
            return;
        }
        blocks(p.at("blocks"), "blocks", max_message_blocks);
    }

    void view(const json& v) {
        const std::string type = v.value("type", "");
        const bool modal = surface_ == Surface::modal;
        if (type != (modal ? "modal" : "home")) problem("type", "is \"" + type + "\"");
        if (modal) {
            text_object(v, "title", "", max_view_title, true);
            text_object(v, "submit", "", max_view_title, true, false);
            text_object(v, "close", "", max_view_title, true, false);
        }
        string_within(v, "private_metadata", "", max_private_metadata);
        string_within(v, "callback_id", "", max_id);
        if (!v.contains("blocks")) {
            problem("blocks", "missing");
            return;
        }
        blocks(v.at("blocks"), "blocks", max_view_blocks);
        bool has_input = false;
        for (const auto& b : v.at("blocks"))
            has_input = has_input || b.value("type", "") == "input";
        if (modal && has_input && !v.contains("submit"))
            problem("submit", "missing: a modal with inputs needs a submit button");
    }

    void block(const json& b, const std::string& path) {
        const std::string type = b.value("type", "");
        unique_id(b, "block_id", path, block_ids_, false);
        if (type == "header") {
            text_object(b, "text", path, max_header_text, true);
        } else if (type == "section") {
            if (!b.contains("text") && !b.contains("fields"))
                problem(path, "a section needs text or fields");
            if (b.contains("text")) text_object(b, "text", path, max_section_text, false);
            if (b.contains("fields")) {
                const json& fields = b.at("fields");
                if (fields.size() > max_fields)
                    problem(path + ".fields", std::to_string(fields.size()) + " fields, over " +
                                                  std::to_string(max_fields));
                for (std::size_t i = 0; i < fields.size(); ++i)
                    text(fields.at(i), path + ".fields[" + std::to_string(i) + "]", max_field_text,
                         false);
            }
            if (b.contains("accessory")) element(b.at("accessory"), path + ".accessory");
        } else if (type == "context") {
            const json& elements = b.at("elements");
            if (elements.empty() || elements.size() > max_context_elements)
                problem(path + ".elements", std::to_string(elements.size()) +
                                                " elements, not 1 to " +
                                                std::to_string(max_context_elements));
            for (std::size_t i = 0; i < elements.size(); ++i)
                text(elements.at(i), path + ".elements[" + std::to_string(i) + "]",
                     max_section_text, false);
        } else if (type == "actions") {
            const json& elements = b.at("elements");
            if (elements.empty() || elements.size() > max_actions_elements)
                problem(path + ".elements", std::to_string(elements.size()) +
                                                " elements, not 1 to " +
                                                std::to_string(max_actions_elements));
            for (std::size_t i = 0; i < elements.size(); ++i)
                element(elements.at(i), path + ".elements[" + std::to_string(i) + "]");
        } else if (type == "input") {
            if (surface_ == Surface::message_blocks)
                problem(path, "input blocks belong in views, not messages");
            text_object(b, "label", path, max_label, true);
            text_object(b, "hint", path, max_label, true, false);
            if (!b.contains("element")) {
                problem(path + ".element", "missing");
            } else {
                element(b.at("element"), path + ".element");
            }
        } else if (type == "divider") {
        } else {
            problem(path + ".type", "\"" + type + "\" is not a block this checker knows");
        }
    }

    void element(const json& e, const std::string& path) {
        const std::string type = e.value("type", "");
        unique_id(e, "action_id", path, action_ids_, type != "image");
        if (e.contains("placeholder")) text_object(e, "placeholder", path, max_placeholder, true);
        if (e.contains("confirm")) confirm(e.at("confirm"), path + ".confirm");
        if (type == "button") {
            text_object(e, "text", path, max_button_text, true);
            string_within(e, "value", path, max_button_value);
            string_within(e, "url", path, max_url);
            if (e.contains("style") && e.at("style") != "primary" && e.at("style") != "danger")
                problem(path + ".style", "neither primary nor danger");
        } else if (type == "static_select" || type == "multi_static_select") {
            const json options = e.value("options", json::array());
            if (options.empty() || options.size() > max_options)
                problem(path + ".options", std::to_string(options.size()) + " options, not 1 to " +
                                               std::to_string(max_options));
            for (std::size_t i = 0; i < options.size(); ++i)
                option(options.at(i), path + ".options[" + std::to_string(i) + "]");
            if (e.contains("initial_option")) {
                option(e.at("initial_option"), path + ".initial_option");
                bool offered = false;
                for (const auto& o : options)
                    offered = offered || o == e.at("initial_option");
                if (!offered) problem(path + ".initial_option", "not one of the options");
            }
        } else if (type == "plain_text_input") {
            const std::size_t max = e.value("max_length", max_input_length);
            if (max > max_input_length)
                problem(path + ".max_length",
                        std::to_string(max) + ", over " + std::to_string(max_input_length));
            string_within(e, "initial_value", path, max);
        } else if (type == "users_select" || type == "multi_users_select") {
        } else {
            problem(path + ".type", "\"" + type + "\" is not an element this checker knows");
        }
    }

    void option(const json& o, const std::string& path) {
        text_object(o, "text", path, max_option_text, true);
        string_within(o, "value", path, max_option_value, true);
        text_object(o, "description", path, max_option_text, true, false);
    }

    void confirm(const json& c, const std::string& path) {
        text_object(c, "title", path, max_confirm_title, true);
        text_object(c, "text", path, max_confirm_text, false);
        text_object(c, "confirm", path, max_confirm_button, true);
        text_object(c, "deny", path, max_confirm_button, true);
        if (c.contains("style") && c.at("style") != "primary" && c.at("style") != "danger")
            problem(path + ".style", "neither primary nor danger");
    }
};

}  // namespace block_kit_detail

// Every way `payload` breaks Slack's documented Block Kit limits for `surface`, each as
// "<json path>: <what>"; empty when it is within them. Also reports block or element types the
// checker does not know, so nothing passes unchecked.
inline std::vector<std::string> block_kit_problems(const nlohmann::json& payload, Surface surface) {
    block_kit_detail::Checker checker(surface);
    checker.payload(payload);
    return checker.problems;
}

}  // namespace incidentd::test
