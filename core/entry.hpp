// One entry of the append-only incident record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace incidentd::core {

enum class EntryKind {
    declared,
    message,
    thread_reply,
    edited,
    deleted,
    file,
    reaction,
    pinned,
    member_joined,
    member_left,
    topic,
    command,
    status_update,
    severity,
    role,
    impact,
    system,
    action,
    note,
    resolved,
    closed,
    reopened,
    bot_action,
    archived,
    header,  // the record's header as it now is (core/record_header.hpp); not shown to people
};

std::string_view to_string(EntryKind k);  // the product's names: "thread_reply", "bot_action", …
std::optional<EntryKind> parse_entry_kind(std::string_view text);

// Who did it: a Slack user id and the display name at that time.
struct Actor {
    std::string id;
    std::string name;
    bool operator==(const Actor&) const = default;
};

struct Entry {
    std::int64_t seq = 0;  // 1, 2, … within the incident, in append order; assigned by the store
    std::string ts;        // Slack ts of the message/event ("1764000000.000100"); orders the log
    EntryKind kind = EntryKind::message;
    Time at{};  // when incidentd received it
    Actor actor;
    std::string text;
    std::optional<std::string> thread_ts;  // parent ts, for thread replies
    std::optional<std::string> refers_to;  // ts of the entry an edit/deletion/reaction/pin is about
    std::string permalink;
    bool key_event = false;  // pinned, reacted with the key-event emoji, or a typed fact
    std::string payload;     // the raw Slack payload (JSON text), or "" for incidentd's own actions
    std::string hash;        // hex SHA-256 over this entry's content and the previous entry's hash
};

// The record as it happened: `entries` in Slack ts order, seq breaking ties, as positions into
// `entries`. Each ts is parsed once, so a 100,000-entry record sorts in milliseconds.
std::vector<std::size_t> slack_time_order(std::span<const Entry> entries);

}  // namespace incidentd::core
