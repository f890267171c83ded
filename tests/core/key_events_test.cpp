// Key events: flagged entries, with reactions and pins standing for the message they mark.
#include <catch2/catch.hpp>

#include <vector>

#include "core/key_events.hpp"

using namespace incidentd::core;

namespace {

Entry entry(std::string ts, EntryKind kind, bool key, std::optional<std::string> refers_to = {}) {
    Entry e;
    e.ts = std::move(ts);
    e.kind = kind;
    e.key_event = key;
    e.refers_to = std::move(refers_to);
    return e;
}

}  // namespace

TEST_CASE("a pushpin reaction or a pin makes the marked message the key event, once") {
    const std::vector<Entry> record{
        entry("100.000001", EntryKind::message, false),
        entry("101.000001", EntryKind::message, false),
        entry("102.000001", EntryKind::reaction, true, "100.000001"),
        entry("103.000001", EntryKind::pinned, true, "100.000001"),
        entry("104.000001", EntryKind::impact, true),
    };
    const auto key = key_events(record);
    CHECK(key.size() == 2);
    CHECK(key.count(&record[0]) == 1);  // the marked message, not its two markers
    CHECK(key.count(&record[1]) == 0);
    CHECK(key.count(&record[2]) == 0);
    CHECK(key.count(&record[4]) == 1);  // a typed fact is a key event by itself
}

TEST_CASE("a marker whose message is not in the record stays a key event itself") {
    const std::vector<Entry> record{
        entry("100.000001", EntryKind::message, false),
        entry("102.000001", EntryKind::reaction, true, "050.000001"),
    };
    const auto key = key_events(record);
    CHECK(key.size() == 1);
    CHECK(key.count(&record[1]) == 1);
}

TEST_CASE("a reaction that is not the key-event emoji marks nothing") {
    const std::vector<Entry> record{
        entry("100.000001", EntryKind::message, false),
        entry("102.000001", EntryKind::reaction, false, "100.000001"),
    };
    CHECK(key_events(record).empty());
}
