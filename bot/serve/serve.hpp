// `incidentd serve`: receive Slack, record incidents, carry out the outbox and the schedule,
// reload on SIGHUP, until SIGTERM or SIGINT.
#pragma once

#include <functional>

#include "config/config.hpp"

namespace incidentd::bot {

// Reads the configuration again as it was read at start (same file, environment and command-line
// overrides), for SIGHUP; throws config::ConfigError when it is invalid.
using ConfigSource = std::function<config::Config()>;

// Runs until SIGTERM or SIGINT stops it; returns the exit status (bot/runtime/exit_status.hpp).
int run_serve(const config::Config& config, ConfigSource reload);

}  // namespace incidentd::bot
