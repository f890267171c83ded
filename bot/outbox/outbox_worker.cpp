#include "bot/outbox/outbox_worker.hpp"

#include <utility>

#include <spdlog/spdlog.h>

#include "bot/outbox/action_runner.hpp"
#include "bot/outbox/decision_writes.hpp"
#include "bot/outbox/outbox_codec.hpp"
#include "bot/runtime/clock.hpp"
#include "bot/runtime/commit.hpp"
#include "store/entries.hpp"
#include "store/incidents.hpp"
#include "store/seals.hpp"

namespace incidentd::bot {
namespace {

constexpr std::size_t batch_size = 16;
constexpr std::chrono::seconds longest_sleep{30};

struct Due {
    std::vector<store::OutboxItem> items;
    std::int64_t pending = 0;
    std::optional<core::Time> next;
};

core::Entry bot_action(const slack::Workspace& ws, const core::Incident& incident, std::string text,
                       const std::string& ts, core::Time at) {
    core::Entry e;
    e.kind = core::EntryKind::bot_action;
    e.at = at;
    e.actor = {ws.bot_user_id, "incidentd"};
    e.text = std::move(text);
    e.ts = ts;
    if (!ts.empty() && !incident.channel_id.empty())
        e.permalink = slack::permalink(ws, incident.channel_id, ts);
    return with_own_ts(std::move(e));
}

}  // namespace

OutboxWorker::OutboxWorker(Runtime& runtime, boost::asio::any_io_executor executor,
                           store::RetryPolicy policy)
    : BackgroundWorker(std::move(executor), "outbox worker"), runtime_(runtime), policy_(policy) {}

boost::asio::awaitable<void> OutboxWorker::run() {
    while (!loop().stopping()) {
        Due due;
        bool read = false;
        try {
            due = co_await commit(runtime_.writer, [](SQLite::Database& db) {
                Due d;
                d.items = store::due_outbox_items(db, now(), batch_size);
                d.pending = store::pending_outbox_count(db);
                d.next = store::next_outbox_attempt(db);
                return d;
            });
            read = true;
        } catch (const std::exception& e) {
            // A store that cannot write is logged once by the writer; this is a detail of it.
            if (runtime_.writer.health().writable)
                spdlog::error("outbox: reading due calls failed: {}", e.what());
            else
                spdlog::debug("outbox: reading due calls failed: {}", e.what());
        }
        if (!read) {
            co_await loop().timer().sleep_until(std::nullopt, std::chrono::seconds{1});
            continue;
        }
        runtime_.metrics.set_outbox_pending(due.pending);
        if (due.items.empty()) {
            co_await loop().timer().sleep_until(due.next, longest_sleep);
            continue;
        }
        for (store::OutboxItem& item : due.items) {
            if (loop().stopping()) break;
            bool stored = false;
            try {
                co_await execute(std::move(item));
                stored = true;
            } catch (const std::exception& e) {
                // Storing the outcome failed: the row is still pending and runs again.
                spdlog::error("outbox: storing the outcome of a call failed: {}", e.what());
            }
            if (!stored) co_await loop().timer().sleep_until(std::nullopt, std::chrono::seconds{1});
        }
    }
}

boost::asio::awaitable<void> OutboxWorker::execute(store::OutboxItem item) {
    const slack::Workspace ws = *runtime_.workspace;
    const std::int64_t number = item.call.incident.value_or(0);
    const std::string& key = item.call.idempotency_key;

    std::optional<core::Action> action;
    std::string unusable;
    try {
        action = action_from_outbox(item.call.method, item.call.args);
    } catch (const std::exception& e) {
        unusable = e.what();
    }
    const auto incident = co_await commit(runtime_.writer, [number](SQLite::Database& db) {
        return store::find_incident(db, number).value_or(core::Incident{});
    });
    if (unusable.empty() && incident.number == 0) unusable = "its incident does not exist";
    if (!unusable.empty()) {
        spdlog::error("outbox {}: cannot be carried out, giving up: {}", key, unusable);
        co_await commit(runtime_.writer, [&](SQLite::Database& db) {
            store::RetryPolicy last = policy_;
            last.max_attempts = item.attempts + 1;
            store::mark_outbox_attempt_failed(db, item.id, unusable, now(), last);
            return true;
        });
        runtime_.metrics.count_outbox(OutboxOutcome::given_up);
        co_return;
    }

    const ActionOutcome outcome = co_await run_action(runtime_, incident, *action);

    const auto state = co_await commit(runtime_.writer, [&](SQLite::Database& db) {
        const core::Time t = now();
        core::Incident current = store::find_incident(db, number).value_or(incident);
        if (!outcome.patch.empty()) {
            outcome.patch.apply_to(current);
            store::save_incident(db, current, t);
        }
        if (outcome.ok()) {
            store::mark_outbox_done(db, item.id, outcome.result.dump(), t);
            if (outcome.seal_posted)
                store::mark_seal_posted(db, number, *outcome.seal_posted, outcome.ts);
            if (!outcome.note.empty())
                store::append_entry(db, number,
                                    bot_action(ws, current, outcome.note, outcome.ts, t));
            return store::OutboxState::done;
        }
        const slack::ApiError& error = *outcome.error;
        store::RetryPolicy policy = policy_;
        if (outcome.permanent) policy.max_attempts = item.attempts + 1;
        std::optional<core::Time> not_before;
        if (error.retry_after) not_before = t + *error.retry_after;
        const auto next = store::mark_outbox_attempt_failed(
            db, item.id, error.code + ": " + error.message, t, policy, not_before);
        if (next == store::OutboxState::failed)
            store::append_entry(
                db, number,
                bot_action(ws, current,
                           "Could not " + std::string(core::action_name(*action)) + " after " +
                               std::to_string(item.attempts + 1) + " attempts: " + error.code,
                           "", t));
        return next;
    });

    switch (state) {
        case store::OutboxState::done:
            runtime_.metrics.count_outbox(OutboxOutcome::done);
            spdlog::info("{}: {} done", incident.id(), core::action_name(*action));
            if (outcome.patch.channel_id)
                spdlog::info("{}: channel {} (#{})", incident.id(), *outcome.patch.channel_id,
                             outcome.patch.channel_name.value_or(""));
            break;
        case store::OutboxState::pending:
            runtime_.metrics.count_outbox(OutboxOutcome::retried);
            spdlog::warn("{}: {} failed, will retry: {} ({})", incident.id(),
                         core::action_name(*action), outcome.error->code, outcome.error->message);
            break;
        case store::OutboxState::failed:
            runtime_.metrics.count_outbox(OutboxOutcome::given_up);
            spdlog::error("{}: {} failed, giving up after {} attempts: {} ({})", incident.id(),
                          core::action_name(*action), item.attempts + 1, outcome.error->code,
                          outcome.error->message);
            break;
    }
}

}  // namespace incidentd::bot
