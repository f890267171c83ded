#include "bot/router.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

#include "bot/command_handler.hpp"
#include "bot/event_handler.hpp"
#include "bot/interaction_handler.hpp"

namespace incidentd::bot {

boost::asio::awaitable<slack::Reply> route(Runtime& runtime, slack::Inbound inbound,
                                           slack::DeliveryMeta meta) {
    const auto started = std::chrono::steady_clock::now();
    slack::Reply reply;
    if (const auto* event = std::get_if<slack::EventCallback>(&inbound)) {
        reply = co_await handle_event(runtime, *event, meta);
    } else if (const auto* command = std::get_if<slack::SlashCommand>(&inbound)) {
        if (command->command != "/incident")
            spdlog::warn("slash command {} is not incidentd's; answering as /incident",
                         command->command);
        reply = co_await handle_command(runtime, *command);
    } else if (const auto* interaction = std::get_if<slack::Interaction>(&inbound)) {
        reply = co_await handle_interaction(runtime, *interaction);
    } else if (const auto* limited = std::get_if<slack::AppRateLimited>(&inbound)) {
        // Slack drops this minute's events past its delivery limit; nothing can be recorded.
        spdlog::error(
            "Slack stopped delivering events to incidentd for the minute starting {} "
            "(team {}): over 30,000 events an hour; some messages are missing from "
            "the record",
            limited->minute_rate_limited, limited->team_id);
    }
    runtime.metrics.observe_ack(std::chrono::steady_clock::now() - started);
    co_return reply;
}

}  // namespace incidentd::bot
