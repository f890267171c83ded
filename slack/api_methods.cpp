// Method table from Slack's method reference pages (JSON support, tier and bot scope per method).
#include "slack/api_methods.hpp"

#include <iterator>
#include <utility>
#include <vector>

#include "slack/form.hpp"

namespace incidentd::slack {
namespace {

using enum BodyEncoding;
using enum RateTier;

// The scope is the one Slack documents for a bot token in a public channel (the only kind of
// channel incidentd works in); "" where the method needs none.
constexpr MethodSpec method_table[] = {
    // Write methods that accept application/json.
    {"chat.postMessage", json, per_channel, "chat:write"},
    {"chat.postEphemeral", json, tier4, "chat:write"},
    {"chat.update", json, tier3, "chat:write"},
    {"chat.delete", json, tier3, "chat:write"},
    {"views.open", json, tier4, ""},
    {"views.update", json, tier4, ""},
    {"views.publish", json, tier4, ""},
    {"views.push", json, tier4, ""},
    {"conversations.create", json, tier2, "channels:manage"},
    {"conversations.invite", json, tier3, "channels:manage"},
    {"conversations.setTopic", json, tier3, "channels:manage"},
    {"conversations.setPurpose", json, tier3, "channels:manage"},
    {"conversations.archive", json, tier2, "channels:manage"},
    {"conversations.join", json, tier3, "channels:join"},
    {"pins.add", json, tier2, "pins:write"},
    {"reactions.add", json, tier3, "reactions:write"},
    {"bookmarks.add", json, tier2, "bookmarks:write"},
    // Methods that read only form (or query) arguments.
    {"chat.getPermalink", form, tier4, ""},  // a read method: form only, unlike the other chat.*
    {"auth.test", form, tier4, ""},
    {"users.info", form, tier4, "users:read"},
    {"usergroups.users.list", form, tier2, "usergroups:read"},
    {"conversations.info", form, tier3, "channels:read"},
    {"conversations.list", form, tier2, "channels:read"},
    {"conversations.history", form, tier3, "channels:history"},
    {"conversations.replies", form, tier3, "channels:history"},
    {"conversations.members", form, tier4, "channels:read"},
    {"bookmarks.list", form, tier3, "bookmarks:read"},
    {"files.getUploadURLExternal", form, tier4, "files:write"},
    {"files.completeUploadExternal", form, tier4, "files:write"},
    // Called with the app-level token (xapp-), whose scope connections:write is granted when the
    // token is made, not through the bot's OAuth scopes.
    {"apps.connections.open", form, tier1, ""},
};

std::string form_value(const nlohmann::json& value) {
    if (value.is_string()) return value.get<std::string>();
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

MethodSpec method_spec(std::string_view method) {
    for (const auto& spec : method_table) {
        if (spec.name == method) return spec;
    }
    return {method, form, tier3, ""};
}

std::span<const MethodSpec> known_methods() {
    return {std::begin(method_table), std::end(method_table)};
}

double calls_per_minute(RateTier tier) {
    switch (tier) {
        case tier1:
            return 1;
        case tier2:
            return 20;
        case tier3:
            return 50;
        case tier4:
            return 100;
        case per_channel:
            return 60;
    }
    return 50;
}

EncodedBody encode_arguments(std::string_view method, const nlohmann::json& args) {
    if (method_spec(method).encoding == json) {
        return {"application/json; charset=utf-8",
                args.is_null()
                    ? "{}"
                    : args.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
    }
    std::vector<std::pair<std::string, std::string>> fields;
    if (args.is_object()) {
        for (const auto& [key, value] : args.items()) {
            if (!value.is_null()) fields.emplace_back(key, form_value(value));
        }
    }
    return {"application/x-www-form-urlencoded", encode_form(fields)};
}

}  // namespace incidentd::slack
