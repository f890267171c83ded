// auth.test, users.info and usergroups.users.list.
#include "emulator/api_args.hpp"
#include "emulator/methods.hpp"
#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {
namespace {

namespace error = facts::error;
constexpr std::string_view oncall_group_id = "S0ONCALL";

nlohmann::json auth_test(MethodContext& c) {
    const auto& id = c.workspace.identity();
    return {{"ok", true},
            {"url", "https://" + id.team_domain + ".slack.com/"},
            {"team", id.team_name},
            {"user", id.bot_name},
            {"team_id", id.team_id},
            {"user_id", id.bot_user_id},
            {"bot_id", id.bot_id},
            {"is_enterprise_install", false}};
}

nlohmann::json users_info(MethodContext& c) {
    auto user_id = text_arg(c.args, "user");
    if (!user_id) return api_error(error::user_not_found);
    const User* user = c.workspace.find_user(*user_id);
    if (!user) return api_error(error::user_not_found);
    return {{"ok", true}, {"user", to_json(*user, c.workspace)}};
}

// The workspace has one user group, the on-call rota (S0ONCALL: alice and bob).
nlohmann::json usergroup_users(MethodContext& c) {
    auto group = text_arg(c.args, "usergroup");
    if (!group || *group != oncall_group_id) return api_error(error::no_such_subteam);
    return {{"ok", true}, {"users", {"U0ALICE", "U0BOB"}}};
}

}  // namespace

void add_auth_and_users_methods(MethodTable& table) {
    table["usergroups.users.list"] = {usergroup_users, false, TokenType::bot};
    table["auth.test"] = {auth_test, false, TokenType::bot};
    table["users.info"] = {users_info, false, TokenType::bot};
}

}  // namespace incidentd::emulator
