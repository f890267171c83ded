#include "bot/runtime/web_client_settings.hpp"

namespace incidentd::bot {

slack::WebClientOptions web_client_options(const config::Config& config) {
    slack::WebClientOptions options;
    options.api_url = config.slack.api_url;
    options.ca_file = config.slack.ca_file;
    return options;
}

}  // namespace incidentd::bot
