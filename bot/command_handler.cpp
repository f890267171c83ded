#include "bot/command_handler.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "bot/clock.hpp"
#include "bot/commit.hpp"
#include "bot/decision_settings.hpp"
#include "bot/decision_writes.hpp"
#include "core/command_grammar.hpp"
#include "core/decide.hpp"
#include "store/entries.hpp"
#include "store/events.hpp"
#include "store/incidents.hpp"

namespace incidentd::bot {
namespace {

slack::Reply answer(const std::string& text, core::Visibility visibility) {
    slack::Reply reply;
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

struct Outcome {
    core::Decision decision;
    std::int64_t incident = 0;  // the incident the command changed, 0 if none
    bool repeated = false;      // the same invocation (trigger_id) was handled before
};

}  // namespace

boost::asio::awaitable<slack::Reply> handle_command(Runtime& runtime,
                                                    const slack::SlashCommand& command,
                                                    const std::string& request_id) {
    runtime.metrics.count_command();
    if (!runtime.workspace)
        co_return answer("incidentd is starting and cannot reach Slack yet; try again in a moment.",
                         core::Visibility::ephemeral);

    const core::ParseResult parsed = core::parse_command(command.text);
    const core::Time received = now();
    std::string name = co_await runtime.users.name(command.user_id);
    if (name.empty()) name = command.user_name;
    const core::Actor actor{command.user_id, name};

    const LiveConfigPtr live = runtime.live;
    Outcome outcome;
    try {
        outcome = co_await commit(runtime.writer, [&](SQLite::Database& db) {
            Outcome out;
            if (!command.trigger_id.empty() &&
                !store::record_event_once(db, "command:" + command.trigger_id, received)) {
                out.repeated = true;
                return out;
            }
            core::DecisionInput in;
            in.parsed = parsed;
            in.actor = actor;
            in.now = received;
            in.channel_id = command.channel_id;
            in.request_id = command.trigger_id;
            in.incident = store::find_incident_by_channel(db, command.channel_id);
            in.next_incident_number = store::next_incident_number(db);
            const auto* cmd = std::get_if<core::Command>(&parsed);
            const auto* declare = cmd ? std::get_if<core::Declare>(cmd) : nullptr;
            const std::string team =
                declare ? declare->team.value_or("") : (in.incident ? in.incident->team : "");
            in.settings = decision_settings(live->config, team);
            if (cmd && std::holds_alternative<core::ShowTimeline>(*cmd) && in.incident)
                in.record = store::entries_for_export(db, in.incident->number);
            if (cmd && std::holds_alternative<core::ListIncidents>(*cmd))
                in.incidents = store::list_incidents(db, store::IncidentFilter::all);

            out.decision = core::decide(in);
            std::vector<core::Entry> leading;
            if (!out.decision.entries.empty()) {
                core::Entry invocation;
                invocation.kind = core::EntryKind::command;
                invocation.at = received;
                invocation.actor = actor;
                invocation.text = command.command + " " + command.text;
                invocation.payload = command_payload(command);
                leading.push_back(std::move(invocation));
            }
            out.incident = store_decision(db, out.decision, declare != nullptr, received, leading);
            return out;
        });
    } catch (const std::exception& e) {
        spdlog::error("req={} {} from {} in {}: not stored: {}", request_id, command.command,
                      command.user_id, command.channel_id, e.what());
        co_return answer(
            "incidentd could not store this command, so nothing changed. Please try "
            "again; if it keeps failing, tell whoever runs incidentd.",
            core::Visibility::ephemeral);
    }
    if (outcome.repeated)
        co_return answer("This command was received already.", core::Visibility::ephemeral);

    const core::Decision& decision = outcome.decision;
    if (outcome.incident != 0) {
        // The subcommand only: what people type is the record's, not the log's.
        const auto& cmd = std::get<core::Command>(parsed);
        spdlog::info("req={} {}: {} {} by {} ({} entries, {} outbox calls, {} job changes)",
                     request_id, core::incident_id(outcome.incident), command.command,
                     core::subcommand_name(cmd), command.user_id, decision.entries.size(),
                     decision.actions.size(), decision.jobs.size());
        if (!decision.actions.empty()) runtime.wake_outbox();
        if (!decision.jobs.empty()) runtime.wake_scheduler();
    }
    if (decision.open_declare_modal)
        co_return answer(
            "Give the incident a title: `/incident declare [sev1..sev4] [--team <name>] <title>`, "
            "e.g. `/incident declare sev2 Checkout latency above SLO`.",
            core::Visibility::ephemeral);
    co_return answer(decision.reply.text, decision.reply.visibility);
}

}  // namespace incidentd::bot
