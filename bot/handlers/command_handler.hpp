// A `/incident` slash command: decided by core, stored with everything it changes in one
// transaction, answered (within Slack's 3 seconds) only after that commit.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "bot/runtime/runtime.hpp"
#include "slack/http_receiver.hpp"
#include "slack/inbound.hpp"

namespace incidentd::bot {

// The answer Slack shows the person: ephemeral unless the command changed shared state.
boost::asio::awaitable<slack::DeliveryAnswer> handle_command(Runtime& runtime,
                                                             const slack::SlashCommand& command,
                                                             const std::string& request_id);

}  // namespace incidentd::bot
