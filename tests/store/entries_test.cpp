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

// What people wrote, without the `header` entries the store chains (store/record_header.hpp).
std::vector<std::string> texts(const std::vector<core::Entry>& record) {
    std::vector<std::string> out;
    for (const auto& e : record)
        if (e.kind != core::EntryKind::header) out.push_back(e.text);
    return out;
}

// create_incident chains the new incident's header as its first entry.
constexpr std::int64_t header = 1;

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

    CHECK(first.seq == header + 1);
    CHECK(second.seq == header + 2);
    const core::Entry opening = entries(db, number).front();
    CHECK(opening.kind == core::EntryKind::header);
    CHECK(opening.hash == core::entry_hash(opening, core::genesis_hash));
    core::Entry expected = first_in;
    expected.seq = header + 1;
    CHECK(first.hash == core::entry_hash(expected, opening.hash));
    CHECK(second.hash == core::entry_hash(second, first.hash));
    CHECK(count_entries(db, number) == header + 2);

    const core::RecordCheck result = verify(db, number, nullptr);
    CHECK_FALSE(result.broken);
    CHECK_FALSE(result.header);
    CHECK(result.entries == header + 2);
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
    REQUIRE(record.size() == header + 1);
    const core::Entry& read = record.back();
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
    CHECK(append_entry(db, b, message("1764000003.000100", "b1")).seq == header + 1);
    CHECK(texts(entries(db, a)) == std::vector<std::string>{"a1", "a2"});
    CHECK_FALSE(verify(db, a, nullptr).broken);
    CHECK_FALSE(verify(db, b, nullptr).broken);
}

TEST_CASE("a changed header is chained once, and a save that changes nothing chains nothing") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    core::Incident incident = draft_incident();
    incident.number = create_incident(db, incident);
    save_incident(db, incident, incident.declared_at);
    CHECK(count_entries(db, incident.number) == header);

    incident.severity = core::Severity::sev1;
    save_incident(db, incident, incident.declared_at);
    const auto record = entries(db, incident.number);
    REQUIRE(record.size() == header + 1);
    CHECK(record.back().kind == core::EntryKind::header);
    CHECK_THAT(record.back().payload, Catch::Contains("\"SEV1\""));
    CHECK_FALSE(verify(db, incident.number, nullptr).header);

    SECTION("the table edited behind the chain's back is named by verify") {
        db.exec("UPDATE incidents SET title = 'Minor blip'");
        const auto result = verify(db, incident.number, nullptr);
        REQUIRE(result.header);
        CHECK_THAT(*result.header, Catch::Contains("title"));
    }
    SECTION("the exports for people leave the header entries out") {
        CHECK(entries_for_export(db, incident.number).empty());
        CHECK(entries_for_export(db, incident.number, EntryFields::all, HeaderEntries::included)
                  .size() == header + 1);
    }
}

TEST_CASE("appending to or verifying an unknown incident is refused") {
    TempDirectory dir;
    SQLite::Database db = open_database(dir.file("incidentd.db"));
    CHECK_THROWS_WITH(append_entry(db, 5, message("1764000001.000100", "x")),
                      Catch::Contains("INC-5 does not exist"));
    CHECK_THROWS_AS(verify(db, 5, nullptr), StoreError);
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
    CHECK_FALSE(verify(db, number, nullptr).broken);
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
    REQUIRE_FALSE(verify(db, number, nullptr).broken);

    SECTION("a rewritten text breaks the chain at that entry") {
        db.exec("DROP TRIGGER entries_refuse_update");
        SQLite::Statement tamper(db,
                                 "UPDATE entries SET text = :text"
                                 " WHERE incident = :incident AND seq = :seq");
        tamper.bind(":text", "nothing happened here");
        tamper.bind(":incident", number);
        tamper.bind(":seq", header + 3);
        REQUIRE(tamper.exec() == 1);

        const core::RecordCheck result = verify(db, number, nullptr);
        REQUIRE(result.broken);
        CHECK(result.broken->seq == header + 3);
        CHECK(result.entries == header + 4);
    }
    SECTION("a removed entry breaks the chain where it is missing") {
        db.exec("DROP TRIGGER entries_refuse_delete");
        SQLite::Statement tamper(db, "DELETE FROM entries WHERE incident = :incident AND seq = 3");
        tamper.bind(":incident", number);
        REQUIRE(tamper.exec() == 1);

        const core::RecordCheck result = verify(db, number, nullptr);
        REQUIRE(result.broken);
        CHECK(result.broken->seq == 4);
        CHECK_THAT(result.broken->reason, Catch::Contains("seq 3"));
    }
    SECTION("entries removed from the end are missed by the links but caught by the chain head") {
        db.exec("DROP TRIGGER entries_refuse_delete");
        SQLite::Statement tamper(db, "DELETE FROM entries WHERE incident = :incident AND seq >= 4");
        tamper.bind(":incident", number);
        REQUIRE(tamper.exec() == 2);

        const core::RecordCheck result = verify(db, number, nullptr);
        REQUIRE(result.broken);
        CHECK(result.broken->seq == 4);
        CHECK(result.entries == 3);
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
