// Writing what a decision changes, inside the caller's transaction: so the state change, its
// record entries, the outbox rows that carry it to Slack and the jobs it schedules commit together.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <vector>

#include "core/decide.hpp"
#include "core/entry.hpp"
#include "core/seal.hpp"
#include "core/time.hpp"

namespace incidentd::bot {

// Entries without a ts (incidentd's own) take the ts of their moment `at`, so they sit in the
// record where they happened among Slack's messages.
core::Entry with_own_ts(core::Entry entry);

// Stores `decision`: the incident (created when `creates`, saved otherwise), `leading` entries and
// then the decision's entries, its actions as outbox rows and its job changes. A decision that
// leaves the incident as it is (a reminder) names it by `concerns`. Returns the incident's number,
// or 0 when the decision concerns no incident. Throws StoreError when a created incident does not
// get the number the decision was made with (a bug: one writer decides and stores in the same
// transaction).
// When the decision asks for a seal, it is signed with `seal_key` (none: not sealed) after the
// entries are appended.
std::int64_t store_decision(SQLite::Database& db, const core::Decision& decision, bool creates,
                            core::Time now, const core::SigningKey* seal_key,
                            const std::vector<core::Entry>& leading = {},
                            std::int64_t concerns = 0);

// Signs a seal of the record's current head, unless the last seal already covers it, and queues
// its post to the incident thread; returns whether it sealed.
bool seal_record_now(SQLite::Database& db, std::int64_t number, const core::SigningKey& key,
                     core::Time now);

}  // namespace incidentd::bot
