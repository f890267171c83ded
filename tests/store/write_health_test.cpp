// What the writer says of the store's ability to write: a failed commit marks it failed at once,
// a later write clears it (by itself, through the probe, when nothing else writes), and a store
// file deleted or replaced under it stops every write for good, with what it held saved beside.
#include "store/write_health.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/events.hpp"
#include "store/writer.hpp"
#include "store_fixture.hpp"
#include "support/eventually.hpp"

using namespace incidentd;
using namespace incidentd::store;
using namespace std::chrono_literals;
using incidentd::store::testing::at;
using incidentd::store::testing::TempDirectory;
using incidentd::test::eventually;

namespace {

// The health changes the writer reported, in order.
struct HealthLog {
    std::mutex mutex;
    std::vector<WriteHealth> changes;

    WriterOptions options(std::chrono::milliseconds probe_interval = 50ms) {
        WriterOptions o;
        o.probe_interval = probe_interval;
        o.on_health_change = [this](const WriteHealth& h) {
            std::lock_guard lock(mutex);
            changes.push_back(h);
        };
        return o;
    }
    std::size_t size() {
        std::lock_guard lock(mutex);
        return changes.size();
    }
};

bool record(Writer& writer, const std::string& event_id) {
    return writer
        .submit([event_id](SQLite::Database& db) { return record_event_once(db, event_id, at(0)); })
        .get();
}

// SQLite's own limit on the file's size, set on the writer's connection: past it every write
// that needs a new page fails with SQLITE_FULL ("database or disk is full"), as on a full disk.
void limit_pages(Writer& writer, const std::string& limit) {
    writer
        .submit([limit](SQLite::Database& db) {
            db.exec("PRAGMA max_page_count = " + limit);
            return true;
        })
        .get();
}

// Events, each in its own commit, until one needs a page the limit refuses; true if one was
// refused within `count`.
bool fills_up(Writer& writer, int count = 200) {
    for (int i = 0; i < count; ++i) {
        try {
            record(writer, "EvFULL" + std::to_string(i) + std::string(400, 'x'));
        } catch (const SQLite::Exception&) {
            return true;
        }
    }
    return false;
}

}  // namespace

TEST_CASE("a store that takes writes is reported writable") {
    TempDirectory dir;
    Writer writer(dir.file("incidentd.db"));
    CHECK(record(writer, "Ev1"));
    CHECK(writer.health() == WriteHealth{});
}

TEST_CASE(
    "a commit refused for lack of space marks the store failed at once, and freeing space "
    "clears it without a restart") {
    TempDirectory dir;
    HealthLog log;
    Writer writer(dir.file("incidentd.db"), log.options(1h));  // no probe during this test
    REQUIRE(record(writer, "Ev1"));
    limit_pages(writer, "1");  // never lower than the file: SQLite keeps the current size

    REQUIRE(fills_up(writer));
    const WriteHealth failed = writer.health();
    CHECK_FALSE(failed.writable);
    CHECK_FALSE(failed.permanent);
    CHECK_THAT(failed.problem, Catch::Contains("full"));
    REQUIRE(log.size() == 1);  // one change reported, not one per refused request

    SECTION("a later commit that writes clears it") {
        limit_pages(writer, "1073741823");
        CHECK(record(writer, "Ev2"));
        CHECK(writer.health().writable);
        REQUIRE(log.size() == 2);
        CHECK(log.changes.back().writable);
    }
    SECTION("reads that succeed do not clear it: a full disk still serves reads") {
        for (int i = 0; i < 5; ++i)
            writer
                .submit([](SQLite::Database& db) {
                    return db.execAndGet("SELECT COUNT(*) FROM slack_events").getInt();
                })
                .get();
        CHECK_FALSE(writer.health().writable);
    }
}

TEST_CASE(
    "while the store is failed and nothing else writes, a small write probe notices that it "
    "takes writes again") {
    TempDirectory dir;
    HealthLog log;
    Writer writer(dir.file("incidentd.db"), log.options(20ms));
    REQUIRE(record(writer, "Ev1"));
    SQLite::Database other(dir.file("incidentd.db"), SQLite::OPEN_READWRITE);
    limit_pages(writer, "1");
    REQUIRE(fills_up(writer));

    // Only the limit goes, in a request that writes nothing: no request clears the failure, so
    // only the probe's heartbeat write can.
    writer
        .submit([](SQLite::Database& db) {
            db.exec("PRAGMA max_page_count = 1073741823");
            return true;
        })
        .get();
    CHECK(eventually([&] { return writer.health().writable; }));
    CHECK(log.size() >= 2);
    CHECK(other.execAndGet("SELECT COUNT(*) FROM store_heartbeat").getInt() == 1);
}

TEST_CASE("a request's own failure does not mark the store failed") {
    TempDirectory dir;
    Writer writer(dir.file("incidentd.db"));
    auto failing = writer.submit([](SQLite::Database& db) -> bool {
        db.exec("INSERT INTO no_such_table VALUES (1)");
        return true;
    });
    CHECK_THROWS(failing.get());
    auto bug = writer.submit([](SQLite::Database&) -> bool { throw std::logic_error("a bug"); });
    CHECK_THROWS(bug.get());
    CHECK(writer.health().writable);
}

TEST_CASE(
    "a store file deleted under the writer stops every later write, and what it held is "
    "saved under a new name") {
    TempDirectory dir;
    const auto path = dir.file("incidentd.db");
    HealthLog log;
    Writer writer(path, log.options());
    for (int i = 0; i < 10; ++i)
        REQUIRE(record(writer, "EvBEFORE" + std::to_string(i)));

    std::filesystem::remove(path);
    CHECK_THROWS_WITH(record(writer, "EvAFTER"), Catch::Contains("deleted"));
    CHECK_THROWS(record(writer, "EvAFTER2"));
    const WriteHealth health = writer.health();
    CHECK_FALSE(health.writable);
    CHECK(health.permanent);
    // What /readyz shows names no file; what the log shows says where the data went.
    CHECK_THAT(health.problem, Catch::Contains("deleted") && !Catch::Contains(path));
    CHECK_THAT(health.advice, Catch::Contains(path) && Catch::Contains(".rescued-"));
    CHECK_FALSE(std::filesystem::exists(path));  // never recreated, empty or not

    std::filesystem::path rescued;
    for (const auto& file : std::filesystem::directory_iterator(dir.path()))
        if (file.path().filename().string().starts_with("incidentd.db.rescued-"))
            rescued = file.path();
    REQUIRE_FALSE(rescued.empty());
    SQLite::Database copy(rescued.string(), SQLite::OPEN_READONLY);
    CHECK(copy.execAndGet("SELECT COUNT(*) FROM slack_events WHERE event_id LIKE 'EvBEFORE%'")
              .getInt() == 10);
    CHECK(copy.execAndGet("SELECT COUNT(*) FROM slack_events WHERE event_id LIKE 'EvAFTER%'")
              .getInt() == 0);

    SECTION("putting a file back under the name does not undo it: it is not the file written") {
        { SQLite::Database fresh(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE); }
        CHECK_THROWS(record(writer, "EvAFTER3"));
        CHECK(writer.health().permanent);
    }
    CHECK(log.size() == 1);
}

TEST_CASE("a store file replaced by another under the writer stops every later write") {
    TempDirectory dir;
    const auto path = dir.file("incidentd.db");
    Writer writer(path);
    REQUIRE(record(writer, "Ev1"));
    std::filesystem::rename(path, dir.file("moved.db"));
    { SQLite::Database other(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE); }
    CHECK_THROWS_WITH(record(writer, "Ev2"), Catch::Contains("replaced"));
    CHECK(writer.health().permanent);
}

TEST_CASE("only storage failures count as the store failing") {
    CHECK(is_storage_failure(SQLite::Exception("database or disk is full", 13 /*SQLITE_FULL*/)));
    CHECK(is_storage_failure(SQLite::Exception("disk I/O error", 10 | (4 << 8) /*IOERR_READ*/)));
    CHECK(is_storage_failure(SQLite::Exception("readonly", 8 /*SQLITE_READONLY*/)));
    CHECK_FALSE(is_storage_failure(SQLite::Exception("constraint", 19 /*SQLITE_CONSTRAINT*/)));
    CHECK_FALSE(is_storage_failure(std::runtime_error("not sqlite")));
}
