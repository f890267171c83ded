// The incident record as Markdown: facts, escaping of user text, key events, timeline order.
#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <sstream>

#include "core/seal.hpp"
#include "render/postmortem.hpp"
#include "render/record.hpp"
#include "sample_incident.hpp"

using namespace incidentd;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

std::vector<std::string> lines_starting_with(const std::string& doc, char c) {
    std::vector<std::string> out;
    std::istringstream in(doc);
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line[0] == c) out.push_back(line);
    return out;
}

std::string section_of(const std::string& doc, std::string_view heading) {
    const auto start = doc.find(heading);
    REQUIRE(start != std::string::npos);
    const auto end = doc.find("\n## ", start + heading.size());
    return doc.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

TEST_CASE("the record states the incident's facts") {
    const auto incident = sample::closed_incident();
    const auto entries = sample::entries();
    const std::string doc =
        render::render_record(incident, entries, {}, render::Templates::builtin());

    CHECK(contains(doc, "# INC-7: Checkout latency \\<!channel\\> \\*now\\*\n"));
    CHECK(contains(doc, "- **Severity:** SEV2\n"));
    CHECK(contains(doc, "- **State:** closed\n"));
    CHECK(contains(doc, "- **Team:** payments\n"));
    CHECK(contains(doc,
                   "- **Channel:** [#inc-20261124-checkout-latency]"
                   "(https://acme.slack.com/archives/C0CHECKOUT)\n"));
    CHECK(contains(doc, "- **Declared:** 2026-11-24 10:00 UTC by Alice\n"));
    CHECK(contains(doc, "- **Resolved:** 2026-11-24 11:30 UTC\n"));
    CHECK(contains(doc, "- **Closed:** 2026-11-24 12:00 UTC\n"));
    CHECK(contains(doc, "- **Duration:** 1h 30m\n"));
    CHECK(contains(doc, "- **commander:** Alice (U0ALICE)\n"));
    CHECK(contains(doc, "- **scribe:** Bob \\[scribe\\] (U0BOB)\n"));
}

TEST_CASE("the record lists typed facts under their headings with permalinks") {
    const auto entries = sample::entries();
    const std::string doc =
        render::render_record(sample::closed_incident(), entries, {}, render::Templates::builtin());
    CHECK(contains(section_of(doc, "## Impact"),
                   "- \\|table\\| 40% of checkouts fail \\&amp; retry 🔥 (Alice, "
                   "2026-11-24 10:02:00 UTC, [permalink](" +
                       entries[2].permalink + "))"));
    CHECK(contains(section_of(doc, "## Systems involved"), "- payments-api (Alice"));
    CHECK(contains(section_of(doc, "## Actions taken"), "- rolled back deploy 2026.11.24-3"));
    CHECK(contains(section_of(doc, "## Notes"),
                   "- customer comms sent (Carol, 2026-11-24 10:05:00 UTC)"));
}

TEST_CASE("the record's key events link to their messages") {
    const auto entries = sample::entries();
    const std::string key_events = section_of(
        render::render_record(sample::closed_incident(), entries, {}, render::Templates::builtin()),
        "## Key events");
    CHECK(contains(key_events, "marked with :pushpin:"));
    CHECK(contains(key_events,
                   "- 2026-11-24 10:01:00 UTC, Bob, message: \\<!channel\\> checkout "
                   "is slow\\\n\\# heading\\\n\\[link\\](javascript:x) ([permalink](" +
                       entries[1].permalink + "))\n"));
    CHECK(contains(key_events, "impact: \\|table\\|"));
    CHECK_FALSE(contains(key_events, "looking at dashboards"));
    CHECK_FALSE(contains(key_events, "Checkout latency\n"));
}

TEST_CASE("the record's timeline has every entry in Slack ts order") {
    const auto entries = sample::entries();
    const std::string timeline = section_of(
        render::render_record(sample::closed_incident(), entries, {}, render::Templates::builtin()),
        "## Timeline");
    CHECK(contains(timeline, "All 8 entries"));
    const std::vector<std::string> texts{
        "Checkout latency", "checkout is slow", "looking at dashboards", "40% of checkouts",
        "payments-api",     "rolled back",      "customer comms sent",   "rollback fixed it"};
    std::size_t previous = 0;
    for (const auto& text : texts) {
        INFO(text);
        const auto pos = timeline.find(text);
        REQUIRE(pos != std::string::npos);
        CHECK(pos > previous);
        previous = pos;
    }
    CHECK(contains(timeline,
                   "- 2026-11-24 10:01:30 UTC · Dave · thread_reply · in thread · "
                   "[permalink](" +
                       entries[5].permalink + ") — looking at dashboards\n"));
    CHECK(contains(timeline, "Bob · message · :pushpin: · [permalink]("));
    CHECK(contains(timeline,
                   "- 2026-11-24 10:05:00 UTC · Carol · note · :pushpin: — customer "
                   "comms sent\n"));
}

TEST_CASE("user text cannot inject Markdown into the record") {
    auto incident = sample::closed_incident();
    incident.title = "# heading\n[link](javascript:x) |table| &amp; <b>";
    auto entries = sample::entries();
    entries[3].actor.name = "- eve\n## Root cause";
    const std::string doc =
        render::render_record(incident, entries, {}, render::Templates::builtin());

    SECTION("no heading comes from user text") {
        const std::set<std::string> headings{
            "# INC-7: \\# heading \\[link\\](javascript:x) \\|table\\| \\&amp; \\<b\\>",
            "## Roles",
            "## Impact",
            "## Systems involved",
            "## Actions taken",
            "## Notes",
            "## Key events",
            "## Timeline"};
        const auto found = lines_starting_with(doc, '#');
        CHECK(std::set<std::string>(found.begin(), found.end()) == headings);
    }
    SECTION("no link, HTML, table row or broadcast comes from user text") {
        CHECK_FALSE(contains(doc, "[link](javascript:x)"));
        CHECK(contains(doc, "\\[link\\](javascript:x)"));
        CHECK_FALSE(contains(doc, "<!channel>"));
        CHECK_FALSE(contains(doc, "<b>"));
        CHECK(lines_starting_with(doc, '|').empty());
        CHECK(contains(doc, "\\- eve \\## Root cause"));
    }
    SECTION("a permalink that is not http(s) is no link") {
        CHECK_FALSE(contains(doc, "javascript:alert"));
    }
}

TEST_CASE("a 5,000-character title and emoji are kept whole on one line") {
    auto incident = sample::closed_incident();
    incident.title = std::string(4998, 'x') + "🔥é";
    const std::string doc =
        render::render_record(incident, sample::entries(), {}, render::Templates::builtin());
    CHECK(contains(doc, "# INC-7: " + incident.title + "\n"));
}

TEST_CASE("the record says where the postmortem lives") {
    auto incident = sample::closed_incident();
    SECTION("once its link is recorded") {
        incident.postmortem.url = "https://docs.example.com/pm/INC-7";
        const std::string doc =
            render::render_record(incident, {}, {}, render::Templates::builtin());
        CHECK(contains(doc,
                       "- **Postmortem:** [postmortem](https://docs.example.com/pm/INC-7) "
                       "(in progress, due 2026-12-01 12:00 UTC)\n"));
    }
    SECTION("before its link is recorded") {
        const std::string doc =
            render::render_record(incident, {}, {}, render::Templates::builtin());
        CHECK(contains(doc,
                       "- **Postmortem:** draft, due 2026-12-01 12:00 UTC; the draft is "
                       "posted in the incident thread"));
        CHECK(contains(doc, "`/incident postmortem link <url>`"));
    }
}

TEST_CASE("an active incident's record says what has not happened yet") {
    auto incident = sample::closed_incident();
    incident.state = core::State::active;
    incident.resolved_at.reset();
    incident.closed_at.reset();
    incident.roles.clear();
    incident.team.clear();
    const std::string doc = render::render_record(incident, {}, {}, render::Templates::builtin());
    CHECK(contains(doc, "- **Resolved:** not resolved\n"));
    CHECK(contains(doc, "- **Closed:** not closed\n"));
    CHECK(contains(doc, "- **Duration:** ongoing\n"));
    CHECK(contains(doc, "- **Team:** default\n"));
    CHECK(contains(doc, "not started, due 7d after close"));
    CHECK(contains(doc, "No roles were assigned."));
    CHECK(contains(doc, "No impact was recorded."));
    CHECK(contains(doc, "The record has no entries."));
}

TEST_CASE("the record has no analysis sections") {
    const std::string doc = render::render_record(sample::closed_incident(), sample::entries(), {},
                                                  render::Templates::builtin());
    for (std::string_view analysis :
         {"Summary", "Root cause", "contributing factors", "controls failed", "Corrective",
          "preventive", "went well", "went poorly", "Lessons"}) {
        INFO(analysis);
        CHECK_FALSE(contains(doc, analysis));
    }
}

TEST_CASE("render options that cannot be honoured are refused with the reason") {
    render::RenderOptions options;
    options.timezone = "Europe/Paris";
    CHECK_THROWS_WITH(
        render::render_record(sample::closed_incident(), {}, options, render::Templates::builtin()),
        Catch::Contains("Europe/Paris") && Catch::Contains("UTC"));
    options = {};
    options.key_event_emoji = ":pushpin:";
    CHECK_THAT(render::render_options_problem(options), Catch::Contains("without colons"));
    CHECK(render::render_options_problem({}).empty());
}

// Correctness at the size the product promises; how fast it renders is a benchmark figure
// (bench/record_bench.cpp and bench/run-bench.sh print it beside its target, under 1 s), not a
// test: a time bound here would measure the machine the suite shares.
TEST_CASE("a 100,000-entry record renders every entry, escaped, in order") {
    constexpr std::int64_t count = 100'000;
    const auto incident = sample::closed_incident();
    std::vector<core::Entry> entries;
    entries.reserve(count);
    for (std::int64_t seq = 1; seq <= count; ++seq)
        entries.push_back(sample::entry(seq, std::chrono::seconds{seq}, core::EntryKind::message,
                                        "Responder *" + std::to_string(seq % 7) + "*",
                                        "update <" + std::to_string(seq) + "> & # more",
                                        seq % 100 == 0));

    const std::string doc =
        render::render_record(incident, entries, {}, render::Templates::builtin());

    const std::string timeline = section_of(doc, "## Timeline");
    CHECK(contains(timeline, "All 100000 entries"));
    CHECK(lines_starting_with(timeline, '-').size() == count);
    CHECK(lines_starting_with(section_of(doc, "## Key events"), '-').size() == count / 100);
    CHECK(contains(timeline,
                   "- 2026-11-24 10:00:01 UTC · Responder \\*1\\* · message · [permalink](" +
                       entries[0].permalink + ") — update \\<1\\> & # more\n"));
    CHECK(contains(timeline, "· message · :pushpin: · [permalink](" + entries[99].permalink +
                                 ") — update \\<100\\> & # more\n"));
    CHECK(contains(timeline, "update \\<100000\\> & # more"));
    CHECK_FALSE(contains(doc, "update <"));
    const auto first = timeline.find("update \\<1\\>");
    const auto middle = timeline.find("update \\<50000\\>");
    const auto last = timeline.find("update \\<100000\\>");
    REQUIRE(first != std::string::npos);
    REQUIRE(middle != std::string::npos);
    REQUIRE(last != std::string::npos);
    CHECK(first < middle);
    CHECK(middle < last);
}

TEST_CASE("both documents show the record's latest seal whole, and no seal line without one") {
    const auto incident = sample::closed_incident();
    const auto entries = sample::entries();
    const core::SigningKey key = core::SigningKey::generate();
    const std::vector<core::Seal> seals{key.seal(7, 1, 2, entries[1].hash, sample::at(1min)),
                                        key.seal(7, 2, 6, entries[5].hash, sample::at(2h))};
    const std::string line = "`" + core::seal_statement(seals[1]) + " " + seals[1].signature + "`";
    const auto& templates = render::Templates::builtin();

    const std::string record = render::render_record(incident, entries, {}, templates, seals);
    CHECK(contains(record, "- **Sealed:** seal 2, 2026-11-24 12:00 UTC, over the first 6 entries"));
    CHECK(contains(record, "signed by key " + key.public_key().id()));
    CHECK(contains(record, line));
    CHECK_FALSE(contains(record, core::seal_statement(seals[0])));
    const std::string postmortem =
        render::render_postmortem(incident, entries, {}, templates, seals);
    CHECK(contains(postmortem, "- **Record sealed:** seal 2, 2026-11-24 12:00 UTC"));
    CHECK(contains(postmortem, "`incidentd verify INC-7` proves the record's first 6 chained"));
    CHECK(contains(postmortem, line));

    CHECK_FALSE(contains(render::render_record(incident, entries, {}, templates), "Sealed"));
    CHECK_FALSE(contains(render::render_postmortem(incident, entries, {}, templates), "sealed"));
}

TEST_CASE("a malformed seal from a tampered store is shown as escaped text, not a code span") {
    const core::SigningKey key = core::SigningKey::generate();
    core::Seal seal = key.seal(7, 1, 2, sample::entries()[1].hash, sample::at(1min));
    seal.signature = "x` [click](https://evil.example) `";
    const std::vector<core::Seal> seals{seal};
    const std::string record = render::render_record(sample::closed_incident(), sample::entries(),
                                                     {}, render::Templates::builtin(), seals);
    CHECK(contains(record, "\\[click\\]"));
    CHECK_FALSE(contains(record, "[click](https://evil.example)"));
}
