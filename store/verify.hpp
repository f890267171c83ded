// Checking an incident's stored record against its hash chain (`incidentd verify INC-N`).
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>

#include "core/hash_chain.hpp"

namespace incidentd::store {

struct Verification {
    std::int64_t entries = 0;                // how many entries were checked
    std::optional<core::ChainBreak> broken;  // the first entry that fails, empty when intact
    bool intact() const { return !broken.has_value(); }
};

// Loads the incident's entries in seq order and runs core::verify_chain over them.
// Throws StoreError when the incident does not exist.
Verification verify(SQLite::Database& db, std::int64_t number);

}  // namespace incidentd::store
