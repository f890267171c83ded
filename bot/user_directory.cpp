#include "bot/user_directory.hpp"

#include <spdlog/spdlog.h>

#include "bot/clock.hpp"
#include "bot/commit.hpp"
#include "store/users.hpp"

namespace incidentd::bot {
namespace {

// Slack ids of users and bots: letters and digits, upper case (U…, W…, B…).
bool looks_like_user_id(const std::string& id) {
    if (id.size() < 2 || id.size() > 32) return false;
    for (char c : id)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
    return id[0] == 'U' || id[0] == 'W';
}

}  // namespace

std::string display_name(const nlohmann::json& answer) {
    const auto& user = answer.value("user", nlohmann::json::object());
    const auto& profile = user.value("profile", nlohmann::json::object());
    for (const auto* key : {"display_name", "real_name"}) {
        const auto it = profile.find(key);
        if (it != profile.end() && it->is_string() && !it->get<std::string>().empty())
            return it->get<std::string>();
    }
    for (const auto* key : {"real_name", "name"}) {
        const auto it = user.find(key);
        if (it != user.end() && it->is_string() && !it->get<std::string>().empty())
            return it->get<std::string>();
    }
    return "";
}

UserDirectory::UserDirectory(slack::WebClient& slack, store::Writer& writer,
                             std::chrono::hours max_age)
    : slack_(slack), writer_(writer), max_age_(max_age) {}

boost::asio::awaitable<std::string> UserDirectory::name(std::string user_id) {
    if (!looks_like_user_id(user_id)) co_return "";
    const core::Time t = now();
    if (auto it = known_.find(user_id); it != known_.end() && t - it->second.fetched < max_age_)
        co_return it->second.name;

    std::string stored;
    const auto cached = co_await commit(writer_, [&user_id](SQLite::Database& db) {
        return store::find_user(db, user_id).value_or(store::CachedUser{});
    });
    if (!cached.id.empty()) {
        stored = cached.name;
        if (t - cached.updated_at < max_age_) {
            known_[user_id] = {cached.name, cached.updated_at};
            co_return cached.name;
        }
    }

    nlohmann::json args{{"user", user_id}};
    const slack::ApiResult answer = co_await slack_.call("users.info", std::move(args));
    if (!answer) {
        spdlog::warn("users.info for {} failed: {}", user_id, answer.error().code);
        // Try again later; meanwhile the last name known is the best there is.
        co_return stored;
    }
    std::string fetched = display_name(answer.body());
    known_[user_id] = {fetched, t};
    co_await commit(writer_, [&user_id, &fetched, t](SQLite::Database& db) {
        store::upsert_user(db, user_id, fetched, t);
        return true;
    });
    co_return fetched;
}

}  // namespace incidentd::bot
