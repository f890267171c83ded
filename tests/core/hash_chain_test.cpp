// Specification of core/hash_chain: any change to the record is found, with the seq where the
// chain first breaks.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/hash_chain.hpp"

using namespace incidentd::core;

namespace {

Entry entry(std::int64_t seq, std::string text) {
    Entry e;
    e.seq = seq;
    e.ts = "1764000000.00010" + std::to_string(seq);
    e.kind = EntryKind::message;
    e.at = Time{std::chrono::seconds{1764000000 + seq}};
    e.actor = Actor{"U0JANE", "jane"};
    e.text = std::move(text);
    e.permalink = "https://example.slack.com/archives/C1/p176400000000010" + std::to_string(seq);
    e.payload = R"({"type":"message"})";
    return e;
}

// Hashes entries in order the way the store appends them.
std::vector<Entry> chained(std::vector<Entry> entries, std::string previous = genesis_hash) {
    for (Entry& e : entries) {
        e.hash = entry_hash(e, previous);
        previous = e.hash;
    }
    return entries;
}

std::vector<Entry> record() {
    return chained({entry(1, "checkout is failing"), entry(2, "rolling back"),
                    entry(3, "rollback done"), entry(4, "error rate normal")});
}

}  // namespace

TEST_CASE("the genesis hash is 64 zeros") {
    CHECK(genesis_hash == std::string(64, '0'));
}

TEST_CASE("an entry's hash is hex SHA-256, the same every time") {
    const Entry e = entry(1, "hello");
    const std::string hash = entry_hash(e, genesis_hash);
    CHECK(hash.size() == 64);
    CHECK(hash.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(entry_hash(e, genesis_hash) == hash);
    CHECK(entry_hash(e, std::string(64, '1')) != hash);
}

TEST_CASE("an intact record verifies") {
    CHECK_FALSE(verify_chain(record()));
    SECTION("so does an empty one") {
        CHECK_FALSE(verify_chain(std::vector<Entry>{}));
    }
}

TEST_CASE("changing any field of an entry breaks the chain at that entry") {
    using Change = std::pair<const char*, std::function<void(Entry&)>>;
    auto change = GENERATE(values<Change>({
        {"ts", [](Entry& e) { e.ts = "1764000001.000000"; }},
        {"kind", [](Entry& e) { e.kind = EntryKind::note; }},
        {"at", [](Entry& e) { e.at += std::chrono::milliseconds{1}; }},
        {"actor id", [](Entry& e) { e.actor.id = "U0MALLORY"; }},
        {"actor name", [](Entry& e) { e.actor.name = "mallory"; }},
        {"text", [](Entry& e) { e.text += "!"; }},
        {"thread_ts", [](Entry& e) { e.thread_ts = "1764000000.000100"; }},
        {"refers_to", [](Entry& e) { e.refers_to = "1764000000.000100"; }},
        {"permalink", [](Entry& e) { e.permalink = "https://evil.example.com"; }},
        {"key_event", [](Entry& e) { e.key_event = true; }},
        {"payload", [](Entry& e) { e.payload = "{}"; }},
        {"hash", [](Entry& e) { e.hash[0] = e.hash[0] == 'a' ? 'b' : 'a'; }},
    }));
    INFO("changed field: " << change.first);
    std::vector<Entry> entries = record();
    change.second(entries[2]);
    auto broken = verify_chain(entries);
    REQUIRE(broken);
    CHECK(broken->seq == 3);
    CHECK(broken->reason == "its content does not match its hash");
}

TEST_CASE("recomputing a changed entry's hash still breaks the next link") {
    std::vector<Entry> entries = record();
    entries[1].text = "nothing happened";
    entries[1].hash = entry_hash(entries[1], entries[0].hash);
    auto broken = verify_chain(entries);
    REQUIRE(broken);
    CHECK(broken->seq == 3);
}

TEST_CASE("fields cannot trade bytes without changing the hash") {
    Entry a = entry(1, "ab");
    a.actor.name = "c";
    Entry b = entry(1, "a");
    b.actor.name = "bc";
    CHECK(entry_hash(a, genesis_hash) != entry_hash(b, genesis_hash));
    SECTION("an absent thread_ts differs from an empty one") {
        Entry absent = entry(1, "x");
        Entry empty = entry(1, "x");
        empty.thread_ts = "";
        CHECK(entry_hash(absent, genesis_hash) != entry_hash(empty, genesis_hash));
    }
}

TEST_CASE("reordering entries is detected") {
    std::vector<Entry> entries = record();
    SECTION("as they were numbered") {
        std::swap(entries[1], entries[2]);
        auto broken = verify_chain(entries);
        REQUIRE(broken);
        CHECK(broken->seq == 3);
        CHECK(broken->reason == "seq 3 found where seq 2 was expected");
    }
    SECTION("even when renumbered to look in order") {
        std::swap(entries[1], entries[2]);
        entries[1].seq = 2;
        entries[2].seq = 3;
        auto broken = verify_chain(entries);
        REQUIRE(broken);
        CHECK(broken->seq == 2);
        CHECK(broken->reason == "its content does not match its hash");
    }
}

TEST_CASE("removing an entry is detected") {
    std::vector<Entry> entries = record();
    entries.erase(entries.begin() + 1);
    SECTION("by the gap in seq") {
        auto broken = verify_chain(entries);
        REQUIRE(broken);
        CHECK(broken->seq == 3);
        CHECK(broken->reason == "seq 3 found where seq 2 was expected");
    }
    SECTION("by the hash when the rest is renumbered") {
        for (std::size_t i = 0; i < entries.size(); ++i)
            entries[i].seq = static_cast<std::int64_t>(i) + 1;
        auto broken = verify_chain(entries);
        REQUIRE(broken);
        CHECK(broken->seq == 2);
    }
    SECTION("removing the first entry breaks at the new first") {
        const std::vector<Entry> full = record();
        std::vector<Entry> tail(full.begin() + 1, full.end());
        auto broken = verify_chain(tail);
        REQUIRE(broken);
        CHECK(broken->seq == 2);
    }
}

TEST_CASE("inserting a forged entry is detected") {
    std::vector<Entry> entries = record();
    Entry forged = entry(3, "forged");
    forged.hash = entry_hash(forged, entries[1].hash);
    entries.insert(entries.begin() + 2, forged);
    auto broken = verify_chain(entries);
    REQUIRE(broken);
    CHECK(broken->seq == 3);  // the original seq 3 now sits where seq 4 belongs
}

TEST_CASE("a chain that does not start from the genesis hash is refused at its first entry") {
    std::vector<Entry> entries =
        chained({entry(1, "checkout is failing"), entry(2, "rolling back")}, std::string(64, 'f'));
    auto broken = verify_chain(entries);
    REQUIRE(broken);
    CHECK(broken->seq == 1);
    SECTION("as is one whose seq does not start at 1") {
        std::vector<Entry> late = chained({entry(2, "rolling back")});
        auto late_break = verify_chain(late);
        REQUIRE(late_break);
        CHECK(late_break->seq == 2);
    }
}

TEST_CASE("entries cut off the end of a record are detected against the recorded head") {
    const std::vector<Entry> full = record();
    const ChainHead head{4, full.back().hash};
    CHECK_FALSE(verify_chain(full, head));

    SECTION("without the head, a shortened record still holds: the head is what catches it") {
        const std::vector<Entry> shortened(full.begin(), full.end() - 2);
        CHECK_FALSE(verify_chain(shortened));
        auto broken = verify_chain(shortened, head);
        REQUIRE(broken);
        CHECK(broken->seq == 3);
        CHECK(broken->reason == "entries 3 to 4 were recorded but are missing from the record");
    }
    SECTION("every entry removed") {
        auto broken = verify_chain(std::vector<Entry>{}, head);
        REQUIRE(broken);
        CHECK(broken->seq == 1);
    }
    SECTION("a last entry rewritten with a recomputed hash") {
        std::vector<Entry> rewritten = full;
        rewritten.back().text = "all fine";
        rewritten.back().hash = entry_hash(rewritten.back(), rewritten[2].hash);
        CHECK_FALSE(verify_chain(rewritten));
        auto broken = verify_chain(rewritten, head);
        REQUIRE(broken);
        CHECK(broken->seq == 4);
    }
    SECTION("an entry appended behind the store's back") {
        auto longer =
            chained({entry(1, "checkout is failing"), entry(2, "rolling back"),
                     entry(3, "rollback done"), entry(4, "error rate normal"), entry(5, "forged")});
        auto broken = verify_chain(longer, head);
        REQUIRE(broken);
        CHECK(broken->seq == 5);
    }
}

TEST_CASE("sha256_hex is the standard SHA-256, in lowercase hex") {
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
