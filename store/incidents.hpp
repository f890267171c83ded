// Incidents as rows: allocation of INC numbers, the derived current state and roles, and the
// lists that `list` shows.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/incident.hpp"
#include "core/time.hpp"

namespace incidentd::store {

// Stores a new incident and returns its number (INC-1, INC-2, …; never reused). The draft's
// own number is ignored; its declared_at is recorded as the row's last update.
std::int64_t create_incident(SQLite::Database& db, const core::Incident& draft);

// The number create_incident gives next: a decision names the incident before it is stored.
std::int64_t next_incident_number(SQLite::Database& db);

// Both chain the header when it changed (store/record_header.hpp).
// Overwrites the stored current state and roles of incident.number with `incident`.
// Throws StoreError when there is no such incident.
void save_incident(SQLite::Database& db, const core::Incident& incident, core::Time now);

std::optional<core::Incident> find_incident(SQLite::Database& db, std::int64_t number);
std::optional<core::Incident> find_incident_by_channel(SQLite::Database& db,
                                                       std::string_view channel_id);

enum class IncidentFilter { open, all };  // open = active or resolved

// In number order.
std::vector<core::Incident> list_incidents(SQLite::Database& db, IncidentFilter filter);

// Incidents whose postmortem has a due date and is not done yet, earliest due first.
std::vector<core::Incident> postmortems_due(SQLite::Database& db);

}  // namespace incidentd::store
