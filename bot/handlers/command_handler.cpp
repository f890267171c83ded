#include "bot/handlers/command_handler.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "bot/handlers/command_runner.hpp"
#include "bot/handlers/immediate_calls.hpp"
#include "bot/ui/declare_modal.hpp"
#include "config/team_settings.hpp"
#include "core/command_grammar.hpp"
#include "core/decide.hpp"

namespace incidentd::bot {
namespace {

slack::DeliveryAnswer answer(const std::string& text, core::Visibility visibility) {
    slack::DeliveryAnswer reply;
    reply.content_type = "application/json";
    reply.body = nlohmann::json{
        {"response_type", visibility == core::Visibility::in_channel ? "in_channel" : "ephemeral"},
        {"text",
         text}}.dump();
    return reply;
}

// The invocation as the record keeps it: what Slack sent, minus the verification token and the
// response_url (a capability to post as the app for 30 minutes).
std::string command_payload(const slack::SlashCommand& c) {
    return nlohmann::json{{"command", c.command},           {"text", c.text},
                          {"team_id", c.team_id},           {"channel_id", c.channel_id},
                          {"channel_name", c.channel_name}, {"user_id", c.user_id},
                          {"user_name", c.user_name},       {"trigger_id", c.trigger_id}}
        .dump();
}

}  // namespace

boost::asio::awaitable<slack::DeliveryAnswer> handle_command(Runtime& runtime,
                                                             const slack::SlashCommand& command,
                                                             const std::string& request_id) {
    runtime.metrics.count_command();
    if (!runtime.workspace)
        co_return answer("incidentd is starting and cannot reach Slack yet; try again in a moment.",
                         core::Visibility::ephemeral);

    std::string name = co_await runtime.users.name(command.user_id);
    if (name.empty()) name = command.user_name;

    CommandRequest request;
    request.parsed = core::parse_command(command.text);
    request.actor = {command.user_id, name};
    request.channel_id = command.channel_id;
    request.request_id = command.trigger_id;
    if (!command.trigger_id.empty()) request.dedupe_key = "command:" + command.trigger_id;
    request.text = command.command + " " + command.text;
    request.payload = command_payload(command);
    const CommandOutcome outcome = co_await run_command(runtime, std::move(request), request_id);
    if (outcome.failed) {
        if (const store::WriteHealth health = runtime.writer.health(); !health.writable)
            co_return answer(
                "incidentd cannot store anything right now, so nothing changed: its "
                "database is failing (" +
                    health.problem + "). Tell whoever runs incidentd; try again once it is fixed.",
                core::Visibility::ephemeral);
        co_return answer(
            "incidentd could not store this command, so nothing changed. Please try "
            "again; if it keeps failing, tell whoever runs incidentd.",
            core::Visibility::ephemeral);
    }
    if (outcome.repeated)
        co_return answer("This command was received already.", core::Visibility::ephemeral);

    const core::Decision& decision = outcome.decision;
    if (decision.open_declare_modal) {
        // The form, with what was typed filled in; the trigger_id lives three seconds.
        DeclareModalOptions options;
        options.known_teams = config::team_names(runtime.live->config);
        options.initial = *decision.open_declare_modal;
        options.origin_channel = command.channel_id;
        if (co_await open_view(runtime, command.trigger_id, declare_modal(options)))
            co_return slack::DeliveryAnswer{};  // an empty answer: the form is the answer
        co_return answer(
            "The declare form could not be opened. Give the incident a title instead: "
            "`/incident declare [sev1..sev4] [--team <name>] <title>`, e.g. "
            "`/incident declare sev2 Checkout latency above SLO`.",
            core::Visibility::ephemeral);
    }
    co_return answer(decision.reply.text, decision.reply.visibility);
}

}  // namespace incidentd::bot
