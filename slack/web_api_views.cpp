// The views.* calls.
#include "slack/web_api_views.hpp"

#include "slack/web_api_call.hpp"

namespace incidentd::slack::views {

using nlohmann::json;

boost::asio::awaitable<WebResult<Accepted>> open(WebClient& client, OpenArgs args) {
    return call_typed<Accepted>(client, "views.open", json(args));
}

boost::asio::awaitable<WebResult<Accepted>> publish(WebClient& client, PublishArgs args) {
    return call_typed<Accepted>(client, "views.publish", json(args));
}

}  // namespace incidentd::slack::views
