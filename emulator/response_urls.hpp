// The app-facing end of response_urls (POST /commands/<id>): up to 5 posts within 30 minutes that
// post, replace or delete messages, or show ephemeral text; every post is recorded.
#pragma once

#include <string_view>

#include "emulator/events.hpp"
#include "emulator/http_types.hpp"
#include "emulator/interactions.hpp"
#include "emulator/workspace.hpp"

namespace incidentd::emulator {

PlannedResponse handle_response_url_post(Workspace& workspace, Interactions& interactions,
                                         EventSink& events, std::string_view id,
                                         const Request& request);

// Applies an ephemeral/in_channel answer (from a response_url or a slash command's synchronous
// reply) to the channel as Slack shows it.
void apply_response(Workspace& workspace, EventSink& events, const std::string& channel_id,
                    const std::string& user, const nlohmann::json& answer);

}  // namespace incidentd::emulator
