// Reading Slack secrets from the environment: NAME holds the value, or NAME_FILE names a file
// holding it (Docker / systemd credentials); never both.
#pragma once

#include "config/config.hpp"
#include "config/environment.hpp"

namespace incidentd::config {

// SLACK_BOT_TOKEN (must start "xoxb-"), SLACK_SIGNING_SECRET, SLACK_APP_TOKEN (must start
// "xapp-"). An empty variable counts as unset; a file's trailing newline is dropped. Throws
// ConfigError naming the variable, never the value.
Secrets read_secrets(const Environment& env);

}  // namespace incidentd::config
