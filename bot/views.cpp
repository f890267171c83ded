#include "bot/views.hpp"

#include <spdlog/spdlog.h>

#include "bot/app_home.hpp"
#include "bot/clock.hpp"
#include "bot/commit.hpp"
#include "store/incidents.hpp"

namespace incidentd::bot {
namespace {

using nlohmann::json;

// Whether Slack took the call; a refusal is logged with Slack's reason.
bool done(const slack::ApiResult& answer, std::string_view method) {
    if (answer) return true;
    spdlog::warn("{} failed: {} ({})", method, answer.error().code, answer.error().message);
    return false;
}

}  // namespace

boost::asio::awaitable<bool> open_view(Runtime& runtime, std::string trigger_id, json view) {
    json args = json::object();
    args["trigger_id"] = std::move(trigger_id);
    args["view"] = std::move(view);
    co_return done(co_await runtime.slack.call("views.open", std::move(args)), "views.open");
}

boost::asio::awaitable<bool> post_ephemeral(Runtime& runtime, std::string channel, std::string user,
                                            std::string text) {
    json args = json::object();
    args["channel"] = std::move(channel);
    args["user"] = std::move(user);
    args["text"] = std::move(text);
    co_return done(co_await runtime.slack.call("chat.postEphemeral", std::move(args)),
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
    json args = json::object();
    args["user_id"] = user;
    args["view"] = app_home_view(user, incidents, now(), url);
    done(co_await runtime.slack.call("views.publish", std::move(args)), "views.publish");
}

}  // namespace incidentd::bot
