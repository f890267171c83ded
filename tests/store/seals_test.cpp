// Seal rows: a seal is made only when the record's head moved, the periodic seal is due at most
// once per interval and only for open records that changed, and a seal reads back as signed.
#include "store/seals.hpp"

#include <catch2/catch.hpp>
#include <vector>

#include "core/seal.hpp"
#include "store/database.hpp"
#include "store/entries.hpp"
#include "store/incidents.hpp"
#include "store_fixture.hpp"

using namespace incidentd;
using namespace incidentd::store;
using incidentd::store::testing::at;
using incidentd::store::testing::draft_incident;
using incidentd::store::testing::message;
using incidentd::store::testing::TempDirectory;

TEST_CASE("A record is sealed only when its head moved since the last seal") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto number = create_incident(db, draft_incident());
    const core::SigningKey key = core::SigningKey::generate();

    const auto first = seal_record(db, number, key, at(10));
    REQUIRE(first);
    CHECK(first->number == 1);
    CHECK_FALSE(seal_record(db, number, key, at(20)));  // nothing changed: no second seal

    append_entry(db, number, message("1764000001.000100", "checkout is slow"));
    const auto second = seal_record(db, number, key, at(30));
    REQUIRE(second);
    CHECK(second->number == 2);
    CHECK(second->entries == first->entries + 1);

    const std::vector<StoredSeal> stored = seals(db, number);
    REQUIRE(stored.size() == 2);
    CHECK(stored[1].seal == *second);
    CHECK(stored[1].slack_ts.empty());
    CHECK(
        key.public_key().verifies(core::seal_statement(stored[1].seal), stored[1].seal.signature));
    mark_seal_posted(db, number, 2, "1764000002.000200");
    CHECK(seals(db, number)[1].slack_ts == "1764000002.000200");
}

TEST_CASE(
    "The periodic seal is due for a record never sealed, and for an open record that changed "
    "once its last seal is an interval old") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const core::SigningKey key = core::SigningKey::generate();
    const auto changed = create_incident(db, draft_incident("changed"));
    const auto unchanged = create_incident(db, draft_incident("unchanged"));
    auto closed_incident = draft_incident("closed");
    const auto closed = create_incident(db, closed_incident);
    const auto never_sealed = create_incident(db, draft_incident("never sealed"));
    for (const auto number : {changed, unchanged, closed})
        REQUIRE(seal_record(db, number, key, at(100)));
    append_entry(db, changed, message("1764000001.000100", "p99 at 3s"));
    append_entry(db, closed, message("1764000001.000200", "late note"));
    closed_incident = *find_incident(db, closed);
    closed_incident.state = core::State::closed;
    save_incident(db, closed_incident, at(150));

    // The seals are from t=100: sealed before t=99 means not yet an interval old.
    CHECK(records_to_seal(db, at(99)) == std::vector<std::int64_t>{never_sealed});
    CHECK(records_to_seal(db, at(100)) == std::vector<std::int64_t>{changed, never_sealed});

    REQUIRE(seal_record(db, changed, key, at(200)));
    REQUIRE(seal_record(db, never_sealed, key, at(200)));
    CHECK(records_to_seal(db, at(300)).empty());
}
