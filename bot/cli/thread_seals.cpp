#include "bot/cli/thread_seals.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <stdexcept>
#include <string>

#include "bot/runtime/web_client_settings.hpp"
#include "core/actions.hpp"
#include "slack/web_api_conversations.hpp"
#include "slack/web_api_result.hpp"

namespace incidentd::bot {
namespace {

namespace conversations = slack::conversations;

// Slack's largest page for conversations.replies; a 100-page thread is 100,000 messages.
constexpr int page_size = 1000;
constexpr int max_pages = 100;

bool is_seal_post(const conversations::Message& message, std::int64_t incident) {
    if (!message.metadata || message.metadata->event_type != "incidentd_action") return false;
    const std::string key = slack::lenient_string(message.metadata->event_payload, "key");
    return key.starts_with(core::action_key(incident, "post-seal", ""));
}

boost::asio::awaitable<std::vector<core::Seal>> fetch(slack::WebClient& client,
                                                      const core::Incident& incident) {
    std::vector<core::Seal> seals;
    std::optional<std::string> cursor;
    for (int page = 0; page < max_pages; ++page) {
        conversations::RepliesArgs args{.channel = incident.channel_id,
                                        .ts = incident.summary_ts,
                                        .limit = page_size,
                                        .include_all_metadata = true,
                                        .cursor = cursor};
        const auto answer = co_await conversations::replies(client, std::move(args));
        if (!answer)
            throw std::runtime_error(
                "Slack refused conversations.replies for " + incident.id() +
                "'s thread: " + answer.error().code +
                (answer.code() == conversations::ReadError::missing_scope
                     ? " (the app needs channels:history, or groups:history for a private channel)"
                     : ""));
        for (const conversations::Message& m : answer->messages) {
            if (!is_seal_post(m, incident.number)) continue;
            auto seal = core::parse_seal_message(m.text);
            if (seal && seal->incident == incident.number) seals.push_back(std::move(*seal));
        }
        if (answer->next_cursor.empty()) break;
        cursor = answer->next_cursor;
    }
    std::ranges::sort(seals, {}, &core::Seal::number);
    const auto repeated = std::ranges::unique(seals);  // the same seal posted twice is one
    seals.erase(repeated.begin(), repeated.end());
    co_return seals;
}

}  // namespace

std::vector<core::Seal> read_thread_seals(const config::Config& config,
                                          const core::Incident& incident) {
    if (incident.channel_id.empty() || incident.summary_ts.empty())
        throw std::runtime_error(incident.id() +
                                 " has no incident thread yet (its summary was never posted), so "
                                 "there are no seals in Slack to compare");
    const std::string token = config.secrets.bot_token.reveal();
    if (token.empty())
        throw std::runtime_error(
            "verify --slack reads the incident thread with the bot token: set SLACK_BOT_TOKEN "
            "(or SLACK_BOT_TOKEN_FILE) as for serve");
    boost::asio::io_context io;
    slack::WebClient client(io.get_executor(), token, web_client_options(config));
    auto result = boost::asio::co_spawn(io, fetch(client, incident), boost::asio::use_future);
    io.run();
    return result.get();
}

}  // namespace incidentd::bot
