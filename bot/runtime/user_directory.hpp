// Display names of Slack users for the record ("the actor … and display name at that time"):
// kept in memory, backed by the store's users table, fetched with users.info when unknown or old.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "core/time.hpp"
#include "slack/web_api_users.hpp"
#include "slack/web_client.hpp"
#include "store/writer.hpp"

namespace incidentd::bot {

class UserDirectory {
  public:
    // A name older than `max_age` is fetched again, so renamed users show their new name. A
    // caller waits at most `patience` for users.info: an acknowledgement must not wait on Slack.
    UserDirectory(boost::asio::any_io_executor executor, slack::WebClient& slack,
                  store::Writer& writer,
                  std::chrono::milliseconds patience = std::chrono::seconds{1},
                  std::chrono::hours max_age = std::chrono::hours{24});

    // The user's display name, else real name, else user name; "" when Slack does not know the
    // user, or has not answered within `patience`, and no name was ever stored (the record then
    // shows the id; the answer, when it comes, is kept for the next time).
    // Run on the one executor that owns this directory.
    boost::asio::awaitable<std::string> name(std::string user_id);

  private:
    struct Known {
        std::string name;
        core::Time fetched{};
    };
    // One users.info call per user at a time, however many callers wait for it.
    struct Fetch {
        std::string name;
        bool finished = false;
        std::vector<boost::asio::steady_timer*> waiters;  // cancelled when it finishes
    };
    boost::asio::awaitable<void> fetch(std::string user_id, std::shared_ptr<Fetch> state);

    boost::asio::any_io_executor executor_;
    slack::WebClient& slack_;
    store::Writer& writer_;
    std::chrono::milliseconds patience_;
    std::chrono::hours max_age_;
    std::unordered_map<std::string, Known> known_;
    std::unordered_map<std::string, std::shared_ptr<Fetch>> fetching_;
};

// The name users.info's answer gives a user, by Slack's own preference order.
std::string display_name(const slack::users::User& user);

}  // namespace incidentd::bot
