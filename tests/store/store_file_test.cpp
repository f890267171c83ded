// What incidentd takes for its store: a file that says it is incidentd's, of a schema this binary
// knows, that SQLite finds undamaged; and one writer at a time. Everything else is refused with
// the file named and what to do, and a file that is not incidentd's is left exactly as it was.
#include "store/store_file.hpp"

#include <SQLiteCpp/Statement.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <string>

#include "store/backup.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/store_error.hpp"
#include "store/writer.hpp"
#include "store/writer_lock.hpp"
#include "store_fixture.hpp"
#include "support/damaged_store.hpp"

using namespace incidentd::store;
using Catch::Contains;
using incidentd::store::testing::TempDirectory;

namespace {

std::string bytes_of(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// An incidentd store at `path`, every connection to it closed.
void make_store(const std::filesystem::path& path) {
    SQLite::Database db = open_database(path);
    db.exec("INSERT INTO slack_events (event_id, received_at) VALUES ('Ev1', 1), ('Ev2', 2)");
}

// Another application's database: its own tables, and its own application_id when not 0.
void make_foreign(const std::filesystem::path& path, int id) {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT)");
    db.exec("INSERT INTO customers (email) VALUES ('ada@example.com')");
    if (id != 0) db.exec("PRAGMA application_id = " + std::to_string(id));
}

void set_schema_version(const std::filesystem::path& path, int version) {
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    db.exec("DELETE FROM schema_migrations");
    SQLite::Statement insert(db,
                             "INSERT INTO schema_migrations (version, description, applied_at) "
                             "VALUES (?, 'as a test says', 0)");
    insert.bind(1, version);
    insert.exec();
}

}  // namespace

TEST_CASE("a store incidentd creates says so in its application_id") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    CHECK(db.execAndGet("PRAGMA application_id").getInt() == 0x494E4344);  // "INCD"
}

TEST_CASE("a store made before incidentd set its application_id is read, and marked by a writer") {
    TempDirectory dir;
    const std::filesystem::path path = dir.file("incidentd.db");
    make_store(path);
    {
        SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
        db.exec("PRAGMA application_id = 0");
    }
    { CHECK_NOTHROW(open_reader(path)); }
    {
        SQLite::Database reader(path.string(), SQLite::OPEN_READONLY);
        CHECK(reader.execAndGet("PRAGMA application_id").getInt() == 0);
    }
    SQLite::Database db = open_database(path);
    CHECK(db.execAndGet("PRAGMA application_id").getInt() == application_id);
}

TEST_CASE("another application's SQLite file is refused by name and left byte for byte as it was") {
    TempDirectory dir;
    const std::filesystem::path path = dir.file("crm.db");
    SECTION("one with tables of its own and no application_id") {
        make_foreign(path, 0);
        const std::string before = bytes_of(path);
        CHECK_THROWS_WITH(open_database(path), Contains("crm.db") &&
                                                   Contains("is not an incidentd store") &&
                                                   Contains("customers"));
        CHECK_THROWS_WITH(open_reader(path), Contains("is not an incidentd store"));
        CHECK_THROWS_AS(Writer(path), StoreError);
        CHECK(bytes_of(path) == before);
    }
    SECTION("one with another application's id, even without tables") {
        {
            SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            db.exec("PRAGMA application_id = 42");
        }
        const std::string before = bytes_of(path);
        CHECK_THROWS_WITH(open_database(path), Contains("application_id is 0x0000002A"));
        CHECK(bytes_of(path) == before);
    }
    CHECK_FALSE(std::filesystem::exists(path.string() + "-wal"));
}

TEST_CASE("a reader takes exactly this binary's schema; a backup any schema up to it") {
    TempDirectory dir;
    const std::filesystem::path path = dir.file("incidentd.db");
    make_store(path);
    const int known = migrations().back().version;
    SECTION("a newer schema is refused by every use") {
        set_schema_version(path, 99);
        CHECK_THROWS_WITH(open_reader(path),
                          Contains("has schema version 99") &&
                              Contains("knows versions up to " + std::to_string(known)));
        CHECK_THROWS_WITH(open_reader(path, StoreUse::copy), Contains("schema version 99"));
        CHECK_THROWS_WITH(backup_database(path, dir.file("copy.db")),
                          Contains("schema version 99"));
        CHECK_THROWS_WITH(open_database(path), Contains("schema version 99"));
        CHECK_FALSE(std::filesystem::exists(dir.file("copy.db")));
    }
    SECTION("an older schema is read only once migrated, and backed up as it is") {
        set_schema_version(path, 1);
        CHECK_THROWS_WITH(
            open_reader(path),
            Contains("has schema version 1") && Contains("start this version's `incidentd serve`"));
        CHECK_NOTHROW(backup_database(path, dir.file("before-upgrade.db")));
    }
}

TEST_CASE("a path that names a directory, or a file in a missing directory, is refused in words") {
    TempDirectory dir;
    CHECK_THROWS_WITH(open_database(dir.path()), Contains("is a directory"));
    CHECK_THROWS_WITH(open_reader(dir.path()), Contains("is a directory"));
    CHECK_THROWS_WITH(Writer(dir.path()), Contains("is a directory"));
    CHECK_FALSE(std::filesystem::exists(dir.path().string() + ".lock"));
    const auto nowhere = std::filesystem::path(dir.file("missing")) / "incidentd.db";
    CHECK_THROWS_WITH(open_database(nowhere), Contains("the directory") && Contains("missing") &&
                                                  Contains("does not exist"));
    CHECK_THROWS_WITH(open_reader(nowhere), Contains("no store at"));
}

TEST_CASE("a damaged page is found by SQLite's checks and refused before anything is written") {
    TempDirectory dir;
    const std::filesystem::path path = dir.file("incidentd.db");
    make_store(path);
    {
        SQLite::Database db = open_reader(path);
        CHECK(integrity_problems(db, IntegrityCheck::quick).empty());
        CHECK(integrity_problems(db, IntegrityCheck::full).empty());
    }
    incidentd::test::scribble_over(path, "slack_events_by_age");
    const std::string damaged = bytes_of(path);
    {
        SQLite::Database db = open_reader(path);  // the schema page is intact: it opens
        CHECK_FALSE(integrity_problems(db, IntegrityCheck::quick).empty());
        CHECK_FALSE(integrity_problems(db, IntegrityCheck::full).empty());
        CHECK_THROWS_WITH(require_intact(db, IntegrityCheck::full),
                          Contains("is damaged") && Contains("restore the latest backup"));
    }
    CHECK_THROWS_WITH(open_database(path), Contains("is damaged") && Contains("quick_check"));
    CHECK(bytes_of(path) == damaged);
    SECTION("backup refuses to copy it unless told to") {
        CHECK_THROWS_WITH(backup_database(path, dir.file("copy.db")), Contains("is damaged"));
        CHECK_FALSE(std::filesystem::exists(dir.file("copy.db")));
        backup_database(path, dir.file("copy.db"), ExistingFile::refuse, IntegrityCheck::none);
        CHECK(std::filesystem::exists(dir.file("copy.db")));
    }
}

TEST_CASE("a second writer on a store is refused naming the first's pid, and readers still read") {
    TempDirectory dir;
    const std::filesystem::path path = dir.file("incidentd.db");
    {
        Writer first(path);
        CHECK_THROWS_WITH(Writer(path), Contains("is in use by another incidentd") &&
                                            Contains("(pid " + std::to_string(::getpid()) + ")"));
        CHECK_THROWS_AS(WriterLock::acquire(path), StoreError);
        SQLite::Database reader = open_reader(path);
        CHECK(reader.execAndGet("SELECT COUNT(*) FROM incidents").getInt() == 0);
    }
    // The lock went with the first writer.
    CHECK_NOTHROW(Writer(path));
}

TEST_CASE("SQLite's errors reach people with the file named and what to do") {
    TempDirectory dir;
    const std::filesystem::path path = dir.file("incidentd.db");
    {
        std::ofstream text(path);
        text << "not a database, just words that are long enough to fill SQLite's header\n";
    }
    try {
        SQLite::Database db = open_reader(path);
        FAIL("a text file opened as a store");
    } catch (const SQLite::Exception& e) {
        const std::string said = explain_sqlite_error(path, e);
        CHECK_THAT(said, Contains("incidentd.db") &&
                             Contains("is damaged or is not a SQLite "
                                      "database") &&
                             Contains("restore it from a backup") && Contains("(SQLite: "));
    }
}
