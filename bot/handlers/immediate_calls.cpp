#include "bot/handlers/immediate_calls.hpp"

#include <spdlog/spdlog.h>

#include "bot/runtime/clock.hpp"
#include "bot/runtime/commit.hpp"
#include "bot/ui/app_home.hpp"
#include "slack/web_api_chat.hpp"
#include "slack/web_api_views.hpp"
#include "store/incidents.hpp"

namespace incidentd::bot {
namespace {

using nlohmann::json;

// Whether Slack took the call; a refusal is logged with Slack's reason.
bool done(const slack::WebResult<slack::Accepted>& answer, std::string_view method) {
    if (answer) return true;
    spdlog::warn("{} failed: {} ({})", method, answer.error().code, answer.error().message);
    return false;
}

}  // namespace

boost::asio::awaitable<bool> open_view(Runtime& runtime, std::string trigger_id, json view) {
    slack::views::OpenArgs args{.trigger_id = std::move(trigger_id), .view = std::move(view)};
    co_return done(co_await slack::views::open(runtime.slack, std::move(args)), "views.open");
}

boost::asio::awaitable<bool> post_ephemeral(Runtime& runtime, std::string channel, std::string user,
                                            std::string text) {
    slack::chat::PostEphemeralArgs args{
        .channel = std::move(channel), .user = std::move(user), .text = std::move(text)};
    co_return done(co_await slack::chat::post_ephemeral(runtime.slack, std::move(args)),
                   "chat.postEphemeral");
}

boost::asio::awaitable<void> publish_home(Runtime& runtime, std::string user) {
    std::vector<core::Incident> incidents;
    try {
        // Only what the tab lists, not every incident ever recorded.
        incidents = co_await commit(runtime.writer, [](SQLite::Database& db) {
            auto listed = store::list_incidents(db, store::IncidentFilter::open);
            for (auto& due : store::postmortems_due(db))
                listed.push_back(std::move(due));
            return listed;
        });
    } catch (const std::exception& e) {
        spdlog::error("Home tab of {}: reading the incidents failed: {}", user, e.what());
        co_return;
    }
    const std::string url = runtime.workspace ? runtime.workspace->url : "";
    slack::views::PublishArgs args{.user_id = user,
                                   .view = app_home_view(user, incidents, now(), url)};
    done(co_await slack::views::publish(runtime.slack, std::move(args)), "views.publish");
}

}  // namespace incidentd::bot
