// An incident's current state: derived from its record, kept as a value for speed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/entry.hpp"
#include "core/lifecycle.hpp"
#include "core/role.hpp"
#include "core/severity.hpp"
#include "core/time.hpp"

namespace incidentd::core {

// Public ids are "INC-<number>"; the number is what the store keys on.
std::string incident_id(std::int64_t number);
std::optional<std::int64_t> parse_incident_id(std::string_view text);  // "INC-7" or "inc-7"

struct Postmortem {
    std::optional<Time> due_at;
    std::optional<std::string> url;  // where the final postmortem lives, once recorded
    bool done = false;
};

struct Incident {
    std::int64_t number = 0;
    std::string title;
    Severity severity = Severity::sev3;
    State state = State::active;
    std::string team;  // "" = the default team
    std::string channel_id;
    std::string channel_name;
    std::string channel_url;
    std::string summary_ts;  // the pinned summary message: its thread is the incident thread
    Actor declared_by;
    Time declared_at{};
    std::optional<Time> resolved_at;
    std::optional<Time> closed_at;
    std::optional<Time> archived_at;
    std::map<Role, Actor> roles;
    Postmortem postmortem;

    std::string id() const { return incident_id(number); }
};

}  // namespace incidentd::core
