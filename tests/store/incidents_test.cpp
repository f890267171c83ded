// Incidents: numbering, the stored current state and roles, lookups and lists.
#include "store/incidents.hpp"

#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store/store_error.hpp"
#include "store_fixture.hpp"

using namespace incidentd;
using namespace incidentd::store;
using incidentd::store::testing::at;
using incidentd::store::testing::draft_incident;
using incidentd::store::testing::TempDirectory;

namespace {

std::vector<std::int64_t> numbers(const std::vector<core::Incident>& incidents) {
    std::vector<std::int64_t> out;
    for (const auto& i : incidents)
        out.push_back(i.number);
    return out;
}

}  // namespace

TEST_CASE("incident numbers count up from INC-1") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    core::Incident draft = draft_incident();
    draft.number = 42;  // ignored: the store allocates
    CHECK(create_incident(db, draft) == 1);
    CHECK(create_incident(db, draft) == 2);
    CHECK(create_incident(db, draft) == 3);
    CHECK(find_incident(db, 3)->id() == "INC-3");
}

TEST_CASE("the next incident number is known before the incident is stored") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    CHECK(next_incident_number(db) == 1);
    CHECK(create_incident(db, draft_incident()) == 1);
    CHECK(next_incident_number(db) == 2);
    SECTION("and a number is not given again after its incident is gone") {
        db.exec("PRAGMA foreign_keys = OFF");
        db.exec("DELETE FROM incidents");
        CHECK(next_incident_number(db) == 2);
        CHECK(create_incident(db, draft_incident()) == 2);
    }
}

TEST_CASE("an incident reads back as it was saved") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    core::Incident draft = draft_incident("payments down");
    draft.team = "payments";
    draft.roles[core::Role::commander] = core::Actor{"U0ALICE", "alice"};
    const std::int64_t number = create_incident(db, draft);

    SECTION("as created") {
        const auto found = find_incident(db, number);
        REQUIRE(found);
        CHECK(found->number == number);
        CHECK(found->title == "payments down");
        CHECK(found->severity == core::Severity::sev2);
        CHECK(found->state == core::State::active);
        CHECK(found->team == "payments");
        CHECK(found->channel_id.empty());
        CHECK(found->declared_by == core::Actor{"U0ALICE", "alice"});
        CHECK(found->declared_at == at(0));
        CHECK_FALSE(found->resolved_at);
        CHECK_FALSE(found->postmortem.due_at);
        CHECK(found->roles.size() == 1);
        CHECK(found->roles.at(core::Role::commander).name == "alice");
    }
    SECTION("after every field changed") {
        core::Incident changed = *find_incident(db, number);
        changed.title = "payments degraded";
        changed.severity = core::Severity::sev1;
        changed.state = core::State::closed;
        changed.channel_id = "C0INC";
        changed.channel_name = "inc-20261124-payments-down";
        changed.channel_url = "https://example.slack.com/archives/C0INC";
        changed.summary_ts = "1764000000.000100";
        changed.resolved_at = at(600);
        changed.closed_at = at(900);
        changed.postmortem.due_at = at(900 + 7 * 86400);
        changed.postmortem.url = "https://docs.example.com/pm/1";
        changed.postmortem.done = true;
        changed.roles.erase(core::Role::commander);
        changed.roles[core::Role::scribe] = core::Actor{"U0CAROL", "carol"};
        save_incident(db, changed, at(901));

        const auto found = find_incident(db, number);
        REQUIRE(found);
        CHECK(found->title == "payments degraded");
        CHECK(found->severity == core::Severity::sev1);
        CHECK(found->state == core::State::closed);
        CHECK(found->channel_id == "C0INC");
        CHECK(found->channel_name == "inc-20261124-payments-down");
        CHECK(found->channel_url == "https://example.slack.com/archives/C0INC");
        CHECK(found->summary_ts == "1764000000.000100");
        CHECK(found->resolved_at == at(600));
        CHECK(found->closed_at == at(900));
        CHECK_FALSE(found->archived_at);
        CHECK(found->postmortem.due_at == at(900 + 7 * 86400));
        CHECK(found->postmortem.url == "https://docs.example.com/pm/1");
        CHECK(found->postmortem.done);
        CHECK(found->roles.size() == 1);
        CHECK(found->roles.at(core::Role::scribe) == core::Actor{"U0CAROL", "carol"});
        CHECK(db.execAndGet("SELECT updated_at FROM incidents").getInt64() ==
              at(901).time_since_epoch().count());
    }
}

TEST_CASE("an incident is found by its channel, and no two incidents share one") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    core::Incident first = draft_incident();
    first.number = create_incident(db, first);
    core::Incident second = draft_incident();
    second.number = create_incident(db, second);  // both still without a channel: allowed

    CHECK_FALSE(find_incident_by_channel(db, ""));
    first.channel_id = "C0FIRST";
    save_incident(db, first, at(1));
    CHECK(find_incident_by_channel(db, "C0FIRST")->number == first.number);
    CHECK_FALSE(find_incident_by_channel(db, "C0OTHER"));

    second.channel_id = "C0FIRST";
    CHECK_THROWS_AS(save_incident(db, second, at(2)), SQLite::Exception);
    CHECK(find_incident(db, second.number)->channel_id.empty());
}

TEST_CASE("saving an incident that was never created is refused") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    core::Incident ghost = draft_incident();
    ghost.number = 7;
    CHECK_THROWS_WITH(save_incident(db, ghost, at(1)), Catch::Contains("INC-7"));
    CHECK_FALSE(find_incident(db, 7));
}

TEST_CASE("the list shows open incidents, or all of them") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    for (core::State state :
         {core::State::active, core::State::resolved, core::State::closed, core::State::archived}) {
        core::Incident i = draft_incident();
        i.state = state;
        create_incident(db, i);
    }
    CHECK(numbers(list_incidents(db, IncidentFilter::open)) == std::vector<std::int64_t>{1, 2});
    CHECK(numbers(list_incidents(db, IncidentFilter::all)) ==
          std::vector<std::int64_t>{1, 2, 3, 4});
}

TEST_CASE("postmortems due are the undone ones, earliest due first") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    auto with_postmortem = [&](std::optional<core::Time> due, bool done) {
        core::Incident i = draft_incident();
        i.state = core::State::closed;
        i.postmortem.due_at = due;
        i.postmortem.done = done;
        return create_incident(db, i);
    };
    const auto later = with_postmortem(at(2000), false);
    with_postmortem(at(500), true);        // done
    with_postmortem(std::nullopt, false);  // not closed yet: no due date
    const auto sooner = with_postmortem(at(1000), false);
    CHECK(numbers(postmortems_due(db)) == std::vector<std::int64_t>{sooner, later});
}
