// What one Slack event in an incident channel adds to the incident record: the pure translation
// of an EventCallback into a core::Entry (no I/O; the caller resolves names and stores it).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/entry.hpp"
#include "core/time.hpp"
#include "slack/inbound.hpp"
#include "slack/slack_event.hpp"
#include "slack/workspace.hpp"

namespace incidentd::bot {

// Message subtypes that add nothing because the record holds their content in another form (a
// pin notice: pin_added is recorded), beyond the join and leave notices slack decodes by name.
std::span<const std::string_view> notice_subtypes();

// The channel an event happened in ("" when it has none, e.g. app_home_opened).
std::string event_channel(const slack::SlackEvent& event);

struct EventEntry {
    core::Entry entry;      // kind, ts, at, actor (its name only when the event names the author,
                            // as apps' posts do; else "" and the caller resolves it by id), text,
                            // thread_ts, refers_to, permalink, key_event, payload
    std::string dedupe_ts;  // with the channel and kind: the key that records a message once
                            // even when it arrives under two event ids (store::record_message_once)
    std::string added_reaction;  // the emoji a reaction_added adds: whether it marks a key event
                                 // is the incident's team's setting (mark_key_event)
};

// What `callback` adds to the record, or nothing for what the record does not keep: incidentd's
// own posts, edits, pins, reactions and joins (it records its actions itself, as bot_action),
// join/leave/pin notices that duplicate the events recorded instead, metadata-only message
// changes, archive events (the record's `archived` entry comes from the archive job) and events
// that have no place in a channel's record.
//
// dedupe_ts is the message's ts for messages, files and topics; for an edit it is the message's
// ts, edited.ts and a digest of the new content, so the message_changed Slack sends again for an
// unfurl or a new reply count is the same edit; for deletions, reactions, pins and member events
// it names the happening (its ts and what tells it apart: who, which emoji, which message),
// because the emulator — and Slack, for member events — do not always give each such event a ts
// of its own.
//
// A pin is a key event; a reaction is one only with the team's emoji (mark_key_event).
std::optional<EventEntry> entry_for_event(const slack::EventCallback& callback,
                                          const slack::Workspace& ws, core::Time now);

// Marks an added reaction with `key_event_emoji` (the configured name; surrounding colons are
// ignored) as a key event.
void mark_key_event(EventEntry& e, std::string_view key_event_emoji);

// Both at once, for a caller that knows the team's emoji before translating.
std::optional<EventEntry> entry_for_event(const slack::EventCallback& callback,
                                          const slack::Workspace& ws,
                                          std::string_view key_event_emoji, core::Time now);

}  // namespace incidentd::bot
