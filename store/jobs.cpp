// Job rows: the unique (incident, kind, run_at) key makes scheduling idempotent.
#include "store/jobs.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <limits>
#include <string>

#include "store/columns.hpp"
#include "store/store_error.hpp"

namespace incidentd::store {

namespace {

JobState parse_job_state(const std::string& text, std::int64_t id) {
    if (text == "pending") return JobState::pending;
    if (text == "done") return JobState::done;
    if (text == "cancelled") return JobState::cancelled;
    throw StoreError("job " + std::to_string(id) + " has an unknown state \"" + text +
                     "\"; was it written by a newer incidentd?");
}

// Every query below selects the columns in this order.
Job job_from_row(const SQLite::Statement& row) {
    Job job;
    job.id = row.getColumn(0).getInt64();
    const std::string kind = row.getColumn(1).getString();
    const auto parsed = parse_job_kind(kind);
    if (!parsed)
        throw StoreError("job " + std::to_string(job.id) + " has an unknown kind \"" + kind +
                         "\"; was it written by a newer incidentd?");
    job.kind = *parsed;
    job.incident = row.getColumn(2).getInt64();
    job.run_at = from_millis(row.getColumn(3).getInt64());
    job.state = parse_job_state(row.getColumn(4).getString(), job.id);
    job.created_at = from_millis(row.getColumn(5).getInt64());
    job.done_at = optional_time(row.getColumn(6));
    return job;
}

std::vector<Job> all_rows(SQLite::Statement& query) {
    std::vector<Job> found;
    while (query.executeStep())
        found.push_back(job_from_row(query));
    return found;
}

}  // namespace

std::int64_t schedule_job(SQLite::Database& db, std::int64_t incident, JobKind kind,
                          core::Time run_at, core::Time now) {
    SQLite::Statement upsert(
        db,
        "INSERT INTO jobs (kind, incident, run_at, created_at)"
        " VALUES (:kind, :incident, :run_at, :now)"
        " ON CONFLICT (incident, kind, run_at) DO UPDATE SET state = 'pending', done_at = NULL"
        " WHERE jobs.state = 'cancelled'");
    upsert.bind(":kind", std::string(to_string(kind)));
    upsert.bind(":incident", incident);
    bind_time(upsert, ":run_at", run_at);
    bind_time(upsert, ":now", now);
    upsert.exec();
    SQLite::Statement query(db,
                            "SELECT id FROM jobs WHERE incident = :incident AND kind = :kind"
                            " AND run_at = :run_at");
    query.bind(":incident", incident);
    query.bind(":kind", std::string(to_string(kind)));
    bind_time(query, ":run_at", run_at);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

std::vector<Job> due_jobs(SQLite::Database& db, core::Time now, std::size_t limit) {
    SQLite::Statement query(db,
                            "SELECT id, kind, incident, run_at, state, created_at, done_at"
                            " FROM jobs WHERE state = 'pending' AND run_at <= :now"
                            " ORDER BY run_at, id LIMIT :limit");
    bind_time(query, ":now", now);
    query.bind(":limit", static_cast<std::int64_t>(std::min<std::size_t>(
                             limit, std::numeric_limits<std::int64_t>::max())));
    return all_rows(query);
}

std::optional<core::Time> next_job_time(SQLite::Database& db) {
    SQLite::Statement query(db, "SELECT MIN(run_at) FROM jobs WHERE state = 'pending'");
    query.executeStep();
    return optional_time(query.getColumn(0));
}

std::vector<Job> jobs_for_incident(SQLite::Database& db, std::int64_t incident) {
    SQLite::Statement query(db,
                            "SELECT id, kind, incident, run_at, state, created_at, done_at"
                            " FROM jobs WHERE incident = :incident ORDER BY run_at, id");
    query.bind(":incident", incident);
    return all_rows(query);
}

bool complete_job(SQLite::Database& db, std::int64_t id, core::Time now) {
    SQLite::Statement update(db,
                             "UPDATE jobs SET state = 'done', done_at = :now"
                             " WHERE id = :id AND state = 'pending'");
    bind_time(update, ":now", now);
    update.bind(":id", id);
    return update.exec() == 1;
}

std::int64_t cancel_jobs(SQLite::Database& db, std::int64_t incident, core::Time now,
                         std::optional<JobKind> kind) {
    SQLite::Statement update(db,
                             "UPDATE jobs SET state = 'cancelled', done_at = :now"
                             " WHERE incident = :incident AND state = 'pending'"
                             " AND (:kind IS NULL OR kind = :kind)");
    bind_time(update, ":now", now);
    update.bind(":incident", incident);
    if (kind)
        update.bind(":kind", std::string(to_string(*kind)));
    else
        update.bind(":kind");
    return update.exec();
}

}  // namespace incidentd::store
