// Event objects shaped as Slack sends them in event_callback envelopes.
#include "emulator/events.hpp"

#include <algorithm>

#include "emulator/slack_facts.hpp"

namespace incidentd::emulator::events {
namespace {

std::string channel_type(const Channel& channel) {
    return channel.is_private ? "group" : "channel";
}

}  // namespace

nlohmann::json message(const Channel& channel, const Message& m, const Workspace& workspace) {
    nlohmann::json event = to_json(m, workspace);
    event["channel"] = channel.id;
    event["channel_type"] = channel_type(channel);
    event["event_ts"] = m.ts;
    event["team"] = workspace.identity().team_id;
    event.erase("reply_count");
    event.erase("reply_users");
    event.erase("reply_users_count");
    event.erase("latest_reply");
    if (m.is_reply()) {
        for (const auto& other : channel.messages) {
            if (other.ts == m.thread_ts) event["parent_user_id"] = other.user;
        }
    }
    return event;
}

nlohmann::json message_changed(const Channel& channel, const Message& now, const Message& before,
                               const Workspace& workspace) {
    const std::string event_ts = now.edited ? now.edited->ts : now.ts;
    return {{"type", "message"},
            {"subtype", "message_changed"},
            {"hidden", true},
            {"channel", channel.id},
            {"channel_type", channel_type(channel)},
            {"ts", event_ts},
            {"event_ts", event_ts},
            {"message", to_json(now, workspace)},
            {"previous_message", to_json(before, workspace)}};
}

nlohmann::json message_deleted(const Channel& channel, const Message& before,
                               Workspace& workspace) {
    // As in Slack, the event has a ts of its own (when it was deleted); deleted_ts names the message.
    const std::string event_ts = workspace.next_ts();
    return {{"type", "message"},
            {"subtype", "message_deleted"},
            {"hidden", true},
            {"channel", channel.id},
            {"channel_type", channel_type(channel)},
            {"ts", event_ts},
            {"deleted_ts", before.ts},
            {"event_ts", event_ts},
            {"previous_message", to_json(before, workspace)}};
}

nlohmann::json reaction(bool added, const std::string& user, const std::string& name,
                        const Channel& channel, const Message& item, const std::string& event_ts) {
    return {{"type", added ? "reaction_added" : "reaction_removed"},
            {"user", user},
            {"reaction", name},
            {"item_user", item.user},
            {"item", {{"type", "message"}, {"channel", channel.id}, {"ts", item.ts}}},
            {"event_ts", event_ts}};
}

nlohmann::json pin_added(const std::string& user, const Channel& channel, const Message& item,
                         const std::string& event_ts, const Workspace& workspace) {
    return {{"type", "pin_added"},
            {"user", user},
            {"channel_id", channel.id},
            {"item",
             {{"type", "message"},
              {"channel", channel.id},
              {"message", to_json(item, workspace)},
              {"created_by", user}}},
            {"event_ts", event_ts}};
}

nlohmann::json member_joined_channel(const std::string& user, const Channel& channel,
                                     const std::string& inviter, const std::string& event_ts,
                                     const Workspace& workspace) {
    nlohmann::json event = {{"type", "member_joined_channel"},
                            {"user", user},
                            {"channel", channel.id},
                            {"channel_type", channel.is_private ? "G" : "C"},
                            {"team", workspace.identity().team_id},
                            {"event_ts", event_ts}};
    if (!inviter.empty()) event["inviter"] = inviter;
    return event;
}

nlohmann::json channel_archive(const Channel& channel, const std::string& user) {
    return {{"type", "channel_archive"}, {"channel", channel.id}, {"user", user}};
}

}  // namespace incidentd::emulator::events

namespace incidentd::emulator {

std::string post_and_publish(Workspace& workspace, EventSink& sink, Channel& channel,
                             Message message) {
    const std::string ts = workspace.post(channel, std::move(message));
    if (const Message* posted = workspace.find_message(channel, ts)) {
        sink.publish(events::message(channel, *posted, workspace), channel.id);
    }
    return ts;
}

void join_and_publish(Workspace& workspace, EventSink& sink, Channel& channel,
                      const std::string& user, const std::string& inviter) {
    channel.members.push_back(user);
    Message join;
    join.user = user;
    join.subtype = "channel_join";
    join.text = "<@" + user + "> has joined the channel";
    const std::string ts = post_and_publish(workspace, sink, channel, std::move(join));
    sink.publish(events::member_joined_channel(user, channel, inviter, ts, workspace), channel.id);
}

std::string react_and_publish(Workspace& workspace, EventSink& sink, Channel& channel,
                              const std::string& ts, const std::string& user,
                              const std::string& name, bool add) {
    Message* message = workspace.find_message(channel, ts);
    if (!message) return std::string{facts::error::message_not_found};
    if (name.empty()) return std::string{facts::error::invalid_name};
    auto reaction = std::find_if(message->reactions.begin(), message->reactions.end(),
                                 [&](const Reaction& r) { return r.name == name; });
    const bool has =
        reaction != message->reactions.end() &&
        std::find(reaction->users.begin(), reaction->users.end(), user) != reaction->users.end();
    if (add) {
        if (has) return std::string{facts::error::already_reacted};
        if (reaction == message->reactions.end()) {
            message->reactions.push_back(Reaction{name, {user}});
        } else {
            reaction->users.push_back(user);
        }
    } else {
        if (!has) return std::string{facts::error::no_reaction};
        std::erase(reaction->users, user);
        if (reaction->users.empty()) message->reactions.erase(reaction);
    }
    sink.publish(events::reaction(add, user, name, channel, *message, workspace.next_ts()),
                 channel.id);
    return "";
}

std::string pin_and_publish(Workspace& workspace, EventSink& sink, Channel& channel,
                            const std::string& ts, const std::string& user) {
    Message* message = workspace.find_message(channel, ts);
    if (!message) return std::string{facts::error::message_not_found};
    if (!message->pinned_by.empty()) return std::string{facts::error::already_pinned};
    message->pinned_by.push_back(user);
    sink.publish(events::pin_added(user, channel, *message, workspace.next_ts(), workspace),
                 channel.id);
    return "";
}

}  // namespace incidentd::emulator
