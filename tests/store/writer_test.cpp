// The one writer: group commit, per-request rollback, completion only after commit, draining.
#include "store/writer.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/entries.hpp"
#include "store/events.hpp"
#include "store/incidents.hpp"
#include "store/users.hpp"
#include "store_fixture.hpp"

using namespace incidentd;
using namespace incidentd::store;
using namespace std::chrono_literals;
using incidentd::store::testing::at;
using incidentd::store::testing::draft_incident;
using incidentd::store::testing::message;
using incidentd::store::testing::TempDirectory;

namespace {

// Holds the writer inside a batch until released, so the test decides what queues up meanwhile.
class BlockedWriter {
  public:
    explicit BlockedWriter(Writer& writer) {
        std::promise<void> entered;
        auto entered_future = entered.get_future();
        auto released = release_.get_future().share();
        blocker_ = writer.submit([&entered, released](SQLite::Database&) {
            entered.set_value();
            released.wait();
        });
        REQUIRE(entered_future.wait_for(10s) == std::future_status::ready);
    }
    ~BlockedWriter() { release(); }
    void release() {
        if (released_) return;
        released_ = true;
        release_.set_value();
        blocker_.get();
    }

  private:
    std::promise<void> release_;
    std::future<void> blocker_;
    bool released_ = false;
};

void wait_until_queued(const Writer& writer, std::size_t n) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (writer.queued() < n && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(1ms);
    REQUIRE(writer.queued() == n);
}

std::int64_t events_stored(const Writer& writer) {
    SQLite::Database reader = writer.open_reader();
    return reader.execAndGet("SELECT COUNT(*) FROM slack_events").getInt64();
}

}  // namespace

TEST_CASE("concurrent submissions are committed in fewer batches than requests") {
    TempDirectory dir;
    Writer writer(dir.file("incidentd.db"));
    constexpr int threads = 8;
    constexpr int per_thread = 50;
    std::promise<void> go;
    auto start = go.get_future().share();
    std::vector<std::future<int>> submitters;
    for (int t = 0; t < threads; ++t)
        submitters.push_back(std::async(std::launch::async, [&writer, start, t] {
            start.wait();
            std::vector<std::future<bool>> results;
            for (int i = 0; i < per_thread; ++i) {
                const std::string id = "Ev" + std::to_string(t) + "-" + std::to_string(i);
                results.push_back(writer.submit(
                    [id](SQLite::Database& db) { return record_event_once(db, id, at(0)); }));
            }
            int recorded = 0;
            for (auto& r : results)
                recorded += r.get() ? 1 : 0;
            return recorded;
        }));
    go.set_value();
    int recorded = 0;
    for (auto& s : submitters)
        recorded += s.get();

    CHECK(recorded == threads * per_thread);
    CHECK(events_stored(writer) == threads * per_thread);
    const Writer::Counters counters = writer.counters();
    CHECK(counters.requests == threads * per_thread);
    CHECK(counters.failed_requests == 0);
    CHECK(counters.batches < counters.requests);
}

TEST_CASE("requests queued while a batch runs are committed together in the next one") {
    TempDirectory dir;
    Writer writer(dir.file("incidentd.db"));
    std::vector<std::future<bool>> results;
    {
        BlockedWriter blocked(writer);
        std::vector<std::thread> submitters;
        std::mutex results_mutex;
        for (int t = 0; t < 4; ++t)
            submitters.emplace_back([&, t] {
                for (int i = 0; i < 5; ++i) {
                    const std::string id = "Ev" + std::to_string(t) + "-" + std::to_string(i);
                    auto f = writer.submit(
                        [id](SQLite::Database& db) { return record_event_once(db, id, at(0)); });
                    std::lock_guard lock(results_mutex);
                    results.push_back(std::move(f));
                }
            });
        for (auto& s : submitters)
            s.join();
        wait_until_queued(writer, 20);
        CHECK(events_stored(writer) == 0);  // nothing is committed while the batch is held
    }
    for (auto& r : results)
        CHECK(r.get());
    CHECK(writer.counters().batches == 2);  // the blocker's batch, then all twenty at once
    CHECK(writer.counters().requests == 21);
}

TEST_CASE("a failing request is rolled back alone and only it reports the exception") {
    TempDirectory dir;
    Writer writer(dir.file("incidentd.db"));
    const std::int64_t number =
        writer.submit([](SQLite::Database& db) { return create_incident(db, draft_incident()); })
            .get();

    std::future<core::Entry> before, failing, after;
    {
        BlockedWriter blocked(writer);
        before = writer.submit([number](SQLite::Database& db) {
            return append_entry(db, number, message("1764000001.000100", "kept 1"));
        });
        failing = writer.submit([number](SQLite::Database& db) -> core::Entry {
            append_entry(db, number, message("1764000002.000100", "rolled back"));
            record_event_once(db, "EvFAIL", at(0));
            throw std::runtime_error("handler failed after writing");
        });
        after = writer.submit([number](SQLite::Database& db) {
            return append_entry(db, number, message("1764000003.000100", "kept 2"));
        });
        wait_until_queued(writer, 3);
    }
    // Entry 1 is the header create_incident chained.
    CHECK(before.get().seq == 2);
    CHECK_THROWS_WITH(failing.get(), "handler failed after writing");
    CHECK(after.get().seq == 3);  // the rolled-back entry left no gap in the chain

    SQLite::Database reader = writer.open_reader();
    const auto record = entries(reader, number);
    REQUIRE(record.size() == 3);
    CHECK(record[1].text == "kept 1");
    CHECK(record[2].text == "kept 2");
    CHECK(reader.execAndGet("SELECT COUNT(*) FROM slack_events").getInt() == 0);
    CHECK(writer.counters().failed_requests == 1);
    CHECK(writer.counters().batches == 3);
}

TEST_CASE("work is visible to a fresh connection by the time it is reported done") {
    TempDirectory dir;
    Writer writer(dir.file("incidentd.db"));

    SECTION("through the future") {
        auto number = writer.submit(
            [](SQLite::Database& db) { return create_incident(db, draft_incident("future")); });
        REQUIRE(number.wait_for(10s) == std::future_status::ready);
        const std::int64_t n = number.get();
        SQLite::Database reader = writer.open_reader();
        REQUIRE(find_incident(reader, n));
        CHECK(find_incident(reader, n)->title == "future");
    }
    SECTION("through the callback, which runs after the commit") {
        std::promise<std::string> seen;
        writer.submit(
            [](SQLite::Database& db) { return create_incident(db, draft_incident("callback")); },
            [&writer, &seen](std::exception_ptr error, std::int64_t n) {
                if (error) {
                    seen.set_exception(error);
                    return;
                }
                SQLite::Database reader = writer.open_reader();
                const auto found = find_incident(reader, n);
                seen.set_value(found ? found->title : "not visible");
            });
        auto title = seen.get_future();
        REQUIRE(title.wait_for(10s) == std::future_status::ready);
        CHECK(title.get() == "callback");
    }
    SECTION("a request without a result reports only whether it committed") {
        std::promise<std::int64_t> seen;
        writer.submit(
            [](SQLite::Database& db) { upsert_user(db, "U0ALICE", "alice", at(0)); },
            [&writer, &seen](std::exception_ptr error) {
                if (error) {
                    seen.set_exception(error);
                    return;
                }
                SQLite::Database reader = writer.open_reader();
                seen.set_value(reader.execAndGet("SELECT COUNT(*) FROM users").getInt64());
            });
        auto users = seen.get_future();
        REQUIRE(users.wait_for(10s) == std::future_status::ready);
        CHECK(users.get() == 1);
    }
    SECTION("a failure reaches the callback with the exception") {
        std::promise<std::string> seen;
        writer.submit([](SQLite::Database&) -> int { throw std::runtime_error("no such thing"); },
                      [&seen](std::exception_ptr error, int value) {
                          try {
                              if (error) std::rethrow_exception(error);
                              seen.set_value("value " + std::to_string(value));
                          } catch (const std::exception& e) {
                              seen.set_value(e.what());
                          }
                      });
        auto outcome = seen.get_future();
        REQUIRE(outcome.wait_for(10s) == std::future_status::ready);
        CHECK(outcome.get() == "no such thing");
    }
}

TEST_CASE("stopping the writer commits everything already queued") {
    TempDirectory dir;
    const auto path = dir.file("incidentd.db");
    std::vector<std::future<bool>> results;
    {
        Writer writer(path);
        for (int i = 0; i < 100; ++i) {
            const std::string id = "Ev" + std::to_string(i);
            results.push_back(writer.submit(
                [id](SQLite::Database& db) { return record_event_once(db, id, at(0)); }));
        }
        writer.stop();
        for (auto& r : results)
            REQUIRE(r.wait_for(0s) == std::future_status::ready);

        SECTION("and refuses later requests") {
            auto late = writer.submit([](SQLite::Database&) { return 1; });
            REQUIRE(late.wait_for(0s) == std::future_status::ready);
            CHECK_THROWS_WITH(late.get(), Catch::Contains("writer has stopped"));
        }
    }
    for (auto& r : results)
        CHECK(r.get());
    SQLite::Database reader = open_reader(path);
    CHECK(reader.execAndGet("SELECT COUNT(*) FROM slack_events").getInt() == 100);
}
