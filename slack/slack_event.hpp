// The `event` object of an Events API delivery, decoded into one typed value per shape incidentd
// records; any other event type is kept as UnknownEvent rather than rejected.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace incidentd::slack {

// Subtypes of "message" that incidentd tells apart; `other` keeps the name in subtype_name.
// A thread reply is not a subtype in Slack: it is a message whose thread_ts differs from its ts.
enum class MessageSubtype {
    none,
    thread_broadcast,
    file_share,
    bot_message,
    channel_join,
    channel_leave,
    channel_topic,  // also group_topic, its name in private channels made before 2021
    file_comment,   // a comment on a file, from before files had threads
    other,
};

struct SlackFile {
    std::string id;
    std::string name;
    std::string title;
    std::string mimetype;
    std::string permalink;
    std::string url_private;
};

// A new message in a channel: typed text, a thread reply, a file share, a bot's post, or one of
// the join/leave/topic notices Slack posts as messages. Every ts is normalised to Slack's
// "seconds.microseconds" (core::normalised_slack_ts).
struct MessageEvent {
    MessageSubtype subtype = MessageSubtype::none;
    std::string subtype_name;  // as sent; "" when there is none
    std::string channel;
    std::string channel_type;  // "channel", "group", "im", "mpim"
    std::string user;          // "" for some bot posts
    std::string bot_id;        // set on posts by apps, incidentd's own included
    std::string username;      // bot_message posts, and apps posting under a name of their own
    std::string bot_name;      // bot_profile.name: the app's name, as Slack shows it
    std::string user_name;     // user_profile's display name, when Slack sends one (Slack Connect)
    std::string text;          // as Slack sent it: the notification fallback when blocks exist
    std::string content;       // what a person sees: slack/message_content.hpp
    std::string ts;
    std::string event_ts;
    std::string team;
    std::optional<std::string> thread_ts;
    std::string parent_user_id;
    std::vector<SlackFile> files;  // file_share
    std::string topic;             // channel_topic
    std::string inviter;           // channel_join, when someone added the user
    std::string comment_user;      // file_comment: who wrote the comment

    bool is_thread_reply() const { return thread_ts && *thread_ts != ts; }
    bool from_bot() const { return !bot_id.empty() || subtype == MessageSubtype::bot_message; }
};

// The parts of a message that edit and deletion events carry about it.
struct MessageSnapshot {
    std::string user;
    std::string bot_id;
    std::string text;
    std::string content;  // what a person sees: slack/message_content.hpp
    std::string ts;
    std::optional<std::string> thread_ts;
    std::string edited_ts;  // edited.ts: when it was last edited, "" if never
};

// subtype "message_changed". Slack also sends it when only a message's metadata changes (a new
// reply count, an unfurl): then there is no `edited`, or — for a message edited before — the same
// `edited` and the same content as previous_message, and is_edit() is false.
struct MessageChangedEvent {
    std::string channel;
    std::string channel_type;
    std::string ts;  // of the event, not of the message
    std::string event_ts;
    MessageSnapshot message;                  // the new version; message.ts is the original ts
    std::optional<MessageSnapshot> previous;  // previous_message, when Slack includes it
    std::string edited_by;                    // message.edited.user
    std::string edited_ts;                    // message.edited.ts

    bool is_edit() const {
        if (edited_ts.empty()) return false;
        return !previous || previous->edited_ts != edited_ts ||
               previous->content != message.content;
    }
};

// subtype "message_deleted"; the deleted text is in previous, when Slack includes it.
struct MessageDeletedEvent {
    std::string channel;
    std::string channel_type;
    std::string ts;
    std::string event_ts;
    std::string deleted_ts;
    std::optional<MessageSnapshot> previous;
};

// reaction_added / reaction_removed.
struct ReactionEvent {
    bool added = true;
    std::string user;
    std::string reaction;   // the emoji name without colons: "pushpin"
    std::string item_user;  // author of the item reacted to
    std::string item_type;  // "message" or "file"
    std::string item_channel;
    std::string item_ts;
    std::string event_ts;
};

// pin_added / pin_removed.
struct PinEvent {
    bool added = true;
    std::string user;
    std::string channel;                     // channel_id
    std::string item_type;                   // "message", "file"
    std::optional<MessageSnapshot> message;  // the pinned message, for message items
    std::string created_by;
    std::string event_ts;
};

// member_joined_channel / member_left_channel.
struct MemberEvent {
    bool joined = true;
    std::string user;
    std::string channel;
    std::string channel_type;
    std::string inviter;  // member_joined_channel, when invited
    std::string team;
    std::string event_ts;
};

// channel_archive / channel_unarchive.
struct ChannelArchiveEvent {
    bool archived = true;
    std::string channel;
    std::string user;
    std::string event_ts;
};

struct AppHomeOpenedEvent {
    std::string user;
    std::string channel;
    std::string tab;  // "home", "messages"
    std::string event_ts;
};

// Any event type incidentd does not act on; kept so a delivery is still acknowledged and recorded.
struct UnknownEvent {
    std::string type;
};

using SlackEvent =
    std::variant<MessageEvent, MessageChangedEvent, MessageDeletedEvent, ReactionEvent, PinEvent,
                 MemberEvent, ChannelArchiveEvent, AppHomeOpenedEvent, UnknownEvent>;

// The event types decoding gives a shape of their own (every other type becomes UnknownEvent): what
// the app manifest may subscribe to.
std::span<const std::string_view> decoded_event_types();

// The message subtypes decoding tells apart ("file_share", "message_changed", …; every other
// subtype is MessageSubtype::other, kept by name).
std::span<const std::string_view> decoded_message_subtypes();

// The event's `type` ("message", "reaction_added", …) as Slack named it.
std::string event_type_name(const SlackEvent& event);

// Decoding throws FieldError (slack/json_fields.hpp) naming the offending field.
void from_json(const nlohmann::json& j, SlackFile& file);
void from_json(const nlohmann::json& j, MessageSnapshot& message);
void from_json(const nlohmann::json& j, SlackEvent& event);

}  // namespace incidentd::slack
