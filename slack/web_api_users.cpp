// users.info and auth.test: their arguments as Slack names them, their answers as incidentd reads
// them.
#include "slack/web_api_users.hpp"

#include "slack/web_api_call.hpp"

namespace incidentd::slack::users {

using nlohmann::json;

void to_json(json& j, const InfoArgs& args) {
    j = {{"user", args.user}};
}

void from_json(const json& j, User& user) {
    user.name = lenient_string(j, "name");
    user.real_name = lenient_string(j, "real_name");
    const json& profile = lenient_object(j, "profile");
    user.profile.display_name = lenient_string(profile, "display_name");
    user.profile.real_name = lenient_string(profile, "real_name");
}

void from_json(const json& answer, UserInfo& out) {
    out.user = lenient_object(answer, "user").get<User>();
}

boost::asio::awaitable<InfoResult> info(WebClient& client, InfoArgs args) {
    return call_typed<UserInfo>(client, "users.info", json(args));
}

}  // namespace incidentd::slack::users

namespace incidentd::slack::auth {

using nlohmann::json;

void from_json(const json& answer, Identity& identity) {
    identity.url = lenient_string(answer, "url");
    identity.team = lenient_string(answer, "team");
    identity.team_id = lenient_string(answer, "team_id");
    identity.user_id = lenient_string(answer, "user_id");
    identity.bot_id = lenient_string(answer, "bot_id");
}

boost::asio::awaitable<TestResult> test(WebClient& client) {
    return call_typed<Identity, TestError>(client, "auth.test");
}

}  // namespace incidentd::slack::auth
