// Checking an incident's stored record (`incidentd verify INC-N`): the store supplies the chain,
// its recorded head, the header as the incidents table holds it and the seals; core decides.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>

#include "core/record_check.hpp"
#include "core/seal.hpp"

namespace incidentd::store {

// Throws StoreError when the incident does not exist. `key` null: seals cannot be checked.
core::RecordCheck verify(SQLite::Database& db, std::int64_t number, const core::PublicKey* key);

}  // namespace incidentd::store
