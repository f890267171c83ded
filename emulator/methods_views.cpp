// views.open (trigger_id: 3 s, single use), views.update (hash checked), views.publish (Home).
#include "emulator/api_args.hpp"
#include "emulator/methods.hpp"
#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {
namespace {

namespace error = facts::error;

// The view argument, or the error code Slack gives for a missing or malformed one.
std::optional<nlohmann::json> view_arg(MethodContext& c, std::string& problem) {
    auto view = json_arg(c.args, "view");
    if (!view || !view->is_object()) {
        problem = error::invalid_arguments;
        return std::nullopt;
    }
    if (view->contains("blocks") &&
        (!(*view)["blocks"].is_array() || (*view)["blocks"].size() > facts::modal_blocks_max)) {
        problem = error::invalid_arguments;
        return std::nullopt;
    }
    return view;
}

nlohmann::json open(MethodContext& c) {
    auto trigger_id = text_arg(c.args, "trigger_id");
    if (!trigger_id) return api_error(error::invalid_arguments);
    std::string problem;
    auto view = view_arg(c, problem);
    if (!view) return api_error(problem);
    std::string user;
    switch (c.interactions.use_trigger(*trigger_id, &user)) {
        case TriggerCheck::invalid:
            return api_error(error::invalid_trigger_id);
        case TriggerCheck::expired:
            return api_error(error::expired_trigger_id);
        case TriggerCheck::valid:
            break;
    }
    View& opened = c.interactions.open_view("modal", user, std::move(*view));
    return {{"ok", true}, {"view", to_json(opened)}};
}

nlohmann::json update(MethodContext& c) {
    auto view_id = text_arg(c.args, "view_id");
    View* existing = view_id ? c.interactions.find_view(*view_id) : nullptr;
    if (!existing) return api_error(error::not_found);
    if (auto hash = text_arg(c.args, "hash"); hash && *hash != existing->hash) {
        return api_error(error::hash_conflict);
    }
    std::string problem;
    auto view = view_arg(c, problem);
    if (!view) return api_error(problem);
    existing->view = std::move(*view);
    c.interactions.rehash(*existing);
    return {{"ok", true}, {"view", to_json(*existing)}};
}

nlohmann::json publish(MethodContext& c) {
    auto user = text_arg(c.args, "user_id");
    if (!user || !c.workspace.find_user(*user)) return api_error(error::user_not_found);
    std::string problem;
    auto view = view_arg(c, problem);
    if (!view) return api_error(problem);
    View* home = c.interactions.home_view(*user);
    if (!home) {
        home = &c.interactions.open_view("home", *user, std::move(*view));
    } else {
        if (auto hash = text_arg(c.args, "hash"); hash && *hash != home->hash) {
            return api_error(error::hash_conflict);
        }
        home->view = std::move(*view);
        c.interactions.rehash(*home);
    }
    return {{"ok", true}, {"view", to_json(*home)}};
}

}  // namespace

void add_views_methods(MethodTable& table) {
    table["views.open"] = {open, true, TokenType::bot};
    table["views.update"] = {update, true, TokenType::bot};
    table["views.publish"] = {publish, true, TokenType::bot};
}

}  // namespace incidentd::emulator
