// The effective configuration as TOML text for `incidentd check-config`: every value with a
// comment saying where it came from, and the secrets only as "set (from …)" or "not set".
#pragma once

#include <string>

#include "config/config.hpp"

namespace incidentd::config {

// Loading the output again (without the environment it came from) gives the same settings.
std::string describe(const Config& config);

}  // namespace incidentd::config
