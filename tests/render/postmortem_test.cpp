// The postmortem draft: pre-filled facts, links to the record and the channel, analysis prompts.
#include <catch2/catch.hpp>

#include "render/postmortem.hpp"
#include "sample_incident.hpp"

using namespace incidentd;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

std::string draft(const core::Incident& incident, const render::RenderOptions& options = {}) {
    const auto entries = sample::entries();
    return render::render_postmortem(incident, entries, options, render::Templates::builtin());
}

}  // namespace

TEST_CASE("the postmortem draft is pre-filled with the incident's metadata") {
    const std::string doc = draft(sample::closed_incident());
    CHECK(contains(doc, "# Postmortem: INC-7: Checkout latency \\<!channel\\> \\*now\\*\n"));
    CHECK(contains(doc, "- **Incident:** INC-7\n"));
    CHECK(contains(doc, "- **Severity:** SEV2\n"));
    CHECK(contains(doc, "- **Team:** payments\n"));
    CHECK(contains(doc, "- **Commander:** Alice\n"));
    CHECK(contains(doc, "- **Declared:** 2026-11-24 10:00 UTC\n"));
    CHECK(contains(doc, "- **Resolved:** 2026-11-24 11:30 UTC\n"));
    CHECK(contains(doc, "- **Closed:** 2026-11-24 12:00 UTC\n"));
    CHECK(contains(doc, "- **Duration:** 1h 30m\n"));
}

TEST_CASE("the postmortem is due a configured period after close") {
    auto incident = sample::closed_incident();
    SECTION("seven days by default") {
        CHECK(contains(draft(incident), "- **Postmortem due:** 2026-12-01 12:00 UTC\n"));
    }
    SECTION("or the period the options give") {
        render::RenderOptions options;
        options.postmortem_due = 3 * 24h + 6h;
        CHECK(contains(draft(incident, options), "- **Postmortem due:** 2026-11-27 18:00 UTC\n"));
    }
    SECTION("or the due date already tracked for it") {
        incident.postmortem.due_at = sample::at(10 * 24h);
        CHECK(contains(draft(incident), "- **Postmortem due:** 2026-12-04 10:00 UTC\n"));
    }
}

TEST_CASE("the postmortem links to the incident record and the channel log") {
    auto incident = sample::closed_incident();
    SECTION("with the record's URL") {
        render::RenderOptions options;
        options.record_url = "https://incidentd.example.com/records/INC-7 (final)";
        const std::string doc = draft(incident, options);
        CHECK(contains(doc,
                       "- **Incident record:** [incident record]"
                       "(https://incidentd.example.com/records/INC-7%20%28final%29)\n"));
        CHECK(contains(doc,
                       "- **Channel log:** [#inc-20261124-checkout-latency]"
                       "(https://acme.slack.com/archives/C0CHECKOUT)\n"));
    }
    SECTION("without a URL, saying how to get the record") {
        CHECK(contains(draft(incident),
                       "- **Incident record:** the incident record (`incidentd export INC-7`)\n"));
    }
    SECTION("never through a URL that is not http(s)") {
        render::RenderOptions options;
        options.record_url = "javascript:alert(1)";
        incident.channel_url = "data:text/html,hi";
        const std::string doc = draft(incident, options);
        CHECK_FALSE(contains(doc, "javascript:alert"));
        CHECK(contains(doc, "- **Incident record:** the incident record (`incidentd export"));
        CHECK_FALSE(contains(doc, "data:text"));
        CHECK(contains(doc, "- **Channel log:** #inc-20261124-checkout-latency\n"));
    }
}

TEST_CASE("the postmortem timeline starts from the key events with their permalinks") {
    const auto entries = sample::entries();
    const std::string doc = draft(sample::closed_incident());
    const auto timeline = doc.substr(doc.find("## Timeline"));
    CHECK(contains(timeline,
                   "- 2026-11-24 10:01:00 UTC, Bob, message: \\<!channel\\> checkout is "
                   "slow\\\n\\# heading\\\n\\[link\\](javascript:x) ([permalink](" +
                       entries[1].permalink + "))\n"));
    CHECK(contains(timeline,
                   "impact: \\|table\\| 40% of checkouts fail \\&amp; retry 🔥 "
                   "([permalink](" +
                       entries[2].permalink + "))\n"));
    CHECK(contains(timeline, "note: customer comms sent\n"));
    CHECK_FALSE(contains(doc, "looking at dashboards"));
    CHECK_FALSE(contains(doc, "rollback fixed it"));
}

TEST_CASE("the postmortem carries impact, systems and actions from the record") {
    const std::string doc = draft(sample::closed_incident());
    CHECK(contains(doc.substr(doc.find("## Impact")), "- \\|table\\| 40% of checkouts fail"));
    CHECK(contains(doc.substr(doc.find("## Systems involved")), "- payments-api ([permalink]("));
    CHECK(contains(doc.substr(doc.find("## Actions taken during the incident")),
                   "- rolled back deploy 2026.11.24-3 ([permalink]("));
}

TEST_CASE("the postmortem leaves the analysis sections as blameless prompts") {
    const std::string doc = draft(sample::closed_incident());
    for (std::string_view heading :
         {"## Summary\n", "## Root cause and contributing factors\n",
          "## Why current controls failed\n", "## Corrective and preventive actions\n",
          "## What went well\n", "## What went poorly\n", "## Lessons learned\n"}) {
        INFO(heading);
        CHECK(contains(doc, heading));
    }
    CHECK(
        contains(doc, "| Action | Corrective or preventive | Owner | Due date | Tracking link |"));
    CHECK(contains(doc, "blameless"));
}

TEST_CASE("a postmortem without key events or facts says what to add") {
    const std::string doc =
        render::render_postmortem(sample::closed_incident(), {}, {}, render::Templates::builtin());
    CHECK(contains(doc, "*No key events were marked during the incident."));
    CHECK(contains(doc, "*No impact was recorded during the incident."));
}

TEST_CASE("a message marked with the key-event reaction enters the timeline as the message") {
    auto entries = sample::entries();
    const core::Entry marked = entries[5];  // an ordinary reply, not flagged itself
    REQUIRE_FALSE(marked.key_event);
    core::Entry reaction =
        sample::entry(99, 3h, core::EntryKind::reaction, "Carol", ":pushpin:", true);
    reaction.refers_to = marked.ts;
    entries.push_back(reaction);

    const std::string doc = render::render_postmortem(sample::closed_incident(), entries, {},
                                                      render::Templates::builtin());
    const auto timeline =
        doc.substr(doc.find("## Timeline"), doc.find("## Impact") - doc.find("## Timeline"));
    CHECK(contains(timeline, marked.permalink));
    CHECK_FALSE(contains(timeline, reaction.permalink));
    CHECK_FALSE(contains(timeline, ":pushpin:"));
}
