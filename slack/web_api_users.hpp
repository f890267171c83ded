// Who is who, as typed calls: users.info for a person's names, auth.test for incidentd's own
// identity in the workspace (and whether its token works).
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "slack/web_api_result.hpp"
#include "slack/web_client.hpp"

namespace incidentd::slack::users {

struct InfoArgs {
    std::string user;
};
void to_json(nlohmann::json& j, const InfoArgs& args);

struct Profile {
    std::string display_name;
    std::string real_name;
};
struct User {
    std::string name;  // the user name
    std::string real_name;
    Profile profile;
};
void from_json(const nlohmann::json& j, User& user);

struct UserInfo {
    User user;
};
void from_json(const nlohmann::json& answer, UserInfo& out);

using InfoResult = WebResult<UserInfo>;
boost::asio::awaitable<InfoResult> info(WebClient& client, InfoArgs args);

}  // namespace incidentd::slack::users

namespace incidentd::slack::auth {

struct Identity {
    std::string url;  // the workspace's, e.g. "https://example.slack.com/"
    std::string team;
    std::string team_id;
    std::string user_id;  // the bot user's
    std::string bot_id;
};
void from_json(const nlohmann::json& answer, Identity& identity);

// The token is wrong, missing or revoked: only the operator can fix that.
enum class TestError { invalid_auth, not_authed, token_revoked, other };
NLOHMANN_JSON_SERIALIZE_ENUM(TestError, {{TestError::other, nullptr},
                                         {TestError::invalid_auth, "invalid_auth"},
                                         {TestError::not_authed, "not_authed"},
                                         {TestError::token_revoked, "token_revoked"}})

using TestResult = WebResult<Identity, TestError>;
boost::asio::awaitable<TestResult> test(WebClient& client);

}  // namespace incidentd::slack::auth
