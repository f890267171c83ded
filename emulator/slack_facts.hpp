// Slack's error codes, limits and timings that the emulator reproduces, in one place so each fact
// can be checked against Slack's documentation (each method's page at https://api.slack.com/methods/<method>).
#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

namespace incidentd::emulator::facts {

// Error codes answered in {"ok":false,"error":...}.
namespace error {
inline constexpr std::string_view not_authed = "not_authed";
inline constexpr std::string_view invalid_auth = "invalid_auth";
inline constexpr std::string_view not_allowed_token_type = "not_allowed_token_type";
inline constexpr std::string_view unknown_method = "unknown_method";
inline constexpr std::string_view invalid_arguments = "invalid_arguments";
inline constexpr std::string_view invalid_json = "invalid_json";
inline constexpr std::string_view channel_not_found = "channel_not_found";
inline constexpr std::string_view name_taken = "name_taken";
inline constexpr std::string_view invalid_name_required = "invalid_name_required";
inline constexpr std::string_view invalid_name_specials = "invalid_name_specials";
inline constexpr std::string_view invalid_name_punctuation = "invalid_name_punctuation";
inline constexpr std::string_view invalid_name_maxlength = "invalid_name_maxlength";
inline constexpr std::string_view already_in_channel = "already_in_channel";
inline constexpr std::string_view cant_invite_self = "cant_invite_self";
inline constexpr std::string_view user_not_found = "user_not_found";
inline constexpr std::string_view users_not_found = "users_not_found";
inline constexpr std::string_view no_user = "no_user";
inline constexpr std::string_view no_such_subteam = "no_such_subteam";
inline constexpr std::string_view not_in_channel = "not_in_channel";
inline constexpr std::string_view user_not_in_channel = "user_not_in_channel";
inline constexpr std::string_view cant_delete_message = "cant_delete_message";
inline constexpr std::string_view method_not_supported_for_channel_type =
    "method_not_supported_for_channel_type";
inline constexpr std::string_view too_long = "too_long";
inline constexpr std::string_view already_archived = "already_archived";
inline constexpr std::string_view cant_archive_general = "cant_archive_general";
inline constexpr std::string_view is_archived = "is_archived";
inline constexpr std::string_view msg_too_long = "msg_too_long";
inline constexpr std::string_view too_many_blocks = "too_many_blocks";
inline constexpr std::string_view invalid_blocks = "invalid_blocks";
inline constexpr std::string_view invalid_metadata_format = "invalid_metadata_format";
inline constexpr std::string_view no_text = "no_text";
inline constexpr std::string_view message_not_found = "message_not_found";
inline constexpr std::string_view thread_not_found = "thread_not_found";
inline constexpr std::string_view cant_update_message = "cant_update_message";
inline constexpr std::string_view already_pinned = "already_pinned";
inline constexpr std::string_view already_reacted = "already_reacted";
inline constexpr std::string_view no_reaction = "no_reaction";
inline constexpr std::string_view invalid_name = "invalid_name";
inline constexpr std::string_view invalid_cursor = "invalid_cursor";
inline constexpr std::string_view invalid_limit = "invalid_limit";
inline constexpr std::string_view invalid_trigger_id = "invalid_trigger_id";
inline constexpr std::string_view expired_trigger_id = "expired_trigger_id";
inline constexpr std::string_view not_found = "not_found";
inline constexpr std::string_view hash_conflict = "hash_conflict";
inline constexpr std::string_view invalid_link = "invalid_link";
inline constexpr std::string_view invalid_bookmark_type = "invalid_bookmark_type";
inline constexpr std::string_view file_not_found = "file_not_found";
inline constexpr std::string_view file_upload_not_complete = "file_uploads_not_complete";
inline constexpr std::string_view invalid_file_length = "invalid_length";
inline constexpr std::string_view ratelimited = "ratelimited";
inline constexpr std::string_view fatal_error = "fatal_error";
inline constexpr std::string_view internal_error = "internal_error";
inline constexpr std::string_view used_url = "used_url";
inline constexpr std::string_view expired_url = "expired_url";
inline constexpr std::string_view missing_scope = "missing_scope";
inline constexpr std::string_view push_limit_reached = "push_limit_reached";
}  // namespace error

// The bot scope each Web API method needs (Slack's method reference, bot tokens) in a public
// channel and in a private one; "" = none. Where Slack also accepts a narrower scope (e.g.
// channels:write.topic for conversations.setTopic) the broad one is the one named here.
// apps.connections.open is absent: it takes the app-level token, whose connections:write scope
// is the token's own, not the bot's.
struct MethodScope {
    std::string_view method;
    std::string_view channel_scope;
    std::string_view private_channel_scope;
};
inline constexpr MethodScope method_scopes[] = {
    {"auth.test", "", ""},
    {"bookmarks.add", "bookmarks:write", "bookmarks:write"},
    {"bookmarks.list", "bookmarks:read", "bookmarks:read"},
    {"chat.delete", "chat:write", "chat:write"},
    {"chat.getPermalink", "", ""},
    {"chat.postEphemeral", "chat:write", "chat:write"},
    {"chat.postMessage", "chat:write", "chat:write"},
    {"chat.update", "chat:write", "chat:write"},
    {"conversations.archive", "channels:manage", "groups:write"},
    {"conversations.create", "channels:manage", "groups:write"},
    {"conversations.history", "channels:history", "groups:history"},
    {"conversations.info", "channels:read", "groups:read"},
    {"conversations.invite", "channels:manage", "groups:write"},
    {"conversations.join", "channels:join", "channels:join"},
    {"conversations.list", "channels:read", "groups:read"},
    {"conversations.members", "channels:read", "groups:read"},
    {"conversations.replies", "channels:history", "groups:history"},
    {"conversations.setPurpose", "channels:manage", "groups:write"},
    {"conversations.setTopic", "channels:manage", "groups:write"},
    {"files.completeUploadExternal", "files:write", "files:write"},
    {"files.getUploadURLExternal", "files:write", "files:write"},
    {"pins.add", "pins:write", "pins:write"},
    {"reactions.add", "reactions:write", "reactions:write"},
    {"reactions.remove", "reactions:write", "reactions:write"},
    {"usergroups.users.list", "usergroups:read", "usergroups:read"},
    {"users.info", "users:read", "users:read"},
    {"views.open", "", ""},
    {"views.publish", "", ""},
    {"views.push", "", ""},
    {"views.update", "", ""},
};

// The bot scope each bot event subscription needs; Slack refuses a manifest that subscribes to
// an event without its scope.
struct EventScope {
    std::string_view event;
    std::string_view scope;
};
inline constexpr EventScope event_scopes[] = {
    {"app_home_opened", ""},
    {"channel_archive", "channels:read"},
    {"channel_unarchive", "channels:read"},
    {"member_joined_channel", "channels:read"},
    {"member_left_channel", "channels:read"},
    {"message.channels", "channels:history"},
    {"message.groups", "groups:history"},
    {"message.im", "im:history"},
    {"message.mpim", "mpim:history"},
    {"pin_added", "pins:read"},
    {"pin_removed", "pins:read"},
    {"reaction_added", "reactions:read"},
    {"reaction_removed", "reactions:read"},
};

// Limits.
inline constexpr std::size_t channel_name_max = 80;
inline constexpr std::size_t topic_max = 250;  // topic and purpose
inline constexpr std::size_t message_text_max = 40'000;
inline constexpr std::size_t message_blocks_max = 50;
inline constexpr std::size_t modal_blocks_max = 100;  // modals and Home tabs alike
inline constexpr int history_limit_default = 100;
inline constexpr int history_limit_max = 999;
inline constexpr int members_limit_default = 100;

// Block Kit limits (Slack's Block Kit reference), counted in characters (code points).
namespace block_kit {
inline constexpr std::size_t id_max = 255;  // block_id, action_id, callback_id, external_id
inline constexpr std::size_t header_text_max = 150;
inline constexpr std::size_t section_text_max = 3000;
inline constexpr std::size_t section_fields_max = 10;
inline constexpr std::size_t section_field_text_max = 2000;
inline constexpr std::size_t context_elements_max = 10;
inline constexpr std::size_t actions_elements_max = 25;
inline constexpr std::size_t image_url_max = 3000;
inline constexpr std::size_t alt_text_max = 2000;
inline constexpr std::size_t input_label_max = 2000;
inline constexpr std::size_t input_hint_max = 2000;
inline constexpr std::size_t button_text_max = 75;
inline constexpr std::size_t button_value_max = 2000;
inline constexpr std::size_t url_max = 3000;
inline constexpr std::size_t placeholder_max = 150;
inline constexpr std::size_t option_text_max = 75;
inline constexpr std::size_t option_value_max = 150;
inline constexpr std::size_t select_options_max = 100;
inline constexpr std::size_t checkbox_options_max = 10;  // checkboxes and radio_buttons
inline constexpr std::size_t overflow_options_min = 2;
inline constexpr std::size_t overflow_options_max = 5;
inline constexpr std::size_t plain_text_input_length_max = 3000;
inline constexpr std::size_t confirm_title_max = 100;
inline constexpr std::size_t confirm_text_max = 300;
inline constexpr std::size_t confirm_button_max = 30;  // its confirm and deny texts
inline constexpr std::size_t view_title_max = 24;      // a modal's title, submit and close
inline constexpr std::size_t private_metadata_max = 3000;
inline constexpr std::size_t view_stack_max = 3;  // views.push and response_action push
}  // namespace block_kit

// Timings.
inline constexpr std::chrono::seconds trigger_lifetime{3};
inline constexpr std::chrono::minutes response_url_lifetime{30};
inline constexpr int response_url_max_posts = 5;
inline constexpr std::chrono::milliseconds default_ack_timeout{3000};
// Events API retries: at once, after 1 minute, after 5 minutes.
inline constexpr std::string_view default_retry_delays_ms = "0,60000,300000";
inline constexpr int max_retries = 3;

// Event delivery retry reasons (X-Slack-Retry-Reason).
namespace retry_reason {
inline constexpr std::string_view http_timeout = "http_timeout";
inline constexpr std::string_view http_error = "http_error";
inline constexpr std::string_view connection_failed = "connection_failed";
inline constexpr std::string_view timeout = "timeout";  // Socket Mode: no ack in time
}  // namespace retry_reason

}  // namespace incidentd::emulator::facts
