// Seal rows: each seal incidentd signed of an incident's record (core/seal.hpp), and the ts of
// the thread message that carries it once posted.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/seal.hpp"
#include "core/time.hpp"

namespace incidentd::store {

struct StoredSeal {
    core::Seal seal;
    std::string slack_ts;  // "" until posted
};

// Signs a seal of the record's current head and stores it, unless the last seal already covers
// that head (nothing changed) or the record is empty; returns the new seal, if any.
std::optional<core::Seal> seal_record(SQLite::Database& db, std::int64_t number,
                                      const core::SigningKey& key, core::Time now);

// Every stored seal of the incident, in number order.
std::vector<StoredSeal> seals(SQLite::Database& db, std::int64_t number);
// The same without where they were posted: what verify and the documents use.
std::vector<core::Seal> seals_only(SQLite::Database& db, std::int64_t number);

// The incidents the periodic seal is due for: every one never sealed (records from before
// sealing, or stored while no key was set), and the open ones (active or resolved) whose record
// changed since their last seal, when that seal is from `sealed_before` or earlier.
std::vector<std::int64_t> records_to_seal(SQLite::Database& db, core::Time sealed_before);

void mark_seal_posted(SQLite::Database& db, std::int64_t number, std::int64_t seal,
                      const std::string& slack_ts);

}  // namespace incidentd::store
