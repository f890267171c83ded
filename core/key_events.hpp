// Which entries are the incident's key events: the postmortem's timeline starts from them.
#pragma once

#include <span>
#include <unordered_set>

#include "core/entry.hpp"

namespace incidentd::core {

// Entries flagged key_event, except that a marker — a reaction with the key-event emoji, or a pin —
// stands for the message it marks: the record is append-only, so the mark arrives as its own entry,
// but what matters in the timeline is the message. A marker whose message is not in the record
// (said before the incident began) stays a key event itself. Each message counts once however
// often it is marked.
std::unordered_set<const Entry*> key_events(std::span<const Entry> entries);

}  // namespace incidentd::core
