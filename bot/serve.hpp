// `incidentd serve`: receive Slack over HTTP, record incidents, carry out the outbox and the
// schedule, until SIGTERM or SIGINT.
#pragma once

#include "config/config.hpp"

namespace incidentd::bot {

// Runs until a signal stops it; returns the exit status (exit_status.hpp).
int run_serve(const config::Config& config);

}  // namespace incidentd::bot
