// The side effects a decision asks for, as values. The bot writes them to the durable outbox in
// the order given and carries them out after commit; each carries an idempotency key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace incidentd::core {

// Every action has `key`: "INC-<n>/<purpose>/<request>", unique within and across decisions and
// the same when the same command is decided again, so queueing or doing an action twice has the
// effect of doing it once (the outbox refuses a key it already holds).

// conversations.create; on name_taken the bot tries with_suffix(name, 2), 3, … and, on a retry,
// first looks for a channel of its own by that name.
struct CreateChannel {
    std::string key;
    std::string name;  // the base name from channel_name()
    bool is_private = false;
    bool operator==(const CreateChannel&) const = default;
};
// conversations.invite into the incident channel.
struct InviteUsers {
    std::string key;
    std::vector<std::string> user_ids;  // no repeats
    bool operator==(const InviteUsers&) const = default;
};
struct SetTopic {
    std::string key;
    std::string text;  // at most max_topic_code_points, already escaped
    bool operator==(const SetTopic&) const = default;
};
// Posts and pins the Block Kit summary; its ts (Incident::summary_ts) names the incident thread.
struct PostSummary {
    std::string key;
    bool operator==(const PostSummary&) const = default;
};
// Re-renders the pinned summary from the incident as it is when the action runs.
struct UpdateSummary {
    std::string key;
    bool operator==(const UpdateSummary&) const = default;
};

enum class Destination {
    incident_channel,
    incident_thread,  // replies to the pinned summary
    announce_channel,
    direct_message,  // the bot's DM with the user whose id is in channel_id
};
struct PostMessage {
    std::string key;
    std::string text;  // mrkdwn, user-provided parts already escaped
    Destination to = Destination::incident_channel;
    std::string channel_id;  // announcement channel or user id; "" for the incident's own places
    bool operator==(const PostMessage&) const = default;
};
// chat.postEphemeral: a note only `user_id` sees, in `channel_id`.
struct PostEphemeral {
    std::string key;
    std::string channel_id;
    std::string user_id;
    std::string text;  // mrkdwn, escaped
    bool operator==(const PostEphemeral&) const = default;
};
struct ArchiveChannel {
    std::string key;
    bool operator==(const ArchiveChannel&) const = default;
};
// Renders the documents from the record as it is when the action runs and uploads them as
// Markdown files into the incident thread.
struct UploadDocuments {
    std::string key;
    bool record = true;
    bool postmortem = true;
    bool operator==(const UploadDocuments&) const = default;
};
// bookmarks.add in the incident channel.
struct Bookmark {
    std::string key;
    std::string title;
    std::string url;
    bool operator==(const Bookmark&) const = default;
};

// Posts a seal (core/seal.hpp) in the incident thread: Slack keeps the witness the database's
// administrator cannot change. Quiet: no entry in the record (that would need sealing in turn);
// the seal row remembers the message's ts.
struct PostSeal {
    std::string key;
    std::int64_t seal = 0;  // its number within the incident
    std::string text;       // core::seal_message()
    bool operator==(const PostSeal&) const = default;
};

using Action =
    std::variant<CreateChannel, InviteUsers, SetTopic, PostSummary, UpdateSummary, PostMessage,
                 PostEphemeral, ArchiveChannel, UploadDocuments, Bookmark, PostSeal>;

// "create-channel", "invite", "set-topic", …: the purpose part of an action's key, for logs.
std::string_view action_name(const Action& action);
const std::string& idempotency_key(const Action& action);

// "INC-7/set-topic/<request>". `request` names the decision: Slack's trigger_id for a command,
// the job and its time for scheduled work.
std::string action_key(std::int64_t incident_number, std::string_view purpose,
                       std::string_view request);

}  // namespace incidentd::core
