// Decoding of Events API `event` objects into SlackEvent, and the list of types it understands.
#include "slack/slack_event.hpp"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "slack/json_fields.hpp"
#include "slack/message_content.hpp"

namespace incidentd::slack {

using nlohmann::json;

namespace {

// Checked first by from_json, so a type leaves this list only together with its decoding.
constexpr std::array<std::string_view, 10> decoded_types{
    "message",           "reaction_added",        "reaction_removed",    "pin_added",
    "pin_removed",       "member_joined_channel", "member_left_channel", "channel_archive",
    "channel_unarchive", "app_home_opened"};

struct NamedSubtype {
    std::string_view name;
    MessageSubtype subtype;
};

// Private channels made before 2021 were "groups", and Slack still names their notices so.
constexpr std::array<NamedSubtype, 10> named_subtypes{{
    {"thread_broadcast", MessageSubtype::thread_broadcast},
    {"file_share", MessageSubtype::file_share},
    {"bot_message", MessageSubtype::bot_message},
    {"channel_join", MessageSubtype::channel_join},
    {"group_join", MessageSubtype::channel_join},
    {"channel_leave", MessageSubtype::channel_leave},
    {"group_leave", MessageSubtype::channel_leave},
    {"channel_topic", MessageSubtype::channel_topic},
    {"group_topic", MessageSubtype::channel_topic},
    {"file_comment", MessageSubtype::file_comment},
}};

// Every subtype decoding tells apart: the named ones and the two with shapes of their own.
constexpr auto decoded_subtypes = [] {
    std::array<std::string_view, named_subtypes.size() + 2> names{};
    for (std::size_t i = 0; i < named_subtypes.size(); ++i)
        names[i] = named_subtypes[i].name;
    names[named_subtypes.size()] = "message_changed";
    names[named_subtypes.size() + 1] = "message_deleted";
    return names;
}();

MessageSubtype message_subtype(std::string_view name) {
    if (name.empty()) return MessageSubtype::none;
    for (const NamedSubtype& named : named_subtypes)
        if (named.name == name) return named.subtype;
    return MessageSubtype::other;
}

// A ts field in Slack's "seconds.microseconds" form, whichever form it came in.
std::string ts_field(const json& j, std::string_view key) {
    return core::normalised_slack_ts(string_field(j, key));
}

std::optional<std::string> optional_ts_field(const json& j, std::string_view key) {
    auto ts = optional_string_field(j, key);
    if (ts) *ts = core::normalised_slack_ts(*ts);
    return ts;
}

// A string inside a nested object (bot_profile.name, comment.user); "" when either is missing.
std::string nested_string(const json& j, std::string_view object, std::string_view key) {
    const json* inner = optional_object_field(j, object);
    if (!inner) return {};
    return within(object, [&] { return string_field(*inner, key); });
}

// The name Slack shows for the author of a message from its user_profile: the display name, or
// the full name when there is none.
std::string profile_name(const json& j) {
    const json* profile = optional_object_field(j, "user_profile");
    if (!profile) return {};
    return within("user_profile", [&] {
        std::string name = string_field(*profile, "display_name");
        return name.empty() ? string_field(*profile, "real_name") : name;
    });
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
    m.bot_name = nested_string(j, "bot_profile", "name");
    m.user_name = profile_name(j);
    m.text = string_field(j, "text");
    m.content = message_content(j);
    m.ts = core::normalised_slack_ts(required_string_field(j, "ts"));
    m.event_ts = ts_field(j, "event_ts");
    m.team = string_field(j, "team");
    m.thread_ts = optional_ts_field(j, "thread_ts");
    m.parent_user_id = string_field(j, "parent_user_id");
    m.files = array_field<SlackFile>(j, "files");
    m.topic = string_field(j, "topic");
    m.inviter = string_field(j, "inviter");
    if (m.subtype == MessageSubtype::file_comment)
        m.comment_user = nested_string(j, "comment", "user");
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
    e.ts = ts_field(j, "ts");
    e.event_ts = ts_field(j, "event_ts");
    e.message = nested_field<MessageSnapshot>(j, "message");
    e.previous = optional_snapshot(j, "previous_message");
    e.edited_by =
        within("message", [&] { return nested_string(j.at("message"), "edited", "user"); });
    e.edited_ts = e.message.edited_ts;
    return e;
}

MessageDeletedEvent message_deleted(const json& j) {
    MessageDeletedEvent e;
    e.channel = string_field(j, "channel");
    e.channel_type = string_field(j, "channel_type");
    e.ts = ts_field(j, "ts");
    e.event_ts = ts_field(j, "event_ts");
    e.deleted_ts = core::normalised_slack_ts(required_string_field(j, "deleted_ts"));
    e.previous = optional_snapshot(j, "previous_message");
    return e;
}

ReactionEvent reaction(const json& j, bool added) {
    ReactionEvent e;
    e.added = added;
    e.user = string_field(j, "user");
    e.reaction = required_string_field(j, "reaction");
    e.item_user = string_field(j, "item_user");
    e.event_ts = ts_field(j, "event_ts");
    if (const json* item = optional_object_field(j, "item")) {
        within("item", [&] {
            e.item_type = string_field(*item, "type");
            e.item_channel = string_field(*item, "channel");
            e.item_ts = ts_field(*item, "ts");
        });
    }
    return e;
}

PinEvent pin(const json& j, bool added) {
    PinEvent e;
    e.added = added;
    e.user = string_field(j, "user");
    e.channel = string_field(j, "channel_id");
    e.event_ts = ts_field(j, "event_ts");
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
    e.event_ts = ts_field(j, "event_ts");
    return e;
}

ChannelArchiveEvent channel_archive(const json& j, bool archived) {
    ChannelArchiveEvent e;
    e.archived = archived;
    e.channel = required_string_field(j, "channel");
    e.user = string_field(j, "user");
    e.event_ts = ts_field(j, "event_ts");
    return e;
}

AppHomeOpenedEvent app_home_opened(const json& j) {
    AppHomeOpenedEvent e;
    e.user = required_string_field(j, "user");
    e.channel = string_field(j, "channel");
    e.tab = string_field(j, "tab");
    e.event_ts = ts_field(j, "event_ts");
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
    message.content = message_content(j);
    message.ts = ts_field(j, "ts");
    message.thread_ts = optional_ts_field(j, "thread_ts");
    message.edited_ts = core::normalised_slack_ts(nested_string(j, "edited", "ts"));
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

std::span<const std::string_view> decoded_message_subtypes() {
    return decoded_subtypes;
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
