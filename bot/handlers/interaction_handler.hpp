// Interactivity: a button or form that stands for a command runs as it; the update, severity and
// role buttons and the declare shortcut open a modal; any other click in an incident channel is
// recorded as what someone did there.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "bot/runtime/runtime.hpp"
#include "slack/http_receiver.hpp"
#include "slack/inbound.hpp"

namespace incidentd::bot {

boost::asio::awaitable<slack::DeliveryAnswer> handle_interaction(
    Runtime& runtime, const slack::Interaction& interaction, const std::string& request_id);

}  // namespace incidentd::bot
