// De-duplication of Slack input: an event id is processed once (Slack retries reuse it), and a
// message is recorded once per (channel, ts, kind) even when it arrives under several event ids.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string_view>

#include "core/time.hpp"

namespace incidentd::store {

// True the first time an event id is seen, false for a duplicate. Call it in the transaction
// that records the event, so a rolled-back attempt does not count as seen.
bool record_event_once(SQLite::Database& db, std::string_view event_id, core::Time now);

// True the first time (channel, ts, kind) is seen, false for the same message again.
bool record_message_once(SQLite::Database& db, std::string_view channel_id, std::string_view ts,
                         std::string_view kind, core::Time now);

// Forgets event ids and message keys received before `older_than` (Slack retries for minutes,
// not days); returns how many rows were removed.
std::int64_t prune_events(SQLite::Database& db, core::Time older_than);

}  // namespace incidentd::store
