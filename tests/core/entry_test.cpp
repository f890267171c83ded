// Specification of core/entry: the kinds of record entries and their product names.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/entry.hpp"

using namespace incidentd::core;

TEST_CASE("entry kinds carry exactly the product's names") {
    // The kinds of docs/export-format.md ("Entry kinds"), in its order.
    const std::vector<std::string> names{
        "declared", "message",  "thread_reply",  "edited",        "deleted",
        "file",     "reaction", "pinned",        "member_joined", "member_left",
        "topic",    "command",  "status_update", "severity",      "role",
        "impact",   "system",   "action",        "note",          "resolved",
        "closed",   "reopened", "bot_action",    "archived",      "header"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        INFO(names[i]);
        auto kind = parse_entry_kind(names[i]);
        REQUIRE(kind);
        CHECK(static_cast<std::size_t>(*kind) == i);
        CHECK(to_string(*kind) == names[i]);
    }
    SECTION("there is no kind beyond the product's list") {
        CHECK(to_string(static_cast<EntryKind>(names.size())) == "?");
    }
}

TEST_CASE("an unknown entry kind is not read") {
    auto text = GENERATE(as<std::string>{}, "", "Message", "thread-reply", "msg", "message ");
    INFO(text);
    CHECK_FALSE(parse_entry_kind(text));
}

TEST_CASE("actors are equal when both id and name are") {
    CHECK(Actor{"U1", "jane"} == Actor{"U1", "jane"});
    CHECK_FALSE(Actor{"U1", "jane"} == Actor{"U1", "janet"});
    CHECK_FALSE(Actor{"U1", "jane"} == Actor{"U2", "jane"});
}

TEST_CASE("a record is put in Slack time order with seq breaking ties and malformed ts last") {
    std::vector<Entry> record(5);
    const char* ts[] = {"1764000010.000000", "garbage", "1764000001.5", "1764000001.500000",
                        "999.000001"};
    for (std::size_t i = 0; i < record.size(); ++i) {
        record[i].seq = static_cast<std::int64_t>(i) + 1;
        record[i].ts = ts[i];
    }
    CHECK(slack_time_order(record) == std::vector<std::size_t>{4, 2, 3, 0, 1});
    CHECK(slack_time_order({}).empty());
}
