// The one inbound path: every verified, decoded Slack request — whichever transport brought it —
// goes to the handler for its kind, and its answer is what the transport sends back.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "bot/runtime/runtime.hpp"
#include "slack/http_receiver.hpp"
#include "slack/inbound.hpp"

namespace incidentd::bot {

// Each request gets an id that every log line about it carries as `req=<id>`.
boost::asio::awaitable<slack::DeliveryAnswer> route(Runtime& runtime, slack::Inbound inbound,
                                                    slack::DeliveryMeta meta);

}  // namespace incidentd::bot
