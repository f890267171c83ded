#include "core/record_header.hpp"

#include <catch2/catch.hpp>

using namespace incidentd::core;

namespace {

Incident sample() {
    Incident i;
    i.number = 7;
    i.title = "Checkout latency \"above\" SLO";
    i.severity = Severity::sev2;
    i.state = State::resolved;
    i.team = "payments";
    i.channel_id = "C0CHECKOUT";
    i.channel_name = "inc-checkout";
    i.declared_by = {"U0ALICE", "alice"};
    i.declared_at = Time{std::chrono::milliseconds{1'795'514'400'123}};
    i.resolved_at = i.declared_at + std::chrono::minutes{90};
    i.roles[Role::commander] = {"U0ALICE", "alice"};
    i.postmortem.url = "https://wiki.example.com/pm/7";
    return i;
}

}  // namespace

TEST_CASE("A header snapshot reads back as the same incident, to the millisecond") {
    const Incident i = sample();
    const auto back = incident_from_snapshot(header_snapshot(i));
    REQUIRE(back);
    CHECK(header_differences(i, *back).empty());
    CHECK(header_snapshot(*back) == header_snapshot(i));
}

TEST_CASE("Header differences are named by fact") {
    const Incident i = sample();
    Incident changed = i;
    changed.severity = Severity::sev4;
    changed.title = "Minor blip";
    changed.roles[Role::commander].name = "Mallory";
    changed.declared_at -= std::chrono::hours{1};
    CHECK(header_differences(i, changed) ==
          std::vector<std::string>{"title", "severity", "declared_at", "roles.commander"});
}

TEST_CASE("Text that is not a header snapshot is refused") {
    CHECK_FALSE(incident_from_snapshot(""));
    CHECK_FALSE(incident_from_snapshot("{\"blocks\": []}"));
    std::string snapshot = header_snapshot(sample());
    snapshot.replace(snapshot.find("SEV2"), 4, "SEV9");
    CHECK_FALSE(incident_from_snapshot(snapshot));
    // An extra member makes it something this version did not write.
    snapshot = header_snapshot(sample());
    snapshot.insert(snapshot.size() - 1, ",\"extra\":1");
    CHECK_FALSE(incident_from_snapshot(snapshot));
    // A repeated member: one JSON reader takes the first, another the last (found by fuzzing).
    snapshot = header_snapshot(sample());
    snapshot.insert(snapshot.find(",\"severity\""), ",\"severity\":\"SEV4\"");
    CHECK_FALSE(incident_from_snapshot(snapshot));
    // Other spacing is the same JSON but not the bytes that were hashed.
    snapshot = header_snapshot(sample());
    snapshot.insert(1, " ");
    CHECK_FALSE(incident_from_snapshot(snapshot));
}
