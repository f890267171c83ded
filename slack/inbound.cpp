#include "slack/inbound.hpp"

#include <algorithm>
#include <cctype>

#include "slack/json_fields.hpp"
#include "slack/wire_names.hpp"

namespace incidentd::slack {

using nlohmann::json;

namespace {

// Values echoed into error messages come from the sender: keep them short.
std::string echoed(std::string_view text) {
    constexpr std::size_t limit = 64;
    if (text.size() <= limit) return "\"" + std::string{text} + "\"";
    return "\"" + std::string{text.substr(0, limit)} + "…\"";
}

// Runs a decoder; whatever it throws becomes a DecodeError prefixed with what was being decoded.
template <class Decode>
auto guarded(std::string_view what, Decode&& decode)
    -> std::variant<decltype(decode()), DecodeError> {
    try {
        return decode();
    } catch (const std::exception& e) {
        return DecodeError{std::string{what} + ": " + e.what()};
    }
}

std::string form_field(const FormFields& fields, std::string_view name) {
    auto it = fields.find(name);
    return it == fields.end() ? std::string{} : it->second;
}

InteractionType interaction_type(std::string_view name) {
    if (name == "block_actions") return InteractionType::block_actions;
    if (name == "view_submission") return InteractionType::view_submission;
    if (name == "view_closed") return InteractionType::view_closed;
    if (name == "shortcut") return InteractionType::shortcut;
    if (name == "message_action") return InteractionType::message_action;
    if (name == "block_suggestion") return InteractionType::block_suggestion;
    return InteractionType::other;
}

// "Application/JSON; charset=utf-8" -> "application/json".
std::string media_type(std::string_view content_type) {
    std::string_view type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && std::isspace(static_cast<unsigned char>(type.front())))
        type.remove_prefix(1);
    while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back())))
        type.remove_suffix(1);
    std::string lower{type};
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

// The one list of a slash command's fields, read through `field` (a name to its value, "" when
// missing) so that the HTTP form and the Socket Mode JSON payload decode alike.
template <class Field>
SlashCommand slash_command_from(Field&& field) {
    auto required = [&](std::string_view name) {
        std::string value = field(name);
        if (value.empty()) throw FieldError(std::string{name}, "is missing or empty");
        return value;
    };
    SlashCommand c;
    c.token = field("token");
    c.team_id = field("team_id");
    c.team_domain = field("team_domain");
    c.enterprise_id = field("enterprise_id");
    c.channel_id = required("channel_id");
    c.channel_name = field("channel_name");
    c.user_id = required("user_id");
    c.user_name = field("user_name");
    c.command = required("command");
    c.text = field("text");
    c.api_app_id = field("api_app_id");
    c.is_enterprise_install = field("is_enterprise_install") == "true";
    c.response_url = field("response_url");
    c.trigger_id = field("trigger_id");
    return c;
}

template <class T>
Decoded<Inbound> widen(Decoded<T> decoded) {
    if (auto* error = std::get_if<DecodeError>(&decoded)) return std::move(*error);
    return Inbound{std::move(std::get<T>(decoded))};
}

}  // namespace

std::string_view to_string(InteractionType type) {
    switch (type) {
        case InteractionType::block_actions:
            return "block_actions";
        case InteractionType::view_submission:
            return "view_submission";
        case InteractionType::view_closed:
            return "view_closed";
        case InteractionType::shortcut:
            return "shortcut";
        case InteractionType::message_action:
            return "message_action";
        case InteractionType::block_suggestion:
            return "block_suggestion";
        case InteractionType::other:
            return "other";
    }
    return "other";
}

void from_json(const json& j, EventCallback& callback) {
    callback.event_id = required_string_field(j, "event_id");
    callback.event_time = optional_integer_field(j, "event_time").value_or(0);
    callback.team_id = string_field(j, "team_id");
    callback.api_app_id = string_field(j, "api_app_id");
    callback.event = nested_field<SlackEvent>(j, "event");
}

void from_json(const json& j, UrlVerification& verification) {
    verification.challenge = required_string_field(j, "challenge");
}

void from_json(const json& j, AppRateLimited& limited) {
    limited.minute_rate_limited = required_integer_field(j, "minute_rate_limited");
    limited.team_id = string_field(j, "team_id");
    limited.api_app_id = string_field(j, "api_app_id");
}

void from_json(const json& j, InteractionUser& user) {
    user.id = required_string_field(j, "id");
    user.username = string_field(j, "username");
    user.name = string_field(j, "name");
    user.team_id = string_field(j, "team_id");
}

void from_json(const json& j, BlockAction& action) {
    action.action_id = required_string_field(j, "action_id");
    action.block_id = string_field(j, "block_id");
    action.type = string_field(j, "type");
    action.value = string_field(j, "value");
    action.action_ts = string_field(j, "action_ts");
    if (const json* selected = optional_object_field(j, "selected_option"))
        within("selected_option",
               [&] { action.selected_value = string_field(*selected, "value"); });
}

void from_json(const json& j, ModalView& view) {
    view.id = required_string_field(j, "id");
    view.callback_id = string_field(j, "callback_id");
    view.private_metadata = string_field(j, "private_metadata");
    view.hash = string_field(j, "hash");
    if (const json* state = optional_object_field(j, "state")) {
        within("state", [&] {
            if (const json* values = optional_object_field(*state, "values"))
                view.state_values = *values;
        });
    }
}

void from_json(const json& j, Interaction& interaction) {
    interaction.type_name = required_string_field(j, "type");
    interaction.type = interaction_type(interaction.type_name);
    interaction.user = nested_field<InteractionUser>(j, "user");
    interaction.api_app_id = string_field(j, "api_app_id");
    interaction.trigger_id = string_field(j, "trigger_id");
    interaction.response_url = string_field(j, "response_url");
    interaction.callback_id = string_field(j, "callback_id");
    if (const json* team = optional_object_field(j, "team"))
        within("team", [&] { interaction.team_id = string_field(*team, "id"); });
    if (interaction.team_id.empty()) interaction.team_id = interaction.user.team_id;
    if (const json* channel = optional_object_field(j, "channel"))
        within("channel", [&] { interaction.channel_id = string_field(*channel, "id"); });
    if (const json* container = optional_object_field(j, "container")) {
        within("container", [&] {
            if (interaction.channel_id.empty())
                interaction.channel_id = string_field(*container, "channel_id");
            interaction.message_ts = string_field(*container, "message_ts");
        });
    }
    if (const json* message = optional_object_field(j, "message")) {
        within("message", [&] {
            if (interaction.message_ts.empty())
                interaction.message_ts = string_field(*message, "ts");
        });
    }
    interaction.actions = array_field<BlockAction>(j, "actions");
    if (optional_object_field(j, "view")) interaction.view = nested_field<ModalView>(j, "view");
}

Decoded<Inbound> decode_event_body(std::string_view json_text) {
    std::string problem;
    auto parsed = parse_json_bounded(json_text, problem);
    if (!parsed) return DecodeError{"event body " + problem};
    return guarded("event body", [&]() -> Inbound {
        const std::string type = required_string_field(*parsed, "type");
        if (type == wire::event_callback_type) {
            auto callback = parsed->get<EventCallback>();
            callback.raw = std::string{json_text};
            return callback;
        }
        if (type == wire::url_verification_type) return parsed->get<UrlVerification>();
        if (type == wire::app_rate_limited_type) return parsed->get<AppRateLimited>();
        throw FieldError("type", echoed(type) +
                                     " is not a delivery incidentd knows (event_callback, "
                                     "url_verification, app_rate_limited)");
    });
}

Decoded<SlashCommand> decode_slash_command(const FormFields& fields) {
    return guarded("slash command", [&] {
        return slash_command_from([&](std::string_view name) { return form_field(fields, name); });
    });
}

Decoded<SlashCommand> decode_slash_command_payload(const json& payload) {
    return guarded("slash command payload", [&] {
        require_object(payload);
        return slash_command_from([&](std::string_view name) -> std::string {
            auto it = payload.find(name);
            // Socket Mode sends the form's values as JSON strings; a flag may come as a boolean.
            if (it != payload.end() && it->is_boolean()) return it->get<bool>() ? "true" : "false";
            return string_field(payload, name);
        });
    });
}

Decoded<Interaction> decode_interaction_payload(std::string_view json_text) {
    std::string problem;
    auto parsed = parse_json_bounded(json_text, problem);
    if (!parsed) return DecodeError{"interaction payload " + problem};
    return guarded("interaction payload", [&] {
        require_object(*parsed);
        auto interaction = parsed->get<Interaction>();
        interaction.raw = std::string{json_text};
        return interaction;
    });
}

Decoded<Interaction> decode_interaction(const FormFields& fields) {
    auto it = fields.find(wire::interaction_payload_field);
    if (it == fields.end() || it->second.empty())
        return DecodeError{"interaction: the form has no payload field"};
    return decode_interaction_payload(it->second);
}

Decoded<Inbound> decode_http_request(std::string_view content_type, std::string_view body) {
    const std::string type = media_type(content_type);
    if (type == wire::json_content_type) return decode_event_body(body);
    if (type != wire::form_content_type) {
        return DecodeError{"content type " + echoed(content_type) +
                           " is not one Slack sends; expected application/json (events) or "
                           "application/x-www-form-urlencoded (commands, interactivity)"};
    }
    auto fields = parse_form(body);
    if (!fields) return DecodeError{"form body is not valid application/x-www-form-urlencoded"};
    if (fields->contains(wire::interaction_payload_field))
        return widen(decode_interaction(*fields));
    if (fields->contains(wire::slash_command_field)) return widen(decode_slash_command(*fields));
    return DecodeError{
        "form body has neither a payload field (interactivity) nor a command field (slash "
        "command)"};
}

}  // namespace incidentd::slack
