// What real Slack sends, played through the real incidentd: every fixture of
// tests/fixtures/slack-events/ (one per event type and message subtype incidentd subscribes to,
// alerts as monitoring tools post them, Slack Connect) is signed and posted to `incidentd serve`,
// answered 200, and recorded as its `expect` says — with what people saw in the exported text.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bot/handlers/event_entries.hpp"
#include "slack/slack_event.hpp"
#include "support/incidentd.hpp"

using incidentd::test::ServeStack;
using nlohmann::json;

namespace {

const std::filesystem::path corpus = INCIDENTD_SOURCE_DIR "/tests/fixtures/slack-events";
// The fixtures' channel; each test puts its incident channel's id in its place.
const std::string fixture_channel = "C0FIXTURE";

struct Fixture {
    std::string name;  // the file name without .json
    json expect;
    json body;  // the Events API body, as Slack sends it
};

std::vector<Fixture> load_corpus() {
    std::vector<Fixture> fixtures;
    for (const auto& file : std::filesystem::directory_iterator(corpus)) {
        if (file.path().extension() != ".json") continue;
        std::ifstream in(file.path());
        const json parsed = json::parse(in);
        fixtures.push_back({file.path().stem().string(), parsed.at("expect"), parsed.at("body")});
    }
    std::ranges::sort(fixtures, {}, &Fixture::name);
    return fixtures;
}

std::string in_channel(std::string text, const std::string& channel) {
    for (std::size_t at = text.find(fixture_channel); at != std::string::npos;
         at = text.find(fixture_channel, at + channel.size()))
        text.replace(at, fixture_channel.size(), channel);
    return text;
}

// Every fixture's ts lies in this range; what incidentd records of its own doings is "now".
bool from_corpus(const json& entry) {
    const std::string ts = entry["ts"];
    return ts >= "1764000000" && ts < "1764001000";
}

const json* entry_at(const json& record, const std::string& kind, const std::string& ts) {
    for (const auto& e : record["entries"])
        if (e["kind"] == kind && e["ts"] == ts) return &e;
    return nullptr;
}

// The message an entry's blocks and attachments come from, in the body Slack sent.
const json& message_of(const json& event, const std::string& kind) {
    if (kind == "edited") return event["message"];
    if (kind == "deleted") return event["previous_message"];
    return event;
}

void check_entry(const json& entry, const json& expect, const json& event) {
    if (expect.contains("text_is")) CHECK(entry["text"] == expect["text_is"]);
    for (const auto& part : expect.value("text", json::array()))
        CHECK_THAT(entry["text"].get<std::string>(), Catch::Contains(part.get<std::string>()));
    for (const auto& part : expect.value("not_text", json::array()))
        CHECK_THAT(entry["text"].get<std::string>(), !Catch::Contains(part.get<std::string>()));
    if (expect.contains("actor")) {
        const json& actor = expect["actor"];
        if (actor.contains("id")) CHECK(entry["actor"]["id"] == actor["id"]);
        if (actor.contains("name")) CHECK(entry["actor"]["name"] == actor["name"]);
    }
    for (const char* field : {"refers_to", "thread_ts", "key_event"})
        if (expect.contains(field)) CHECK(entry[field] == expect[field]);
    // The export keeps what the text was made from, as Slack sent it.
    const json& message = message_of(event, entry["kind"]);
    for (const char* field : {"blocks", "attachments"}) {
        INFO(field);
        const bool sent = message.is_object() && message.contains(field);
        CHECK(entry[field] == (sent ? message[field] : json()));
    }
}

// The event types and message subtypes incidentd tells apart, each named as a fixture is:
// "reaction_added", "message.file_share".
std::set<std::string> decoded_shapes() {
    std::set<std::string> shapes;
    for (const std::string_view type : incidentd::slack::decoded_event_types())
        shapes.insert(std::string(type));
    for (const std::string_view subtype : incidentd::slack::decoded_message_subtypes())
        shapes.insert("message." + std::string(subtype));
    for (const std::string_view subtype : incidentd::bot::notice_subtypes())
        shapes.insert("message." + std::string(subtype));
    return shapes;
}

std::string shape_of(const json& body) {
    const json& event = body["event"];
    std::string shape = event["type"];
    if (event.contains("subtype")) shape += "." + event["subtype"].get<std::string>();
    return shape;
}

}  // namespace

TEST_CASE(
    "every event shape Slack sends is answered, recorded as documented, and shows what "
    "people saw",
    "[serve]") {
    ServeStack stack(incidentd::test::plain_http());
    const std::string channel = stack.declare("sev2 What real Slack sends");
    const auto fixtures = load_corpus();
    REQUIRE(fixtures.size() >= 30);

    std::set<std::string> covered;
    std::set<std::int64_t> seen;  // seq of corpus entries already accounted for
    for (const Fixture& fixture : fixtures) {
        INFO(fixture.name << ": " << fixture.expect.value("note", ""));
        covered.insert(shape_of(fixture.body));
        const std::string body = in_channel(fixture.body.dump(), channel);
        const auto answer = stack.incidentd().post_signed(body, "application/json");
        CHECK(answer.status == 200);

        // Answered after commit: the export shows it at once.
        const json record = stack.incidentd().export_json("INC-1");
        std::vector<json> added;
        for (const auto& e : record["entries"])
            if (from_corpus(e) && !seen.contains(e["seq"].get<std::int64_t>())) added.push_back(e);
        for (const auto& e : added)
            seen.insert(e["seq"].get<std::int64_t>());

        const json& expect = fixture.expect;
        if (expect["recorded"].is_null()) {
            INFO("recorded: " << json(added).dump());
            CHECK(added.empty());
            continue;
        }
        REQUIRE(added.size() == 1);
        const json* entry = entry_at(record, expect["recorded"], expect["ts"]);
        INFO("added: " << added[0].dump());
        REQUIRE(entry != nullptr);
        check_entry(*entry, expect, json::parse(body)["event"]);
    }

    // One flow, not SECTIONs: each section would start incidentd and play the corpus again.
    {
        INFO("an edit Slack sends again is recorded once; each real edit once");
        const json record = stack.incidentd().export_json("INC-1");
        std::size_t edits = 0;
        for (const auto& e : record["entries"])
            if (e["kind"] == "edited" && e["refers_to"] == "1764000100.000100") ++edits;
        CHECK(edits == 2);  // message_changed and message_changed.second_edit

        // The same edit three more times, as Slack sends it for an unfurl, a reply count and a
        // retry under a new event id, without previous_message to tell them apart.
        const auto edit = std::ranges::find(fixtures, "message.message_changed", &Fixture::name);
        REQUIRE(edit != fixtures.end());
        for (int i = 1; i <= 3; ++i) {
            json again = edit->body;
            again["event_id"] = "Ev0AGAIN000" + std::to_string(i);
            again["event"]["ts"] = again["event"]["event_ts"] =
                "1764000300.00090" + std::to_string(i);
            again["event"].erase("previous_message");
            const auto answer = stack.incidentd().post_signed(in_channel(again.dump(), channel),
                                                              "application/json");
            CHECK(answer.status == 200);
        }
        std::size_t at_edit = 0;
        const json after = stack.incidentd().export_json("INC-1");  // kept: the loop reads into it
        for (const auto& e : after["entries"])
            if (e["kind"] == "edited" && e["ts"] == "1764000300.000000") ++at_edit;
        CHECK(at_edit == 1);
    }
    {
        std::vector<std::string> missing;
        for (const std::string& shape : decoded_shapes())
            if (!covered.contains(shape)) missing.push_back(shape);
        INFO("no fixture in tests/fixtures/slack-events/ for: " << json(missing).dump());
        CHECK(missing.empty());
    }
    CHECK(stack.incidentd().run({"verify", "INC-1"}).status == 0);
}

TEST_CASE(
    "alerts posted as attachments only or as blocks only show their titles and text in the "
    "record, its Markdown and the postmortem's key events",
    "[serve]") {
    ServeStack stack(incidentd::test::plain_http());
    const std::string channel = stack.declare("sev2 Checkout alerts firing");
    const auto fixtures = load_corpus();
    const auto fixture = [&](const std::string& name) -> const Fixture& {
        const auto it = std::ranges::find(fixtures, name, &Fixture::name);
        REQUIRE(it != fixtures.end());
        return *it;
    };
    const Fixture& pagerduty = fixture("alert.pagerduty");  // attachments only
    const Fixture& datadog = fixture("alert.datadog");      // blocks only
    const Fixture& pin = fixture("reaction_added");
    int n = 0;
    for (const Fixture* alert : {&pagerduty, &datadog}) {
        REQUIRE(stack.incidentd()
                    .post_signed(in_channel(alert->body.dump(), channel), "application/json")
                    .status == 200);
        // Someone marks it with the key-event emoji.
        json reaction = pin.body;
        reaction["event_id"] = "Ev0ALERTPIN" + std::to_string(++n);
        reaction["event"]["item"]["ts"] = alert->expect["ts"];
        reaction["event"]["event_ts"] = "1764000900.00010" + std::to_string(n);
        REQUIRE(stack.incidentd()
                    .post_signed(in_channel(reaction.dump(), channel), "application/json")
                    .status == 200);
    }
    const auto markdown = stack.incidentd().run({"export", "INC-1"});
    REQUIRE(markdown.status == 0);
    const auto postmortem = stack.incidentd().run({"postmortem", "INC-1"});
    REQUIRE(postmortem.status == 0);
    // The postmortem's timeline is made of the key events.
    const auto from = postmortem.out.find("## Timeline");
    REQUIRE(from != std::string::npos);
    const std::string key_events =
        postmortem.out.substr(from, postmortem.out.find("## Impact", from) - from);
    // The title and the words that say what fired. (The Markdown still shows Slack's markup as
    // escaped source, e.g. \*4.21s\*: turning mrkdwn into Markdown is the converter's job.)
    for (const std::string& title :
         {std::string("#4711 checkout-api p99 latency above 2s"),
          std::string("Triggered on checkout-api"), std::string("Assigned: Alice Archer"),
          std::string("Triggered: checkout-api p99 latency"), std::string("4.21s"),
          std::string("(threshold 2s)")}) {
        INFO(title);
        CHECK_THAT(markdown.out, Catch::Contains(title));
        CHECK_THAT(key_events, Catch::Contains(title));
    }
}
