#include "bot/outbox/decision_writes.hpp"

#include <cstddef>
#include <cstdint>
#include <variant>

#include "bot/outbox/outbox_codec.hpp"
#include "store/entries.hpp"
#include "store/incidents.hpp"
#include "store/jobs.hpp"
#include "store/outbox.hpp"
#include "store/seals.hpp"
#include "store/store_error.hpp"

namespace incidentd::bot {

core::Entry with_own_ts(core::Entry entry) {
    if (entry.ts.empty()) entry.ts = core::time_to_slack_ts(entry.at);
    return entry;
}

bool seal_record_now(SQLite::Database& db, std::int64_t number, const core::SigningKey& key,
                     core::Time now) {
    const auto seal = store::seal_record(db, number, key, now);
    if (!seal) return false;
    const core::PostSeal post{core::action_key(number, "post-seal", std::to_string(seal->number)),
                              seal->number, core::seal_message(*seal)};
    store::enqueue(db, outbox_call(number, post), now);
    return true;
}

std::int64_t store_decision(SQLite::Database& db, const core::Decision& decision, bool creates,
                            core::Time now, const core::SigningKey* seal_key,
                            const std::vector<core::Entry>& leading, std::int64_t concerns) {
    std::int64_t number = concerns;
    if (decision.incident) {
        const core::Incident& incident = *decision.incident;
        number = incident.number;
        if (creates) {
            const std::int64_t stored = store::create_incident(db, incident);
            if (stored != number)
                throw store::StoreError("decided as " + incident.id() + " but stored as " +
                                        core::incident_id(stored));
        } else {
            store::save_incident(db, incident, now);
        }
    }
    if (number == 0) return 0;
    for (const core::Entry& e : leading)
        store::append_entry(db, number, with_own_ts(e));
    for (const core::Entry& e : decision.entries)
        store::append_entry(db, number, with_own_ts(e));
    // The seal covers every entry above; its post takes the place the decision gave it.
    const std::size_t seal_at = decision.seal_at && seal_key ? *decision.seal_at : SIZE_MAX;
    for (std::size_t i = 0; i <= decision.actions.size(); ++i) {
        if (i == seal_at) seal_record_now(db, number, *seal_key, now);
        if (i < decision.actions.size())
            store::enqueue(db, outbox_call(number, decision.actions[i]), now);
    }
    for (const core::JobChange& change : decision.jobs) {
        if (const auto* schedule = std::get_if<core::ScheduleJob>(&change))
            store::schedule_job(db, number, schedule->kind, schedule->run_at, now);
        else
            store::cancel_jobs(db, number, now, std::get<core::CancelJobs>(change).kind);
    }
    return number;
}

}  // namespace incidentd::bot
