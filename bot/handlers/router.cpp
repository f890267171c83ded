#include "bot/handlers/router.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <random>

#include <spdlog/spdlog.h>

#include "bot/handlers/command_handler.hpp"
#include "bot/handlers/event_handler.hpp"
#include "bot/handlers/interaction_handler.hpp"

namespace incidentd::bot {
namespace {

// "3f9a-1c": a per-process prefix (so ids from before and after a restart differ) and a count.
std::string next_request_id() {
    static const unsigned prefix = std::random_device{}() & 0xffffu;
    static std::atomic<std::uint64_t> count{0};
    return fmt::format("{:04x}-{:x}", prefix, ++count);
}

std::string describe(const slack::Inbound& inbound) {
    if (const auto* event = std::get_if<slack::EventCallback>(&inbound))
        return "event " + slack::event_type_name(event->event) + " " + event->event_id;
    if (const auto* command = std::get_if<slack::SlashCommand>(&inbound))
        return "command " + command->command + " from " + command->user_id;
    if (const auto* interaction = std::get_if<slack::Interaction>(&inbound))
        return "interaction " + interaction->type_name + " from " + interaction->user.id;
    return "app_rate_limited";
}

}  // namespace

boost::asio::awaitable<slack::DeliveryAnswer> route(Runtime& runtime, slack::Inbound inbound,
                                                    slack::DeliveryMeta meta) {
    const auto started = std::chrono::steady_clock::now();
    const std::string request_id = next_request_id();
    slack::DeliveryAnswer reply;
    if (const auto* event = std::get_if<slack::EventCallback>(&inbound)) {
        reply = co_await handle_event(runtime, *event, meta, request_id);
    } else if (const auto* command = std::get_if<slack::SlashCommand>(&inbound)) {
        if (command->command != "/incident")
            spdlog::warn("req={} slash command {} is not incidentd's; answering as /incident",
                         request_id, command->command);
        reply = co_await handle_command(runtime, *command, request_id);
    } else if (const auto* interaction = std::get_if<slack::Interaction>(&inbound)) {
        reply = co_await handle_interaction(runtime, *interaction, request_id);
    } else if (const auto* limited = std::get_if<slack::AppRateLimited>(&inbound)) {
        // Slack drops this minute's events past its delivery limit; nothing can be recorded.
        spdlog::error(
            "req={} Slack stopped delivering events to incidentd for the minute starting {} "
            "(team {}): over 30,000 events an hour; some messages are missing from "
            "the record",
            request_id, limited->minute_rate_limited, limited->team_id);
    }
    const auto took = std::chrono::steady_clock::now() - started;
    runtime.metrics.observe_ack(took);
    if (spdlog::should_log(spdlog::level::debug))  // its arguments cost more than the check
        spdlog::debug("req={} {}{} -> {} in {:.1f} ms", request_id, describe(inbound),
                      meta.retry_num > 0 ? " (retry " + std::to_string(meta.retry_num) + ")" : "",
                      reply.status, std::chrono::duration<double, std::milli>(took).count());
    co_return reply;
}

}  // namespace incidentd::bot
