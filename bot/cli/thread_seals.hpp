// `incidentd verify --slack`: the seals incidentd posted to an incident's thread, read back
// through the Web API, where whoever controls the database file cannot change them.
#pragma once

#include <vector>

#include "config/config.hpp"
#include "core/incident.hpp"
#include "core/seal.hpp"

namespace incidentd::bot {

// Every seal of `incident` in its thread (the pinned summary's), in number order: only messages
// incidentd posted as a seal (their metadata names a post-seal action of this incident) count, so
// a seal pasted by someone else is not taken for one. Throws std::runtime_error saying what
// failed and what to do (no token, no thread, a Slack error).
std::vector<core::Seal> read_thread_seals(const config::Config& config,
                                          const core::Incident& incident);

}  // namespace incidentd::bot
