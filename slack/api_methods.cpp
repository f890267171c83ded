// Method table from Slack's method reference pages (JSON support and tier per method).
#include "slack/api_methods.hpp"

#include <utility>
#include <vector>

#include "slack/form.hpp"

namespace incidentd::slack {
namespace {

using enum BodyEncoding;
using enum RateTier;

constexpr MethodSpec method_table[] = {
    // Write methods that accept application/json.
    {"chat.postMessage", json, per_channel},
    {"chat.postEphemeral", json, tier4},
    {"chat.update", json, tier3},
    {"chat.delete", json, tier3},
    {"views.open", json, tier4},
    {"views.update", json, tier4},
    {"views.publish", json, tier4},
    {"views.push", json, tier4},
    {"conversations.create", json, tier2},
    {"conversations.invite", json, tier3},
    {"conversations.setTopic", json, tier3},
    {"conversations.setPurpose", json, tier3},
    {"conversations.archive", json, tier2},
    {"conversations.join", json, tier3},
    {"pins.add", json, tier2},
    {"reactions.add", json, tier3},
    {"bookmarks.add", json, tier2},
    // Methods that read only form (or query) arguments.
    {"chat.getPermalink", form, tier4},  // a read method: form only, unlike the other chat.*
    {"auth.test", form, tier4},
    {"users.info", form, tier4},
    {"usergroups.users.list", form, tier2},
    {"conversations.info", form, tier3},
    {"conversations.list", form, tier2},
    {"conversations.history", form, tier3},
    {"conversations.replies", form, tier3},
    {"conversations.members", form, tier4},
    {"files.getUploadURLExternal", form, tier4},
    {"files.completeUploadExternal", form, tier4},
    {"apps.connections.open", form, tier1},
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
    return {method, form, tier3};
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
