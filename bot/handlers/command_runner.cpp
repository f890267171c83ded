#include "bot/handlers/command_runner.hpp"

#include <spdlog/spdlog.h>

#include "bot/outbox/decision_writes.hpp"
#include "bot/runtime/clock.hpp"
#include "bot/runtime/commit.hpp"
#include "bot/runtime/decision_settings.hpp"
#include "store/entries.hpp"
#include "store/events.hpp"
#include "store/incidents.hpp"

namespace incidentd::bot {

boost::asio::awaitable<CommandOutcome> run_command(Runtime& runtime, CommandRequest request,
                                                   std::string log_id) {
    const core::Time received = now();
    const LiveConfigPtr live = runtime.live;
    CommandOutcome outcome;
    try {
        const core::SigningKey* seal_key = runtime.seal_key.get();
        outcome = co_await commit(runtime.writer, [&](SQLite::Database& db) {
            CommandOutcome out;
            if (!request.dedupe_key.empty() &&
                !store::record_event_once(db, request.dedupe_key, received)) {
                out.repeated = true;
                return out;
            }
            core::DecisionInput in;
            in.parsed = request.parsed;
            in.actor = request.actor;
            in.now = received;
            in.channel_id = request.channel_id;
            in.request_id = request.request_id;
            in.incident = store::find_incident_by_channel(db, request.channel_id);
            in.next_incident_number = store::next_incident_number(db);
            const auto* cmd = std::get_if<core::Command>(&request.parsed);
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
                invocation.actor = request.actor;
                invocation.text = request.text;
                invocation.payload = request.payload;
                leading.push_back(std::move(invocation));
            }
            out.incident =
                store_decision(db, out.decision, declare != nullptr, received, seal_key, leading);
            return out;
        });
    } catch (const std::exception& e) {
        spdlog::error("req={} {} by {} in {}: not stored: {}", log_id, request.text,
                      request.actor.id, request.channel_id, e.what());
        outcome = CommandOutcome{};
        outcome.failed = true;
        co_return outcome;
    }
    if (outcome.incident != 0) {
        // The subcommand only: what people type is the record's, not the log's.
        const auto& cmd = std::get<core::Command>(request.parsed);
        const core::Decision& decision = outcome.decision;
        spdlog::info("req={} {}: {} by {} ({} entries, {} outbox calls, {} job changes)", log_id,
                     core::incident_id(outcome.incident), core::subcommand_name(cmd),
                     request.actor.id, decision.entries.size(), decision.actions.size(),
                     decision.jobs.size());
        if (!decision.actions.empty()) runtime.wake_outbox();
        if (!decision.jobs.empty()) runtime.wake_scheduler();
    }
    co_return outcome;
}

}  // namespace incidentd::bot
