// Time-based work as rows (archive a closed incident's channel, remind about a postmortem), so
// one timer can sleep until the earliest and a restart loses nothing.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "core/job_changes.hpp"
#include "core/time.hpp"

namespace incidentd::store {

// Kinds are stored by name without a CHECK constraint, so adding one needs no migration.
// The kinds are the domain's (core/job_changes.hpp); stored by their names.
using core::JobKind;
using core::parse_job_kind;

enum class JobState { pending, done, cancelled };

struct Job {
    std::int64_t id = 0;
    JobKind kind = JobKind::archive;
    std::int64_t incident = 0;
    core::Time run_at{};
    JobState state = JobState::pending;
    core::Time created_at{};
    std::optional<core::Time> done_at;
};

// Schedules a job and returns its id. Scheduling the same (incident, kind, run_at) again returns
// the existing job, and makes it pending again if it had been cancelled.
std::int64_t schedule_job(SQLite::Database& db, std::int64_t incident, JobKind kind,
                          core::Time run_at, core::Time now);

// Pending jobs with run_at <= now, earliest first.
std::vector<Job> due_jobs(SQLite::Database& db, core::Time now, std::size_t limit = 100);

// The earliest pending run_at, for the scheduler's timer; empty when nothing is scheduled.
std::optional<core::Time> next_job_time(SQLite::Database& db);

std::vector<Job> jobs_for_incident(SQLite::Database& db, std::int64_t incident);

// Marks a pending job done; false when it was not pending (already done or cancelled).
bool complete_job(SQLite::Database& db, std::int64_t id, core::Time now);

// Cancels the incident's pending jobs (of one kind, or all); returns how many were cancelled.
// A reopen cancels the archive job this way.
std::int64_t cancel_jobs(SQLite::Database& db, std::int64_t incident, core::Time now,
                         std::optional<JobKind> kind = std::nullopt);

}  // namespace incidentd::store
