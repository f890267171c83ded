#include "bot/runtime/user_directory.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/runtime/clock.hpp"
#include "bot/runtime/commit.hpp"
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

std::string display_name(const slack::users::User& user) {
    for (const std::string* name :
         {&user.profile.display_name, &user.profile.real_name, &user.real_name, &user.name})
        if (!name->empty()) return *name;
    return "";
}

UserDirectory::UserDirectory(boost::asio::any_io_executor executor, slack::WebClient& slack,
                             store::Writer& writer, std::chrono::milliseconds patience,
                             std::chrono::hours max_age)
    : executor_(std::move(executor)),
      slack_(slack),
      writer_(writer),
      patience_(patience),
      max_age_(max_age) {}

boost::asio::awaitable<std::string> UserDirectory::name(std::string user_id) {
    if (!looks_like_user_id(user_id)) co_return "";
    const core::Time t = now();
    if (auto it = known_.find(user_id); it != known_.end() && t - it->second.fetched < max_age_)
        co_return it->second.name;

    std::string stored;
    store::CachedUser cached;
    try {
        cached = co_await commit(writer_, [&user_id](SQLite::Database& db) {
            return store::find_user(db, user_id).value_or(store::CachedUser{});
        });
    } catch (const std::exception&) {
        // A store that cannot be read is the writer's to report; the name is only a nicety here.
    }
    if (!cached.id.empty()) {
        stored = cached.name;
        if (t - cached.updated_at < max_age_) {
            known_[user_id] = {cached.name, cached.updated_at};
            co_return cached.name;
        }
    }

    auto& state = fetching_[user_id];
    if (!state) {
        state = std::make_shared<Fetch>();
        boost::asio::co_spawn(executor_, fetch(user_id, state), boost::asio::detached);
    }
    const std::shared_ptr<Fetch> waiting = state;
    if (!waiting->finished) {
        boost::asio::steady_timer timer(executor_, patience_);
        waiting->waiters.push_back(&timer);
        co_await timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        std::erase(waiting->waiters, &timer);
    }
    // Slack's answer if it came in time; the last name known otherwise.
    co_return waiting->finished && !waiting->name.empty() ? waiting->name : stored;
}

boost::asio::awaitable<void> UserDirectory::fetch(std::string user_id,
                                                  std::shared_ptr<Fetch> state) {
    slack::users::InfoArgs args{.user = user_id};
    const slack::users::InfoResult answer = co_await slack::users::info(slack_, std::move(args));
    if (answer) {
        state->name = display_name(answer->user);
        const core::Time t = now();
        known_[user_id] = {state->name, t};
        try {
            co_await commit(writer_, [&user_id, &state, t](SQLite::Database& db) {
                store::upsert_user(db, user_id, state->name, t);
                return true;
            });
        } catch (const std::exception& e) {
            spdlog::warn("storing the name of {} failed: {}", user_id, e.what());
        }
    } else {
        // Asked again by the next caller; meanwhile the last name known is the best there is.
        spdlog::warn("users.info for {} failed: {}", user_id, answer.error().code);
    }
    state->finished = true;
    for (auto* waiter : state->waiters)
        waiter->cancel();
    fetching_.erase(user_id);
}

}  // namespace incidentd::bot
