// What a transport hands to the router: one typed Inbound value per Slack request, whether it
// came over HTTP or Socket Mode, and the decoders that build it from untrusted bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "slack/form.hpp"
#include "slack/slack_event.hpp"

namespace incidentd::slack {

// An Events API delivery of one event.
struct EventCallback {
    std::string event_id;  // "Ev…": the de-duplication key
    std::int64_t event_time = 0;
    std::string team_id;
    std::string api_app_id;
    SlackEvent event;
    std::string raw;  // the whole body as received: the record keeps the raw payload
};

// Slack checking the request URL; answered by the transport, never routed.
struct UrlVerification {
    std::string challenge;
};

// Slack dropping events for this app because it exceeded the delivery limit.
struct AppRateLimited {
    std::int64_t minute_rate_limited = 0;  // the minute (Unix seconds) the limit applies to
    std::string team_id;
    std::string api_app_id;
};

// A slash command invocation; every field as Slack sent it, text untouched.
struct SlashCommand {
    std::string token;  // the deprecated verification token: never checked (the signature is),
                        // never stored or logged
    std::string team_id;
    std::string team_domain;
    std::string enterprise_id;
    std::string channel_id;
    std::string channel_name;
    std::string user_id;
    std::string user_name;
    std::string command;  // "/incident"
    std::string text;
    std::string api_app_id;
    bool is_enterprise_install = false;
    std::string response_url;
    std::string trigger_id;
};

enum class InteractionType {
    block_actions,
    view_submission,
    view_closed,
    shortcut,        // global shortcut
    message_action,  // message shortcut
    block_suggestion,
    other,
};
std::string_view to_string(InteractionType type);

struct InteractionUser {
    std::string id;
    std::string username;
    std::string name;
    std::string team_id;
};

struct BlockAction {
    std::string action_id;
    std::string block_id;
    std::string type;            // "button", "static_select", …
    std::string value;           // buttons
    std::string selected_value;  // selected_option.value of selects
    std::string action_ts;
};

struct ModalView {
    std::string id;
    std::string callback_id;
    std::string private_metadata;
    std::string hash;
    // state.values: {block_id: {action_id: {type, value | selected_option | selected_users…}}}
    nlohmann::json state_values = nlohmann::json::object();
};

struct Interaction {
    InteractionType type = InteractionType::other;
    std::string type_name;  // as sent
    InteractionUser user;
    std::string team_id;
    std::string api_app_id;
    std::string trigger_id;
    std::string response_url;  // "" for views
    std::string callback_id;   // shortcuts
    std::string channel_id;    // where the clicked message is
    std::string message_ts;
    std::vector<BlockAction> actions;
    std::optional<ModalView> view;
    std::string raw;  // the payload JSON text as received
};

using Inbound =
    std::variant<EventCallback, UrlVerification, SlashCommand, Interaction, AppRateLimited>;

// How Slack delivered it: a retry carries its attempt number (1–3) and the reason.
struct DeliveryMeta {
    int retry_num = 0;
    std::string retry_reason;  // "http_timeout", "http_error", …; "" on the first attempt
};

// A request that cannot be decoded; `what` names the field or the form that was wrong.
struct DecodeError {
    std::string what;
};

template <class T>
using Decoded = std::variant<T, DecodeError>;

// The JSON body of an Events API request: event_callback, url_verification or app_rate_limited.
Decoded<Inbound> decode_event_body(std::string_view json_text);
// A slash command's form fields.
Decoded<SlashCommand> decode_slash_command(const FormFields& fields);
// A Socket Mode slash_commands payload: a JSON object with the same fields as the form.
Decoded<SlashCommand> decode_slash_command_payload(const nlohmann::json& payload);
// An interactivity request's form fields (the JSON is in `payload`).
Decoded<Interaction> decode_interaction(const FormFields& fields);
// The interaction payload JSON itself, as Socket Mode carries it.
Decoded<Interaction> decode_interaction_payload(std::string_view json_text);
// Any request to the events endpoint, picked by its Content-Type.
Decoded<Inbound> decode_http_request(std::string_view content_type, std::string_view body);

// Decoding throws FieldError (slack/json_fields.hpp) naming the offending field; EventCallback's
// raw text is filled in by the decoder, which has it.
void from_json(const nlohmann::json& j, EventCallback& callback);
void from_json(const nlohmann::json& j, UrlVerification& verification);
void from_json(const nlohmann::json& j, AppRateLimited& limited);
void from_json(const nlohmann::json& j, InteractionUser& user);
void from_json(const nlohmann::json& j, BlockAction& action);
void from_json(const nlohmann::json& j, ModalView& view);
void from_json(const nlohmann::json& j, Interaction& interaction);

}  // namespace incidentd::slack
