// views.open and views.publish as typed calls: a modal opened from an interaction, and a user's
// Home tab.
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "slack/web_api_result.hpp"
#include "slack/web_client.hpp"

namespace incidentd::slack::views {

struct OpenArgs {
    std::string trigger_id;  // single use, valid 3 s after the interaction
    nlohmann::json view;     // a Block Kit modal
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(OpenArgs, trigger_id, view)

boost::asio::awaitable<WebResult<Accepted>> open(WebClient& client, OpenArgs args);

struct PublishArgs {
    std::string user_id;
    nlohmann::json view;  // a Block Kit home view
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(PublishArgs, user_id, view)

boost::asio::awaitable<WebResult<Accepted>> publish(WebClient& client, PublishArgs args);

}  // namespace incidentd::slack::views
