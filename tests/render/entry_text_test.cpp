// A message's attachments and quotes in the Markdown record: a block quote per attachment inside
// the timeline's list item, fields as a list; and a reply sent to the channel too says so.
#include <catch2/catch.hpp>

#include "core/text_escape.hpp"
#include "render/entry_text.hpp"
#include "render/record.hpp"
#include "sample_incident.hpp"

using namespace incidentd;
using namespace std::chrono_literals;
using render::entry_text_markdown;

TEST_CASE("text without quoted lines is escaped exactly as before") {
    for (const char* text :
         {"checkout is slow", "line one\nline two", "# heading\n- item", "a > b\nc &gt; d", ""})
        CHECK(entry_text_markdown(text) == core::escape_markdown(text));
}

TEST_CASE("an attachment becomes a block quote below the text, its fields a list") {
    const std::string text =
        "New incident\n"
        "> PagerDuty\n"
        "> #4711 checkout p99 above 2s\n"
        "> • Assigned: alice\n"
        "> • Urgency: high\n"
        "> PagerDuty footer";
    CHECK(entry_text_markdown(text) ==
          "New incident\n"
          "  > PagerDuty\\\n"
          "  > \\#4711 checkout p99 above 2s\n"
          "  > - Assigned: alice\n"
          "  > - Urgency: high\n"
          "  >\n"
          "  > PagerDuty footer");

    SECTION("two attachments apart in the text are two quotes") {
        CHECK(entry_text_markdown("alert\n> first\n\n> second") ==
              "alert\n  > first\n\n  > second");
    }
    SECTION("text after a quote is a paragraph of its own in the same list item") {
        CHECK(entry_text_markdown("&gt; is it DNS?\nit was DNS") ==
              "\n  > is it DNS?\n\n  it was DNS");
    }
    SECTION("what is quoted is escaped like any other text") {
        CHECK(entry_text_markdown("> <!channel> *now*\n> - not a list") ==
              "\n  > \\<!channel\\> \\*now\\*\\\n  > \\- not a list");
    }
}

TEST_CASE("the record's timeline shows an alert's attachment quoted inside its entry") {
    auto entries = sample::entries();
    entries.resize(2);
    entries[1].text = "Triggered\n> checkout p99 above 2s\n> • Urgency: high";
    const std::string doc =
        render::render_record(sample::closed_incident(), entries, {}, render::Templates::builtin());
    CHECK_THAT(doc, Catch::Contains(") — Triggered\n"
                                    "  > checkout p99 above 2s\n"
                                    "  > - Urgency: high\n"));
}

TEST_CASE("a reply also sent to the channel is shown as in its thread and in the channel") {
    auto entries = sample::entries();
    entries.resize(2);
    entries[1].kind = core::EntryKind::message;
    entries[1].thread_ts = entries[0].ts;
    entries[1].text = "fixed by the rollback";
    const std::string doc =
        render::render_record(sample::closed_incident(), entries, {}, render::Templates::builtin());
    CHECK_THAT(doc,
               Catch::Contains(" · message · :pushpin: · in thread, also sent to the channel · "
                               "[permalink]("));

    SECTION("a reply seen in its thread only says so") {
        entries[1].kind = core::EntryKind::thread_reply;
        const std::string reply = render::render_record(sample::closed_incident(), entries, {},
                                                        render::Templates::builtin());
        CHECK_THAT(reply,
                   Catch::Contains(" · thread_reply · :pushpin: · in thread · [permalink]("));
        CHECK_THAT(reply, !Catch::Contains("also sent to the channel"));
    }
}
