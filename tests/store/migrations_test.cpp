// Migrations: recorded once, re-applied never, refused when the database is newer, atomic.
#include "store/migrations.hpp"

#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>
#include <vector>

#include "store/database.hpp"
#include "store/store_error.hpp"
#include "store_fixture.hpp"

using namespace incidentd::store;
using incidentd::store::testing::TempDirectory;

namespace {

int recorded_migrations(SQLite::Database& db) {
    return db.execAndGet("SELECT COUNT(*) FROM schema_migrations").getInt();
}

// The binary's migrations plus one more, as a newer release would ship them.
std::vector<Migration> with_extra(Migration extra) {
    std::vector<Migration> list(migrations().begin(), migrations().end());
    list.push_back(extra);
    return list;
}

}  // namespace

TEST_CASE("a new database records every migration once") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    CHECK(schema_version(db) == migrations().back().version);
    CHECK(recorded_migrations(db) == static_cast<int>(migrations().size()));
    CHECK(db.execAndGet("SELECT MIN(applied_at) FROM schema_migrations").getInt64() > 0);
    for (const char* table : {"incidents", "roles", "entries", "slack_events", "recorded_messages",
                              "outbox", "jobs", "users"})
        CHECK(db.tableExists(table));
}

TEST_CASE("re-opening a database applies only migrations it has not seen") {
    TempDirectory dir;
    const auto path = dir.file("incidentd.db");
    { open_database(path); }

    SECTION("the same binary applies nothing") {
        SQLite::Database db = open_database(path);
        CHECK(apply_migrations(db).empty());
        CHECK(recorded_migrations(db) == static_cast<int>(migrations().size()));
    }
    SECTION("a newer binary applies just its new migration") {
        SQLite::Database db = open_database(path);
        const int next = migrations().back().version + 1;
        const auto list = with_extra({next, "a test table", "CREATE TABLE extra (x INTEGER)"});
        CHECK(apply_migrations(db, list) == std::vector<int>{next});
        CHECK(db.tableExists("extra"));
        CHECK(apply_migrations(db, list).empty());
        CHECK(schema_version(db) == next);
    }
}

TEST_CASE("a database migrated by a newer binary is refused with a clear error") {
    TempDirectory dir;
    const auto path = dir.file("incidentd.db");
    {
        SQLite::Database db = open_database(path);
        apply_migrations(db, with_extra({99, "from the future", "CREATE TABLE future (x)"}));
    }
    try {
        open_database(path);
        FAIL("opening a newer database should have been refused");
    } catch (const StoreError& e) {
        const std::string message = e.what();
        CHECK_THAT(message, Catch::Contains("schema version 99"));
        CHECK_THAT(message, Catch::Contains("newer incidentd"));
    }
}

TEST_CASE("a failing migration is rolled back entirely") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const int before = schema_version(db);
    const auto list = with_extra(
        {before + 1, "half valid", "CREATE TABLE half (x); INSERT INTO no_such_table VALUES (1);"});
    CHECK_THROWS_AS(apply_migrations(db, list), SQLite::Exception);
    CHECK(schema_version(db) == before);
    CHECK_FALSE(db.tableExists("half"));
}

TEST_CASE("the write connection uses WAL, foreign keys and the requested durability") {
    TempDirectory dir;
    SECTION("synchronous is FULL by default") {
        SQLite::Database db = open_database(dir.file("full.db"));
        CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
        CHECK(db.execAndGet("PRAGMA foreign_keys").getInt() == 1);
        CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 2);  // FULL
    }
    SECTION("synchronous can be NORMAL when asked") {
        SQLite::Database db = open_database(dir.file("normal.db"), {Synchronous::normal});
        CHECK(db.execAndGet("PRAGMA synchronous").getInt() == 1);  // NORMAL
    }
}

TEST_CASE("a reader cannot write and needs an existing database") {
    TempDirectory dir;
    const auto path = dir.file("incidentd.db");
    CHECK_THROWS_AS(open_reader(path), StoreError);
    { open_database(path); }
    SQLite::Database reader = open_reader(path);
    CHECK_THROWS_AS(reader.exec("INSERT INTO users (id, name, updated_at) VALUES ('U1', 'a', 0)"),
                    SQLite::Exception);
}
