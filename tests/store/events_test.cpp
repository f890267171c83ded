// De-duplication of Slack input by event id and by (channel, ts, kind), and its pruning.
#include "store/events.hpp"

#include <SQLiteCpp/Transaction.h>

#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store_fixture.hpp"

using namespace incidentd::store;
using incidentd::store::testing::at;
using incidentd::store::testing::TempDirectory;

TEST_CASE("a retried event is recorded once") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    CHECK(record_event_once(db, "Ev0001", at(0)));
    CHECK_FALSE(record_event_once(db, "Ev0001", at(5)));
    CHECK(record_event_once(db, "Ev0002", at(5)));
}

TEST_CASE("an event rolled back with its transaction is not counted as seen") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    {
        SQLite::Transaction transaction(db);
        CHECK(record_event_once(db, "Ev0001", at(0)));
    }  // not committed: handling failed, Slack will retry
    CHECK(record_event_once(db, "Ev0001", at(1)));
}

TEST_CASE("the same message under another event id is recorded once") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    CHECK(record_message_once(db, "C0INC", "1764000001.000100", "message", at(0)));
    CHECK_FALSE(record_message_once(db, "C0INC", "1764000001.000100", "message", at(1)));
    SECTION("another kind, channel or ts is another message") {
        CHECK(record_message_once(db, "C0INC", "1764000001.000100", "edited", at(1)));
        CHECK(record_message_once(db, "C0OTHER", "1764000001.000100", "message", at(1)));
        CHECK(record_message_once(db, "C0INC", "1764000001.000200", "message", at(1)));
    }
}

TEST_CASE("pruning forgets what was received before the window") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    record_event_once(db, "EvOLD", at(0));
    record_event_once(db, "EvNEW", at(3600));
    record_message_once(db, "C0INC", "1764000001.000100", "message", at(0));

    CHECK(prune_events(db, at(1800)) == 2);
    CHECK(record_event_once(db, "EvOLD", at(3601)));  // forgotten
    CHECK_FALSE(record_event_once(db, "EvNEW", at(3601)));
    CHECK(record_message_once(db, "C0INC", "1764000001.000100", "message", at(3601)));
}
