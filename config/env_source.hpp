// Applying environment overrides: INCIDENTD_<SECTION>_<KEY> for every key, and
// INCIDENTD_TEAMS_<TEAM>_<KEY> for team keys. They are applied after the file, so they win.
#pragma once

#include "config/config.hpp"
#include "config/environment.hpp"

namespace incidentd::config {

// Lists (responders) are comma-separated. Any other INCIDENTD_ variable than these and
// INCIDENTD_CONFIG is an error, so a misspelt override cannot be silently ignored.
void apply_env(Config& config, const Environment& env);

}  // namespace incidentd::config
