// views.open and views.push (trigger_id: 3 s, single use), views.update (hash checked),
// views.publish (Home); every view is checked against Block Kit's limits first.
#include "emulator/api_args.hpp"
#include "emulator/block_kit_check.hpp"
#include "emulator/methods.hpp"
#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {
namespace {

namespace error = facts::error;

// The view argument, or Slack's invalid_arguments answer naming its problems.
std::optional<nlohmann::json> view_arg(MethodContext& c, std::string_view expected_type,
                                       nlohmann::json& refusal) {
    auto view = json_arg(c.args, "view");
    if (!view) {
        refusal = api_error(error::invalid_arguments);
        refusal["response_metadata"] = {
            {"messages", {"[ERROR] missing required field: view [json-pointer:/view]"}}};
        return std::nullopt;
    }
    if (auto problems = check_view(*view, expected_type); !problems.empty()) {
        refusal = api_error(error::invalid_arguments);
        refusal["response_metadata"] = {{"messages", problems}};
        return std::nullopt;
    }
    return view;
}

// View ids count up as views open.
bool opened_before(const View& a, const View& b) {
    return a.id.size() != b.id.size() ? a.id.size() < b.id.size() : a.id < b.id;
}

// Uses the trigger_id up; the user it was made for, or the error answer in `refusal`.
std::optional<std::string> use_trigger(MethodContext& c, nlohmann::json& refusal) {
    auto trigger_id = text_arg(c.args, "trigger_id");
    if (!trigger_id) {
        refusal = api_error(error::invalid_arguments);
        return std::nullopt;
    }
    std::string user;
    switch (c.interactions.use_trigger(*trigger_id, &user)) {
        case TriggerCheck::invalid:
            refusal = api_error(error::invalid_trigger_id);
            return std::nullopt;
        case TriggerCheck::expired:
            refusal = api_error(error::expired_trigger_id);
            return std::nullopt;
        case TriggerCheck::valid:
            break;
    }
    return user;
}

nlohmann::json open(MethodContext& c) {
    nlohmann::json refusal;
    auto view = view_arg(c, "modal", refusal);
    if (!view) return refusal;
    auto user = use_trigger(c, refusal);
    if (!user) return refusal;
    View& opened = c.interactions.open_view("modal", *user, std::move(*view));
    return {{"ok", true}, {"view", to_json(opened)}};
}

// Slack pushes onto the modal the trigger came from: here the user's latest open modal.
nlohmann::json push(MethodContext& c) {
    nlohmann::json refusal;
    auto view = view_arg(c, "modal", refusal);
    if (!view) return refusal;
    auto user = use_trigger(c, refusal);
    if (!user) return refusal;
    const View* top = nullptr;
    for (const auto& [id, open] : c.interactions.views()) {
        if (open.type == "modal" && open.user == *user && (!top || opened_before(*top, open)))
            top = &open;
    }
    if (!top) return api_error(error::not_found);
    View* pushed = c.interactions.push_view(*top, std::move(*view));
    if (!pushed) return api_error(error::push_limit_reached);
    return {{"ok", true}, {"view", to_json(*pushed)}};
}

nlohmann::json update(MethodContext& c) {
    auto view_id = text_arg(c.args, "view_id");
    View* existing = view_id ? c.interactions.find_view(*view_id) : nullptr;
    if (!existing) return api_error(error::not_found);
    if (auto hash = text_arg(c.args, "hash"); hash && *hash != existing->hash) {
        return api_error(error::hash_conflict);
    }
    nlohmann::json refusal;
    auto view = view_arg(c, existing->type, refusal);
    if (!view) return refusal;
    existing->view = std::move(*view);
    c.interactions.rehash(*existing);
    return {{"ok", true}, {"view", to_json(*existing)}};
}

// Stores or replaces the user's Home tab; a new hash each time.
nlohmann::json publish(MethodContext& c) {
    auto user = text_arg(c.args, "user_id");
    if (!user || !c.workspace.find_user(*user)) return api_error(error::user_not_found);
    nlohmann::json refusal;
    auto view = view_arg(c, "home", refusal);
    if (!view) return refusal;
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
    table["views.push"] = {push, true, TokenType::bot};
    table["views.update"] = {update, true, TokenType::bot};
    table["views.publish"] = {publish, true, TokenType::bot};
}

}  // namespace incidentd::emulator
