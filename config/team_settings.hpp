// The settings an incident of one team runs with: [incidents] and [templates] with that team's
// overrides applied, plus its responders, announcement channel and workflow text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace incidentd::config {

struct TeamSettings {
    std::string team;  // "" = the default team (no [teams.*] section applies)
    IncidentSettings incidents;
    TemplateSettings templates;
    std::string announce_channel;
    std::vector<std::string> responders;  // [slack] responders, then the team's, without repeats
    std::string workflow;                 // "" when the team has none
};

// Nothing when `team` names no [teams.<name>] section; "" gives the default settings.
std::optional<TeamSettings> settings_for_team(const Config& config, std::string_view team);

// The settings of `team`, or the default team's when no [teams.<name>] section names it: an
// incident of a team since removed from the configuration still runs and renders.
TeamSettings settings_for_team_or_default(const Config& config, std::string_view team);

// The name of every [teams.<name>] section, in order: what `declare --team` may name.
std::vector<std::string> team_names(const Config& config);

}  // namespace incidentd::config
