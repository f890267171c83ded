// The Web API client's settings from the configuration: one place for `serve` and for the
// commands that read Slack (`verify --slack`).
#pragma once

#include "config/config.hpp"
#include "slack/web_client_options.hpp"

namespace incidentd::bot {

slack::WebClientOptions web_client_options(const config::Config& config);

}  // namespace incidentd::bot
