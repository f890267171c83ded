// Interactivity (buttons, menus, shortcuts): recorded in the incident record like a command.
// The buttons and modals themselves come with the Block Kit surface; until then an action in an
// incident channel is kept as what someone did there.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "bot/runtime.hpp"
#include "slack/http_receiver.hpp"
#include "slack/inbound.hpp"

namespace incidentd::bot {

boost::asio::awaitable<slack::Reply> handle_interaction(Runtime& runtime,
                                                        const slack::Interaction& interaction,
                                                        const std::string& request_id);

}  // namespace incidentd::bot
