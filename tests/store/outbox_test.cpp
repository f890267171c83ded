// The outbox: queued once per idempotency key, due in order per incident, retried with backoff,
// given up after the last attempt.
#include "store/outbox.hpp"

#include <SQLiteCpp/Database.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <vector>

#include "store/database.hpp"
#include "store/incidents.hpp"
#include "store/store_error.hpp"
#include "store_fixture.hpp"

using namespace incidentd;
using namespace incidentd::store;
using namespace std::chrono_literals;
using incidentd::store::testing::at;
using incidentd::store::testing::draft_incident;
using incidentd::store::testing::TempDirectory;

namespace {

OutboxCall call(std::optional<std::int64_t> incident, const std::string& key) {
    return OutboxCall{incident, "chat.postMessage", R"({"channel":"C0INC","text":")" + key + "\"}",
                      key};
}

std::vector<std::int64_t> ids(const std::vector<OutboxItem>& items) {
    std::vector<std::int64_t> out;
    for (const auto& item : items)
        out.push_back(item.id);
    return out;
}

}  // namespace

TEST_CASE("an idempotency key is queued once") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto incident = create_incident(db, draft_incident());
    const Enqueued first = enqueue(db, call(incident, "INC-1/summary"), at(0));
    OutboxCall again = call(incident, "INC-1/summary");
    again.args = R"({"channel":"C0INC","text":"decided twice"})";
    const Enqueued second = enqueue(db, again, at(5));

    CHECK(first.created);
    CHECK_FALSE(second.created);
    CHECK(second.id == first.id);
    const auto item = find_outbox_item_by_key(db, "INC-1/summary");
    REQUIRE(item);
    CHECK(item->call.args == call(incident, "INC-1/summary").args);  // the first decision stands
    CHECK(item->state == OutboxState::pending);
    CHECK(item->created_at == at(0));
    CHECK(due_outbox_items(db, at(10)).size() == 1);
}

TEST_CASE("arguments that are not JSON are refused") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    OutboxCall bad = call(std::nullopt, "k");
    bad.args = "channel=C0INC";
    CHECK_THROWS_AS(enqueue(db, bad, at(0)), SQLite::Exception);
}

TEST_CASE("due items come oldest first, one at a time per incident") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto a = create_incident(db, draft_incident("a"));
    const auto b = create_incident(db, draft_incident("b"));
    const auto a1 = enqueue(db, call(a, "a/create-channel"), at(0)).id;
    const auto a2 = enqueue(db, call(a, "a/post-summary"), at(0)).id;
    const auto b1 = enqueue(db, call(b, "b/create-channel"), at(1)).id;
    const auto g1 = enqueue(db, call(std::nullopt, "announce-1"), at(1)).id;
    const auto g2 = enqueue(db, call(std::nullopt, "announce-2"), at(1)).id;

    CHECK(ids(due_outbox_items(db, at(0))) == std::vector<std::int64_t>{a1});
    CHECK(ids(due_outbox_items(db, at(1))) == std::vector<std::int64_t>{a1, b1, g1, g2});
    CHECK(ids(due_outbox_items(db, at(1), 2)) == std::vector<std::int64_t>{a1, b1});

    SECTION("an incident's next call is due once the earlier one is done") {
        mark_outbox_done(db, a1, R"({"ok":true,"channel":{"id":"C0INC"}})", at(2));
        CHECK(ids(due_outbox_items(db, at(2))) == std::vector<std::int64_t>{a2, b1, g1, g2});
        const auto done = find_outbox_item(db, a1);
        CHECK(done->state == OutboxState::done);
        CHECK(done->result == R"({"ok":true,"channel":{"id":"C0INC"}})");
        CHECK(done->done_at == at(2));
        CHECK(done->attempts == 1);
    }
    SECTION("an incident's next call waits while the earlier one backs off") {
        mark_outbox_attempt_failed(db, a1, "ratelimited", at(2));
        CHECK(ids(due_outbox_items(db, at(2))) == std::vector<std::int64_t>{b1, g1, g2});
    }
}

TEST_CASE("a failed attempt waits for its backoff and the item is given up after the last") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const RetryPolicy policy{3, 1s, 10min};
    const auto id = enqueue(db, call(std::nullopt, "k"), at(0)).id;

    CHECK(pending_outbox_count(db) == 1);
    CHECK(mark_outbox_attempt_failed(db, id, "HTTP 503", at(0), policy) == OutboxState::pending);
    CHECK(pending_outbox_count(db) == 1);
    CHECK(due_outbox_items(db, at(0)).empty());
    CHECK(next_outbox_attempt(db) == at(1));
    CHECK(ids(due_outbox_items(db, at(1))) == std::vector<std::int64_t>{id});

    CHECK(mark_outbox_attempt_failed(db, id, "HTTP 502", at(1), policy) == OutboxState::pending);
    CHECK(next_outbox_attempt(db) == at(3));  // the delay doubled

    SECTION("Slack's Retry-After is honoured when later than the backoff") {
        CHECK(mark_outbox_attempt_failed(db, id, "ratelimited", at(3), {5, 1s, 10min}, at(60)) ==
              OutboxState::pending);
        CHECK(next_outbox_attempt(db) == at(60));
    }
    SECTION("the last attempt gives up") {
        CHECK(mark_outbox_attempt_failed(db, id, "HTTP 500", at(3), policy) == OutboxState::failed);
        CHECK(pending_outbox_count(db) == 0);
        const auto item = find_outbox_item(db, id);
        CHECK(item->state == OutboxState::failed);
        CHECK(item->attempts == 3);
        CHECK(item->last_error == "HTTP 500");
        CHECK(item->done_at == at(3));
        CHECK(due_outbox_items(db, at(100000)).empty());
        CHECK_FALSE(next_outbox_attempt(db));
        CHECK_THROWS_WITH(mark_outbox_done(db, id, "{}", at(4)), Catch::Contains("already failed"));
    }
}

TEST_CASE("the backoff doubles up to its ceiling") {
    const RetryPolicy policy{20, 1s, 60s};
    CHECK(backoff_delay(policy, 1) == 1s);
    CHECK(backoff_delay(policy, 2) == 2s);
    CHECK(backoff_delay(policy, 6) == 32s);
    CHECK(backoff_delay(policy, 7) == 60s);
    CHECK(backoff_delay(policy, 19) == 60s);
}

TEST_CASE("an item is marked done once") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto id = enqueue(db, call(std::nullopt, "k"), at(0)).id;
    mark_outbox_done(db, id, R"({"ok":true})", at(1));
    CHECK_THROWS_WITH(mark_outbox_done(db, id, R"({"ok":true})", at(2)),
                      Catch::Contains("already done"));
    CHECK_THROWS_AS(mark_outbox_attempt_failed(db, id, "late", at(2)), StoreError);
    CHECK_THROWS_WITH(mark_outbox_done(db, 999, "{}", at(2)), Catch::Contains("no such item"));
}
