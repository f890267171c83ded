// The calls an interaction answers with at once, not through the outbox: a trigger_id lives
// three seconds, and an ephemeral answer or a Home tab is only worth showing now. Each logs its
// failure (naming the method and Slack's error) and never throws.
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "bot/runtime/runtime.hpp"

namespace incidentd::bot {

// views.open with the interaction's trigger_id.
boost::asio::awaitable<bool> open_view(Runtime& runtime, std::string trigger_id,
                                       nlohmann::json view);

// chat.postEphemeral: `text` (mrkdwn) to `user` in `channel`.
boost::asio::awaitable<bool> post_ephemeral(Runtime& runtime, std::string channel, std::string user,
                                            std::string text);

// views.publish of `user`'s Home tab: the open incidents and the postmortems due, as now stored.
boost::asio::awaitable<void> publish_home(Runtime& runtime, std::string user);

}  // namespace incidentd::bot
