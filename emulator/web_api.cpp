// Dispatch of Web API calls, in the order Slack's edge applies its checks.
#include "emulator/web_api.hpp"

#include <spdlog/spdlog.h>

#include "emulator/api_args.hpp"
#include "emulator/app_manifest.hpp"
#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {

namespace error = facts::error;

namespace {

// Whether the call is about a private channel, which needs the groups: scopes instead.
bool about_private_channel(std::string_view method, const nlohmann::json& args,
                           Workspace& workspace) {
    if (method == "conversations.create") return bool_arg(args, "is_private");
    if (method == "conversations.list") return text_arg(args, "types") == "private_channel";
    const auto id = text_arg(args, "channel").value_or(text_arg(args, "channel_id").value_or(""));
    const Channel* channel = workspace.find_channel(id);
    return channel && channel->is_private;
}

// The answer to a call that did what it was asked, under effect_then_fail.
PlannedResponse lost_answer(const Fault& fault) {
    switch (fault.then) {
        case LostAnswer::server_error:
            return json_reply(api_error(error::fatal_error),
                              static_cast<http::status>(fault.status));
        case LostAnswer::internal_error:
            return json_reply(api_error(error::internal_error));
        case LostAnswer::drop_connection:
            break;
    }
    PlannedResponse reply;
    reply.drop_connection = true;
    return reply;
}

}  // namespace

PlannedResponse WebApi::handle(std::string_view method, const Request& request) {
    current_args_ = nlohmann::json::object();
    PlannedResponse reply = answer(method, request);
    nlohmann::json record = {
        {"method", method},
        {"args", current_args_},
        {"status", reply.response.result_int()},
        {"dropped", reply.drop_connection},
        {"delay_ms", reply.delay.count()},
        {"json_body", request[http::field::content_type].starts_with("application/json")}};
    auto body = nlohmann::json::parse(reply.response.body(), nullptr, false);
    record["answer"] = body.is_discarded() ? nlohmann::json(reply.response.body()) : body;
    spdlog::debug("api {} -> {} {}", method, reply.response.result_int(),
                  body.is_object() ? body.value("error", "ok") : "");
    calls_.push_back(std::move(record));
    return reply;
}

PlannedResponse WebApi::answer(std::string_view method, const Request& request) {
    if (auto outage = deps_.faults.outage()) {
        if (*outage == OutageMode::drop_connection) {
            PlannedResponse reply;
            reply.drop_connection = true;
            return reply;
        }
        return json_reply({{"ok", false}, {"error", "service_unavailable"}},
                          http::status::service_unavailable);
    }

    auto spec = methods_.find(method);
    const bool accepts_json = spec != methods_.end() && spec->second.accepts_json;
    ParsedArgs parsed = parse_api_args(request, accepts_json);
    current_args_ = parsed.args;
    current_args_.erase("token");

    std::chrono::milliseconds delay{0};
    std::optional<Fault> after_effect;
    if (auto fault = deps_.faults.take(method)) {
        switch (fault->kind) {
            case FaultKind::rate_limited: {
                PlannedResponse reply =
                    json_reply(api_error(error::ratelimited), http::status::too_many_requests);
                reply.response.set(http::field::retry_after,
                                   std::to_string(fault->retry_after_seconds));
                return reply;
            }
            case FaultKind::server_error:
                return json_reply(api_error(error::fatal_error),
                                  static_cast<http::status>(fault->status));
            case FaultKind::drop_connection: {
                PlannedResponse reply;
                reply.drop_connection = true;
                return reply;
            }
            case FaultKind::slow:
                delay = fault->delay;
                break;
            case FaultKind::effect_then_fail:
                after_effect = fault;
                break;
        }
    }

    if (spec == methods_.end()) return json_reply(api_error(error::unknown_method));

    const Options& options = deps_.options;
    if (parsed.token.empty()) return json_reply(api_error(error::not_authed));
    const std::string& wanted =
        spec->second.token == TokenType::bot ? options.bot_token : options.app_token;
    const std::string& other =
        spec->second.token == TokenType::bot ? options.app_token : options.bot_token;
    if (parsed.token != wanted) {
        return json_reply(
            api_error(parsed.token == other ? error::not_allowed_token_type : error::invalid_auth));
    }
    if (const auto& manifest = options.manifest; manifest && spec->second.token == TokenType::bot) {
        const auto needed =
            needed_scope(method, about_private_channel(method, parsed.args, deps_.workspace));
        if (!manifest->grants(needed)) {
            nlohmann::json refused = api_error(error::missing_scope);
            refused["needed"] = needed;
            refused["provided"] = manifest->provided();
            return json_reply(refused);
        }
    }
    if (!parsed.error.empty()) return json_reply(api_error(parsed.error));

    const std::string channel =
        text_arg(parsed.args, "channel").value_or(text_arg(parsed.args, "channel_id").value_or(""));
    if (auto wait = deps_.rate_limits.admit(method, channel)) {
        PlannedResponse reply =
            json_reply(api_error(error::ratelimited), http::status::too_many_requests);
        reply.response.set(http::field::retry_after, std::to_string(*wait));
        return reply;
    }

    MethodContext context{deps_.workspace,
                          deps_.interactions,
                          deps_.events,
                          deps_.socket_mode,
                          deps_.base_url,
                          parsed.args,
                          deps_.workspace.identity().bot_user_id};
    nlohmann::json body = spec->second.handler(context);
    if (after_effect && body.value("ok", false) == true) return lost_answer(*after_effect);
    PlannedResponse reply = json_reply(body);
    reply.delay = delay;
    return reply;
}

}  // namespace incidentd::emulator
