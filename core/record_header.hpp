// The record's header (title, severity, state, team, channel, roles, times, postmortem) as a
// chained fact: each time it changes, the store appends a `header` entry whose payload is this
// snapshot, so the hash chain covers what the record shows and `verify` can tell when the
// incidents table disagrees with the chain.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/incident.hpp"

namespace incidentd::core {

// Canonical JSON text of every header fact of `incident` (members in a fixed order, times in
// milliseconds): equal incidents give byte-equal snapshots.
std::string header_snapshot(const Incident& incident);

// The incident a snapshot describes; nullopt when `snapshot` is not one.
std::optional<Incident> incident_from_snapshot(std::string_view snapshot);

// The header facts in which `a` and `b` differ, by name ("title", "severity", "roles.commander",
// "declared_at", …), in the snapshot's order; empty when they agree.
std::vector<std::string> header_differences(const Incident& a, const Incident& b);

// The sentence a `header` entry carries for people: "Header: SEV2, active, “Checkout latency”".
std::string header_entry_text(const Incident& incident);

}  // namespace incidentd::core
