// Scheduled work: due by time, scheduled once, completed once, cancelled by reopen.
#include "store/jobs.hpp"

#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>
#include <vector>

#include "store/database.hpp"
#include "store/incidents.hpp"
#include "store_fixture.hpp"

using namespace incidentd::store;
using incidentd::store::testing::at;
using incidentd::store::testing::draft_incident;
using incidentd::store::testing::TempDirectory;

namespace {

std::vector<std::int64_t> ids(const std::vector<Job>& jobs) {
    std::vector<std::int64_t> out;
    for (const auto& job : jobs)
        out.push_back(job.id);
    return out;
}

}  // namespace

TEST_CASE("jobs become due at their time, earliest first") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto incident = create_incident(db, draft_incident());
    const auto reminder = schedule_job(db, incident, JobKind::postmortem_reminder, at(200), at(0));
    const auto archive = schedule_job(db, incident, JobKind::archive, at(100), at(0));

    CHECK(next_job_time(db) == at(100));
    CHECK(due_jobs(db, at(99)).empty());
    CHECK(ids(due_jobs(db, at(100))) == std::vector<std::int64_t>{archive});
    CHECK(ids(due_jobs(db, at(500))) == std::vector<std::int64_t>{archive, reminder});

    const Job job = due_jobs(db, at(100)).front();
    CHECK(job.kind == JobKind::archive);
    CHECK(job.incident == incident);
    CHECK(job.run_at == at(100));
    CHECK(job.created_at == at(0));
    CHECK(job.state == JobState::pending);

    SECTION("a completed job is not due again") {
        CHECK(complete_job(db, archive, at(101)));
        CHECK_FALSE(complete_job(db, archive, at(102)));
        CHECK(ids(due_jobs(db, at(500))) == std::vector<std::int64_t>{reminder});
        CHECK(next_job_time(db) == at(200));
        CHECK(jobs_for_incident(db, incident).front().done_at == at(101));
    }
}

TEST_CASE("scheduling the same job twice keeps one") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto incident = create_incident(db, draft_incident());
    const auto first = schedule_job(db, incident, JobKind::archive, at(100), at(0));
    CHECK(schedule_job(db, incident, JobKind::archive, at(100), at(5)) == first);
    CHECK(jobs_for_incident(db, incident).size() == 1);
}

TEST_CASE("reopening cancels the archive job and keeps the reminders") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto incident = create_incident(db, draft_incident());
    const auto other = create_incident(db, draft_incident("other"));
    const auto archive = schedule_job(db, incident, JobKind::archive, at(100), at(0));
    const auto reminder = schedule_job(db, incident, JobKind::postmortem_reminder, at(200), at(0));
    const auto other_archive = schedule_job(db, other, JobKind::archive, at(100), at(0));

    CHECK(cancel_jobs(db, incident, at(50), JobKind::archive) == 1);
    CHECK(ids(due_jobs(db, at(500))) == std::vector<std::int64_t>{other_archive, reminder});
    CHECK(jobs_for_incident(db, incident).front().state == JobState::cancelled);
    CHECK_FALSE(complete_job(db, archive, at(100)));

    SECTION("closing again at the same time schedules it anew") {
        CHECK(schedule_job(db, incident, JobKind::archive, at(100), at(60)) == archive);
        CHECK(ids(due_jobs(db, at(100))) == std::vector<std::int64_t>{archive, other_archive});
    }
    SECTION("cancelling every kind") {
        CHECK(cancel_jobs(db, incident, at(60)) == 1);
        CHECK(ids(due_jobs(db, at(500))) == std::vector<std::int64_t>{other_archive});
    }
}

TEST_CASE("job kinds have stable names") {
    for (JobKind kind : {JobKind::archive, JobKind::postmortem_reminder})
        CHECK(parse_job_kind(to_string(kind)) == kind);
    CHECK_FALSE(parse_job_kind("launch"));
}
