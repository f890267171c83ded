// Display names of Slack users for the record ("the actor … and display name at that time"):
// kept in memory, backed by the store's users table, fetched with users.info when unknown or old.
#pragma once

#include <chrono>
#include <string>
#include <unordered_map>

#include <boost/asio/awaitable.hpp>

#include "core/time.hpp"
#include "slack/web_client.hpp"
#include "store/writer.hpp"

namespace incidentd::bot {

class UserDirectory {
  public:
    // A name older than `max_age` is fetched again, so renamed users show their new name.
    UserDirectory(slack::WebClient& slack, store::Writer& writer,
                  std::chrono::hours max_age = std::chrono::hours{24});

    // The user's display name, else real name, else user name; "" when Slack does not know the
    // user or cannot be reached and no name was ever stored (the record then shows the id).
    // Run on the one executor that owns this directory.
    boost::asio::awaitable<std::string> name(std::string user_id);

  private:
    struct Known {
        std::string name;
        core::Time fetched{};
    };
    slack::WebClient& slack_;
    store::Writer& writer_;
    std::chrono::hours max_age_;
    std::unordered_map<std::string, Known> known_;
};

// The name users.info's answer gives a user, by Slack's own preference order.
std::string display_name(const nlohmann::json& users_info_answer);

}  // namespace incidentd::bot
