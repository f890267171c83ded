// The display-name cache.
#include "store/users.hpp"

#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>

#include "store/database.hpp"
#include "store_fixture.hpp"

using namespace incidentd::store;
using incidentd::store::testing::at;
using incidentd::store::testing::TempDirectory;

TEST_CASE("a user's name is cached and replaced when it changes") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    CHECK_FALSE(find_user(db, "U0ALICE"));

    upsert_user(db, "U0ALICE", "alice", at(0));
    auto found = find_user(db, "U0ALICE");
    REQUIRE(found);
    CHECK(found->name == "alice");
    CHECK(found->updated_at == at(0));

    upsert_user(db, "U0ALICE", "Alice Liddell", at(60));
    found = find_user(db, "U0ALICE");
    CHECK(found->name == "Alice Liddell");
    CHECK(found->updated_at == at(60));
    CHECK_FALSE(find_user(db, "U0BOB"));
}
