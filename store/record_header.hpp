// The record's header chained into the record: whenever an incident's stored header changes,
// a `header` entry with its snapshot (core/record_header.hpp) is appended.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>

#include "core/incident.hpp"
#include "core/time.hpp"

namespace incidentd::store {

// Appends a `header` entry when `incident`'s header differs from the last one chained.
void chain_header(SQLite::Database& db, const core::Incident& incident, core::Time at);

// Chains the header of every incident that has no `header` entry yet (records from before
// headers were chained): their header is vouched for from then on, not before.
void chain_missing_headers(SQLite::Database& db);

}  // namespace incidentd::store
