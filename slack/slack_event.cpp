// Decoding of Events API `event` objects into SlackEvent, and the list of types it understands.
#include "slack/slack_event.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "slack/json_fields.hpp"

namespace incidentd::slack {

using nlohmann::json;

namespace {

// Checked first by from_json, so a type leaves this list only together with its decoding.
constexpr std::array<std::string_view, 10> decoded_types{
    "message",           "reaction_added",        "reaction_removed",    "pin_added",
    "pin_removed",       "member_joined_channel", "member_left_channel", "channel_archive",
    "channel_unarchive", "app_home_opened"};

MessageSubtype message_subtype(std::string_view name) {
    if (name.empty()) return MessageSubtype::none;
    if (name == "thread_broadcast") return MessageSubtype::thread_broadcast;
    if (name == "file_share") return MessageSubtype::file_share;
    if (name == "bot_message") return MessageSubtype::bot_message;
    if (name == "channel_join") return MessageSubtype::channel_join;
    if (name == "channel_leave") return MessageSubtype::channel_leave;
    if (name == "channel_topic") return MessageSubtype::channel_topic;
    return MessageSubtype::other;
}

MessageEvent message_event(const json& j, std::string subtype) {
    MessageEvent m;
    m.subtype = message_subtype(subtype);
    m.subtype_name = std::move(subtype);
    m.channel = string_field(j, "channel");
    m.channel_type = string_field(j, "channel_type");
    m.user = string_field(j, "user");
    m.bot_id = string_field(j, "bot_id");
    m.username = string_field(j, "username");
    m.text = string_field(j, "text");
    m.ts = required_string_field(j, "ts");
    m.event_ts = string_field(j, "event_ts");
    m.team = string_field(j, "team");
    m.thread_ts = optional_string_field(j, "thread_ts");
    m.parent_user_id = string_field(j, "parent_user_id");
    m.files = array_field<SlackFile>(j, "files");
    m.topic = string_field(j, "topic");
    m.inviter = string_field(j, "inviter");
    return m;
}

std::optional<MessageSnapshot> optional_snapshot(const json& j, std::string_view key) {
    if (!optional_object_field(j, key)) return std::nullopt;
    return nested_field<MessageSnapshot>(j, key);
}

MessageChangedEvent message_changed(const json& j) {
    MessageChangedEvent e;
    e.channel = string_field(j, "channel");
    e.channel_type = string_field(j, "channel_type");
    e.ts = string_field(j, "ts");
    e.event_ts = string_field(j, "event_ts");
    e.message = nested_field<MessageSnapshot>(j, "message");
    e.previous = optional_snapshot(j, "previous_message");
    within("message", [&] {
        if (const json* edited = optional_object_field(j.at("message"), "edited")) {
            within("edited", [&] {
                e.edited_by = string_field(*edited, "user");
                e.edited_ts = string_field(*edited, "ts");
            });
        }
    });
    return e;
}

MessageDeletedEvent message_deleted(const json& j) {
    MessageDeletedEvent e;
    e.channel = string_field(j, "channel");
    e.channel_type = string_field(j, "channel_type");
    e.ts = string_field(j, "ts");
    e.event_ts = string_field(j, "event_ts");
    e.deleted_ts = required_string_field(j, "deleted_ts");
    e.previous = optional_snapshot(j, "previous_message");
    return e;
}

ReactionEvent reaction(const json& j, bool added) {
    ReactionEvent e;
    e.added = added;
    e.user = string_field(j, "user");
    e.reaction = required_string_field(j, "reaction");
    e.item_user = string_field(j, "item_user");
    e.event_ts = string_field(j, "event_ts");
    if (const json* item = optional_object_field(j, "item")) {
        within("item", [&] {
            e.item_type = string_field(*item, "type");
            e.item_channel = string_field(*item, "channel");
            e.item_ts = string_field(*item, "ts");
        });
    }
    return e;
}

PinEvent pin(const json& j, bool added) {
    PinEvent e;
    e.added = added;
    e.user = string_field(j, "user");
    e.channel = string_field(j, "channel_id");
    e.event_ts = string_field(j, "event_ts");
    if (const json* item = optional_object_field(j, "item")) {
        within("item", [&] {
            e.item_type = string_field(*item, "type");
            e.created_by = string_field(*item, "created_by");
            e.message = optional_snapshot(*item, "message");
            if (e.channel.empty()) e.channel = string_field(*item, "channel");
        });
    }
    return e;
}

MemberEvent member(const json& j, bool joined) {
    MemberEvent e;
    e.joined = joined;
    e.user = required_string_field(j, "user");
    e.channel = required_string_field(j, "channel");
    e.channel_type = string_field(j, "channel_type");
    e.inviter = string_field(j, "inviter");
    e.team = string_field(j, "team");
    e.event_ts = string_field(j, "event_ts");
    return e;
}

ChannelArchiveEvent channel_archive(const json& j, bool archived) {
    ChannelArchiveEvent e;
    e.archived = archived;
    e.channel = required_string_field(j, "channel");
    e.user = string_field(j, "user");
    e.event_ts = string_field(j, "event_ts");
    return e;
}

AppHomeOpenedEvent app_home_opened(const json& j) {
    AppHomeOpenedEvent e;
    e.user = required_string_field(j, "user");
    e.channel = string_field(j, "channel");
    e.tab = string_field(j, "tab");
    e.event_ts = string_field(j, "event_ts");
    return e;
}

}  // namespace

void from_json(const json& j, SlackFile& file) {
    file.id = required_string_field(j, "id");
    file.name = string_field(j, "name");
    file.title = string_field(j, "title");
    file.mimetype = string_field(j, "mimetype");
    file.permalink = string_field(j, "permalink");
    file.url_private = string_field(j, "url_private");
}

void from_json(const json& j, MessageSnapshot& message) {
    message.user = string_field(j, "user");
    message.bot_id = string_field(j, "bot_id");
    message.text = string_field(j, "text");
    message.ts = string_field(j, "ts");
    message.thread_ts = optional_string_field(j, "thread_ts");
}

void from_json(const json& j, SlackEvent& event) {
    const std::string type = required_string_field(j, "type");
    if (std::ranges::find(decoded_types, type) == decoded_types.end()) {
        event = UnknownEvent{type};
    } else if (type == "message") {
        std::string subtype = string_field(j, "subtype");
        if (subtype == "message_changed") {
            event = message_changed(j);
        } else if (subtype == "message_deleted") {
            event = message_deleted(j);
        } else {
            event = message_event(j, std::move(subtype));
        }
    } else if (type == "reaction_added" || type == "reaction_removed") {
        event = reaction(j, type == "reaction_added");
    } else if (type == "pin_added" || type == "pin_removed") {
        event = pin(j, type == "pin_added");
    } else if (type == "member_joined_channel" || type == "member_left_channel") {
        event = member(j, type == "member_joined_channel");
    } else if (type == "channel_archive" || type == "channel_unarchive") {
        event = channel_archive(j, type == "channel_archive");
    } else if (type == "app_home_opened") {
        event = app_home_opened(j);
    } else {
        event = UnknownEvent{type};  // listed but not decoded: the manifest test catches this
    }
}

std::span<const std::string_view> decoded_event_types() {
    return decoded_types;
}

std::string event_type_name(const SlackEvent& event) {
    struct Name {
        std::string operator()(const MessageEvent&) const { return "message"; }
        std::string operator()(const MessageChangedEvent&) const { return "message"; }
        std::string operator()(const MessageDeletedEvent&) const { return "message"; }
        std::string operator()(const ReactionEvent& e) const {
            return e.added ? "reaction_added" : "reaction_removed";
        }
        std::string operator()(const PinEvent& e) const {
            return e.added ? "pin_added" : "pin_removed";
        }
        std::string operator()(const MemberEvent& e) const {
            return e.joined ? "member_joined_channel" : "member_left_channel";
        }
        std::string operator()(const ChannelArchiveEvent& e) const {
            return e.archived ? "channel_archive" : "channel_unarchive";
        }
        std::string operator()(const AppHomeOpenedEvent&) const { return "app_home_opened"; }
        std::string operator()(const UnknownEvent& e) const { return e.type; }
    };
    return std::visit(Name{}, event);
}

}  // namespace incidentd::slack
