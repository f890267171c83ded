// A realistic sample incident — declared, worked, resolved and closed — so that a new user can see
// the record, the export and the postmortem without a Slack workspace (`incidentd demo`).
#pragma once

#include <vector>

#include "core/entry.hpp"
#include "core/incident.hpp"
#include "core/time.hpp"

namespace incidentd::bot {

struct SampleIncident {
    core::Incident incident;           // number 0: the store allocates it
    std::vector<core::Entry> entries;  // in the order they happened; seq and hash left to the store
};

// The incident happened in the two hours before `now`; the workspace domain is "incidentd-demo".
SampleIncident make_sample_incident(core::Time now);

}  // namespace incidentd::bot
