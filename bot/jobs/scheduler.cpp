#include "bot/jobs/scheduler.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include <spdlog/spdlog.h>

#include "bot/outbox/decision_writes.hpp"
#include "bot/runtime/clock.hpp"
#include "bot/runtime/commit.hpp"
#include "core/decide.hpp"
#include "store/events.hpp"
#include "store/incidents.hpp"
#include "store/jobs.hpp"
#include "store/seals.hpp"

namespace incidentd::bot {
namespace {

constexpr std::size_t batch_size = 16;
constexpr std::chrono::seconds longest_sleep{60};
// Slack retries an event for minutes; a day of remembered event ids is ample.
constexpr std::chrono::hours dedupe_retention{24};
constexpr std::chrono::hours prune_interval{1};

struct Due {
    std::vector<store::Job> jobs;
    std::optional<core::Time> next;
};

struct Ran {
    std::string incident;
    std::size_t actions = 0;
};

}  // namespace

Scheduler::Scheduler(Runtime& runtime, boost::asio::any_io_executor executor)
    : BackgroundWorker(std::move(executor), "scheduler"), runtime_(runtime) {}

boost::asio::awaitable<void> Scheduler::run() {
    core::Time pruned{};
    while (!loop().stopping()) {
        if (now() - pruned >= prune_interval) {
            pruned = now();
            try {
                const auto removed = co_await commit(runtime_.writer, [](SQLite::Database& db) {
                    return store::prune_events(db, now() - dedupe_retention);
                });
                if (removed > 0) spdlog::debug("forgot {} old event ids", removed);
            } catch (const std::exception& e) {
                spdlog::error("scheduler: pruning old event ids failed: {}", e.what());
            }
        }
        co_await seal_changed_records();
        Due due;
        bool read = false;
        try {
            due = co_await commit(runtime_.writer, [](SQLite::Database& db) {
                return Due{store::due_jobs(db, now(), batch_size), store::next_job_time(db)};
            });
            read = true;
        } catch (const std::exception& e) {
            spdlog::error("scheduler: reading due jobs failed: {}", e.what());
        }
        if (!read) {
            co_await loop().timer().sleep_until(std::nullopt, std::chrono::seconds{1});
            continue;
        }
        if (due.jobs.empty()) {
            // Awake again within the seal interval too, so a changed record is sealed on time.
            const std::chrono::seconds seal_every = runtime_.live->config.store.seal_interval;
            const std::chrono::seconds nap =
                seal_every.count() > 0 ? std::min(longest_sleep, seal_every) : longest_sleep;
            co_await loop().timer().sleep_until(due.next, nap);
            continue;
        }
        for (const store::Job& job : due.jobs) {
            if (loop().stopping()) break;
            bool ran_ok = false;
            try {
                // Deciding, storing what follows and marking the job done commit together: a
                // crash runs the job again, and its actions' keys keep them from doubling.
                const core::SigningKey* seal_key = runtime_.seal_key.get();
                const Ran ran =
                    co_await commit(runtime_.writer, [&job, seal_key](SQLite::Database& db) {
                        const core::Time t = now();
                        Ran r;
                        if (auto incident = store::find_incident(db, job.incident)) {
                            const core::Decision d =
                                core::decide_job(*incident, job.kind, job.run_at, t);
                            store_decision(db, d, false, t, seal_key, {}, incident->number);
                            r.incident = incident->id();
                            r.actions = d.actions.size();
                        }
                        store::complete_job(db, job.id, t);
                        return r;
                    });
                runtime_.metrics.count_job();
                spdlog::info("{}: {} job ran ({} outbox calls)", ran.incident,
                             core::to_string(job.kind), ran.actions);
                if (ran.actions > 0) runtime_.wake_outbox();
                ran_ok = true;
            } catch (const std::exception& e) {
                spdlog::error("scheduler: job {} ({}) failed, will retry: {}", job.id,
                              core::to_string(job.kind), e.what());
            }
            if (!ran_ok) co_await loop().timer().sleep_until(std::nullopt, std::chrono::seconds{1});
        }
    }
}

boost::asio::awaitable<void> Scheduler::seal_changed_records() {
    const core::SigningKey* key = runtime_.seal_key.get();
    const std::chrono::seconds interval = runtime_.live->config.store.seal_interval;
    if (key == nullptr || interval.count() == 0) co_return;
    try {
        const std::size_t sealed = co_await commit(runtime_.writer, [&](SQLite::Database& db) {
            const core::Time t = now();
            std::size_t count = 0;
            for (const std::int64_t number : store::records_to_seal(db, t - interval))
                if (seal_record_now(db, number, *key, t)) ++count;
            return count;
        });
        if (sealed > 0) {
            spdlog::info("sealed {} changed records", sealed);
            runtime_.wake_outbox();
        }
    } catch (const std::exception& e) {
        spdlog::error("scheduler: sealing changed records failed: {}", e.what());
    }
}

}  // namespace incidentd::bot
