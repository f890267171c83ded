// Checking an incident's stored record (`incidentd verify INC-N`): the store supplies the chain,
// its recorded head, the header as the incidents table holds it and the seals; core decides.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <vector>

#include "core/entry.hpp"
#include "core/hash_chain.hpp"
#include "core/incident.hpp"
#include "core/record_check.hpp"
#include "core/seal.hpp"
#include "store/seals.hpp"

namespace incidentd::store {

// Everything verify reads of one record, read once: `verify --slack` compares the same chain and
// seals with the incident thread.
struct StoredRecord {
    core::Incident incident;         // the header as the incidents and roles rows hold it
    std::vector<core::Entry> chain;  // seq order
    core::ChainHead head;            // chain_heads' row; empty when nothing was appended
    std::vector<StoredSeal> seals;   // number order
};

// Throws StoreError when the incident does not exist.
StoredRecord read_record(SQLite::Database& db, std::int64_t number);

// `key` null: seals cannot be checked.
core::RecordCheck verify(const StoredRecord& record, const core::PublicKey* key);
core::RecordCheck verify(SQLite::Database& db, std::int64_t number, const core::PublicKey* key);

}  // namespace incidentd::store
