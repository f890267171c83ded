// The record: appends are numbered and chained, the database refuses changes, and verify finds
// exactly the entry that was tampered with.
#include "store/entries.hpp"

#include <SQLiteCpp/Statement.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "core/hash_chain.hpp"
#include "store/database.hpp"
#include "store/incidents.hpp"
#include "store/store_error.hpp"
#include "store/verify.hpp"
#include "store_fixture.hpp"

using namespace incidentd;
using namespace incidentd::store;
using incidentd::store::testing::draft_incident;
using incidentd::store::testing::message;
using incidentd::store::testing::TempDirectory;

namespace {

std::vector<std::string> texts(const std::vector<core::Entry>& record) {
    std::vector<std::string> out;
    for (const auto& e : record)
        out.push_back(e.text);
    return out;
}

}  // namespace

TEST_CASE("appended entries are numbered in order and chained by hash") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto number = create_incident(db, draft_incident());

    core::Entry first_in = message("1764000001.000100", "checkout is slow");
    first_in.seq = 99;  // ignored: the store numbers entries
    first_in.hash = "forged";
    const core::Entry first = append_entry(db, number, first_in);
    const core::Entry second = append_entry(db, number, message("1764000002.000100", "on it"));

    CHECK(first.seq == 1);
    CHECK(second.seq == 2);
    core::Entry expected = first_in;
    expected.seq = 1;
    CHECK(first.hash == core::entry_hash(expected, core::genesis_hash));
    CHECK(second.hash == core::entry_hash(second, first.hash));
    CHECK(count_entries(db, number) == 2);

    const Verification result = verify(db, number);
    CHECK(result.intact());
    CHECK(result.entries == 2);
}

TEST_CASE("an entry reads back with every field") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto number = create_incident(db, draft_incident());
    core::Entry e = message("1764000003.000200", "rollback done");
    e.kind = core::EntryKind::thread_reply;
    e.thread_ts = "1764000001.000100";
    e.refers_to = "1764000002.000100";
    e.key_event = true;
    const core::Entry stored = append_entry(db, number, e);

    const auto record = entries(db, number);
    REQUIRE(record.size() == 1);
    const core::Entry& read = record.front();
    CHECK(read.seq == stored.seq);
    CHECK(read.ts == e.ts);
    CHECK(read.kind == core::EntryKind::thread_reply);
    CHECK(read.at == e.at);
    CHECK(read.actor == e.actor);
    CHECK(read.text == e.text);
    CHECK(read.thread_ts == e.thread_ts);
    CHECK(read.refers_to == e.refers_to);
    CHECK(read.permalink == e.permalink);
    CHECK(read.key_event);
    CHECK(read.payload == e.payload);
    CHECK(read.hash == stored.hash);
}

TEST_CASE("each incident numbers its own entries") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto a = create_incident(db, draft_incident("a"));
    const auto b = create_incident(db, draft_incident("b"));
    append_entry(db, a, message("1764000001.000100", "a1"));
    append_entry(db, a, message("1764000002.000100", "a2"));
    CHECK(append_entry(db, b, message("1764000003.000100", "b1")).seq == 1);
    CHECK(texts(entries(db, a)) == std::vector<std::string>{"a1", "a2"});
    CHECK(verify(db, a).intact());
    CHECK(verify(db, b).intact());
}

TEST_CASE("appending to or verifying an unknown incident is refused") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    CHECK_THROWS_WITH(append_entry(db, 5, message("1764000001.000100", "x")),
                      Catch::Contains("INC-5 does not exist"));
    CHECK_THROWS_AS(verify(db, 5), StoreError);
}

TEST_CASE("the export order follows Slack time, with seq breaking ties") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto number = create_incident(db, draft_incident());
    // Slack can deliver a thread reply after a later message; the export tells it by ts.
    append_entry(db, number, message("1764000005.000100", "third"));
    append_entry(db, number, message("1764000001.000100", "first"));
    append_entry(db, number, message("1764000003.000100", "second, a"));
    append_entry(db, number, message("1764000003.000100", "second, b"));

    CHECK(texts(entries(db, number)) ==
          std::vector<std::string>{"third", "first", "second, a", "second, b"});
    CHECK(texts(entries_for_export(db, number)) ==
          std::vector<std::string>{"first", "second, a", "second, b", "third"});
    CHECK(texts(last_entries(db, number, 2)) == std::vector<std::string>{"second, b", "third"});
    CHECK(last_entries(db, number, 10).size() == 4);
    CHECK(verify(db, number).intact());
}

TEST_CASE("the database refuses to change or delete an entry") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto number = create_incident(db, draft_incident());
    append_entry(db, number, message("1764000001.000100", "original"));

    SECTION("update") {
        CHECK_THROWS_WITH(db.exec("UPDATE entries SET text = 'rewritten'"),
                          Catch::Contains("entries are append-only"));
    }
    SECTION("delete") {
        CHECK_THROWS_WITH(db.exec("DELETE FROM entries"),
                          Catch::Contains("entries are append-only"));
    }
    CHECK(texts(entries(db, number)) == std::vector<std::string>{"original"});
}

TEST_CASE("tampering past the triggers makes verify name the changed entry") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto number = create_incident(db, draft_incident());
    for (int i = 1; i <= 4; ++i)
        append_entry(
            db, number,
            message("176400000" + std::to_string(i) + ".000100", "entry " + std::to_string(i)));
    REQUIRE(verify(db, number).intact());

    SECTION("a rewritten text breaks the chain at that entry") {
        db.exec("DROP TRIGGER entries_refuse_update");
        SQLite::Statement tamper(db,
                                 "UPDATE entries SET text = :text"
                                 " WHERE incident = :incident AND seq = :seq");
        tamper.bind(":text", "nothing happened here");
        tamper.bind(":incident", number);
        tamper.bind(":seq", 3);
        REQUIRE(tamper.exec() == 1);

        const Verification result = verify(db, number);
        REQUIRE(result.broken);
        CHECK(result.broken->seq == 3);
        CHECK(result.entries == 4);
    }
    SECTION("a removed entry breaks the chain where it is missing") {
        db.exec("DROP TRIGGER entries_refuse_delete");
        SQLite::Statement tamper(db, "DELETE FROM entries WHERE incident = :incident AND seq = 2");
        tamper.bind(":incident", number);
        REQUIRE(tamper.exec() == 1);

        const Verification result = verify(db, number);
        REQUIRE(result.broken);
        CHECK(result.broken->seq == 3);
        CHECK_THAT(result.broken->reason, Catch::Contains("seq 2"));
    }
    SECTION("entries removed from the end are missed by the links but caught by the chain head") {
        db.exec("DROP TRIGGER entries_refuse_delete");
        SQLite::Statement tamper(db, "DELETE FROM entries WHERE incident = :incident AND seq >= 3");
        tamper.bind(":incident", number);
        REQUIRE(tamper.exec() == 2);

        const Verification result = verify(db, number);
        REQUIRE(result.broken);
        CHECK(result.broken->seq == 3);
        CHECK(result.entries == 2);
    }
}

TEST_CASE("the export reads a payload only where it holds blocks or attachments") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    const auto number = create_incident(db, draft_incident());
    core::Entry plain = message("1764000001.000100", "plain");
    plain.payload = R"({"event":{"type":"message","text":"plain"}})";
    core::Entry alert = message("1764000002.000100", "alert");
    alert.payload = R"({"event":{"type":"message","attachments":[{"title":"p99"}]}})";
    core::Entry typed = message("1764000003.000100", "typed");
    typed.payload = R"({"event":{"type":"message","blocks":[{"type":"rich_text"}]}})";
    for (const auto& e : {plain, alert, typed})
        append_entry(db, number, e);

    const auto exported = entries_for_export(db, number, EntryFields::payload_if_content);
    REQUIRE(exported.size() == 3);
    CHECK(exported[0].payload.empty());
    CHECK(exported[1].payload == alert.payload);
    CHECK(exported[2].payload == typed.payload);
    for (const auto& e : entries_for_export(db, number))
        CHECK(e.payload.empty());
}
