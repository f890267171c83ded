// What the read-only commands answer (`status`, `timeline`, `list`): mrkdwn built from values the
// bot loads, with every user-provided part escaped.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "core/entry.hpp"
#include "core/incident.hpp"
#include "core/time.hpp"

namespace incidentd::core {

inline constexpr std::size_t timeline_length = 20;  // entries `timeline` shows, the latest

// State, severity, roles, times (and how long ago), channel and postmortem, one fact per line.
std::string status_report(const Incident& incident, Time now);

// The last timeline_length of `entries` (in record order), one line each: time, who, kind, text.
std::string timeline_report(const Incident& incident, std::span<const Entry> entries);

// Open incidents (active, resolved) and closed ones whose postmortem is not done, with its due
// date and whether it is overdue; other incidents are left out.
std::string list_report(std::span<const Incident> incidents, Time now);

}  // namespace incidentd::core
