// What core::decide needs to know of the configuration for one team's incidents.
#pragma once

#include <string_view>

#include "config/config.hpp"
#include "core/decide.hpp"

namespace incidentd::bot {

// The settings of `team` ("" = the default team). An unknown team falls back to the default
// settings: decide() itself refuses `declare --team` with an unknown name, and a stored incident
// whose team was removed from the configuration still runs.
core::DecisionSettings decision_settings(const config::Config& config, std::string_view team);

}  // namespace incidentd::bot
