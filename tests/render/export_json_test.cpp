// The JSON export: exactly the object docs/export-format.md documents.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>
#include <vector>

#include "core/seal.hpp"
#include "core/time.hpp"
#include "render/export_json.hpp"
#include "sample_incident.hpp"

using namespace incidentd;
using json = nlohmann::ordered_json;

namespace {

std::set<std::string> keys(const json& object) {
    std::set<std::string> out;
    for (const auto& [key, value] : object.items())
        out.insert(key);
    return out;
}

}  // namespace

TEST_CASE("a closed incident exports as the documented object") {
    auto incident = sample::closed_incident();
    incident.postmortem.due_at = sample::at(std::chrono::hours{24 * 7 + 2});
    auto entries = sample::entries();
    entries.resize(2);
    std::swap(entries[0], entries[1]);  // given out of order: exported in ts order
    entries[0].text = "<!channel> checkout is slow & \"quoted\" 🔥";

    const json expected = json::parse(R"json({
        "format_version": 1, "id": "INC-7", "title": "Checkout latency <!channel> *now*", "severity": "SEV2",
        "state": "closed", "team": "payments",
        "channel": {"id": "C0CHECKOUT", "name": "inc-20261124-checkout-latency",
                    "url": "https://acme.slack.com/archives/C0CHECKOUT"},
        "declared_at": "2026-11-24T10:00:00Z", "resolved_at": "2026-11-24T11:30:00Z",
        "closed_at": "2026-11-24T12:00:00Z",
        "roles": {"commander": {"id": "U0ALICE", "name": "Alice"},
                  "scribe": {"id": "U0BOB", "name": "Bob [scribe]"}},
        "postmortem": {"due_at": "2026-12-01T12:00:00Z", "url": null, "done": false},
        "seals": [],
        "entries": [
          {"seq": 1, "ts": "1795514400.000100", "kind": "declared", "at": "2026-11-24T10:00:00Z",
           "actor": {"id": "U01", "name": "Alice"}, "text": "Checkout latency",
           "blocks": null, "attachments": null, "thread_ts": null, "refers_to": null,
           "permalink": "https://acme.slack.com/archives/C0CHECKOUT/p1795514400000100",
           "key_event": false, "hash": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
           "chain": {"at_ms": 1795514400200, "payload": ""}},
          {"seq": 2, "ts": "1795514460.000200", "kind": "message", "at": "2026-11-24T10:01:00Z",
           "actor": {"id": "U02", "name": "Bob"},
           "text": "<!channel> checkout is slow & \"quoted\" 🔥",
           "blocks": null, "attachments": null, "thread_ts": null, "refers_to": null,
           "permalink": "https://acme.slack.com/archives/C0CHECKOUT/p1795514460000200",
           "key_event": true, "hash": "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
           "chain": {"at_ms": 1795514460200, "payload": ""}}
        ]})json");
    // `at` is shown to the second; chain.at_ms keeps the milliseconds that were hashed.
    const json exported = render::export_json(incident, entries);
    CHECK(exported == expected);  // ordered_json: equal means the same keys in the same order
    CHECK(keys(exported) == keys(expected));
    CHECK(exported.dump().rfind(R"({"format_version":1,"id":"INC-7","title":)", 0) == 0);
}

TEST_CASE("absent values export as null, never as empty strings or missing keys") {
    core::Incident incident;
    incident.number = 12;
    incident.title = "New one";
    incident.declared_at = sample::at(std::chrono::seconds{0});

    const json exported = render::export_json(incident, {});
    CHECK(exported["team"].is_null());
    CHECK(exported["channel"] == json::parse(R"({"id": null, "name": null, "url": null})"));
    CHECK(exported["resolved_at"].is_null());
    CHECK(exported["closed_at"].is_null());
    CHECK(exported["roles"] == json::object());
    CHECK(exported["postmortem"] == json::parse(R"({"due_at": null, "url": null, "done": false})"));
    CHECK(exported["entries"] == json::array());
    CHECK(keys(exported) == std::set<std::string>{"format_version", "id", "title", "severity",
                                                  "state", "team", "channel", "declared_at",
                                                  "resolved_at", "closed_at", "roles", "postmortem",
                                                  "seals", "entries"});
    CHECK(exported["seals"] == json::array());
}

TEST_CASE("an entry's optional fields export as values when present") {
    auto entries = sample::entries();
    auto& reply = entries[5];
    reply.refers_to = "1795514460.000200";
    auto incident = sample::closed_incident();
    incident.postmortem = {sample::at(std::chrono::hours{1}), "https://docs.example.com/pm", true};

    const json exported = render::export_json(incident, entries);
    json e;
    for (const json& candidate : exported["entries"])
        if (candidate["seq"] == 6) e = candidate;
    CHECK(e["seq"] == 6);
    CHECK(e["kind"] == "thread_reply");
    CHECK(e["thread_ts"] == "1795514460.000200");
    CHECK(e["refers_to"] == "1795514460.000200");
    CHECK(keys(e) == std::set<std::string>{"seq", "ts", "kind", "at", "actor", "text", "blocks",
                                           "attachments", "thread_ts", "refers_to", "permalink",
                                           "key_event", "hash", "chain"});
    CHECK(exported["postmortem"] == json::parse(R"({"due_at": "2026-11-24T11:00:00Z",
                                                    "url": "https://docs.example.com/pm",
                                                    "done": true})"));
    REQUIRE(exported["entries"].size() == entries.size());
    for (std::size_t i = 1; i < entries.size(); ++i)
        CHECK_FALSE(core::slack_ts_less(exported["entries"][i]["ts"].get<std::string>(),
                                        exported["entries"][i - 1]["ts"].get<std::string>()));
}

TEST_CASE("a seal exports with what was signed, so an auditor can check it offline") {
    const core::Seal seal{7,
                          1,
                          2,
                          std::string(64, 'c'),
                          sample::at(std::chrono::minutes{1}),
                          "0123456789abcdef",
                          "c2lnbmF0dXJl"};
    const json exported =
        render::export_json(sample::closed_incident(), sample::entries(), std::span(&seal, 1));
    CHECK(exported["seals"] == json::parse(R"json([{"number": 1, "entries": 2,
        "head_hash": "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
        "at": "2026-11-24T10:01:00Z", "at_ms": 1795514460000, "key_id": "0123456789abcdef",
        "signature": "c2lnbmF0dXJl"}])json"));
    std::ostringstream streamed;
    render::write_export_json(streamed, sample::closed_incident(), sample::entries(),
                              std::span(&seal, 1));
    CHECK(streamed.str() == exported.dump(2));
}

TEST_CASE("entries export in Slack time order, seq breaking ties") {
    auto entries = sample::entries();
    entries.resize(3);
    // Appended 1, 2, 3; said at ts 3, 1, 1: a late-arriving event sits where it happened.
    entries[0].ts = "1795514470.000000";
    entries[1].ts = "1795514460.000100";
    entries[2].ts = "1795514460.000100";
    const json exported = render::export_json(sample::closed_incident(), entries);
    REQUIRE(exported["entries"].size() == 3);
    CHECK(exported["entries"][0]["seq"] == entries[1].seq);
    CHECK(exported["entries"][1]["seq"] == entries[2].seq);
    CHECK(exported["entries"][2]["seq"] == entries[0].seq);
}

TEST_CASE("the streamed export is byte for byte the export tree dumped with an indent of two") {
    auto entries = sample::entries();
    entries[3].text = "line one\nline two with \"quotes\" and a tab\t";
    entries[3].ts = "1795514400.000001";  // out of order: the stream sorts as the tree does
    for (const auto& exported : {std::vector<core::Entry>{}, entries}) {
        std::ostringstream streamed;
        render::write_export_json(streamed, sample::closed_incident(), exported);
        CHECK(streamed.str() == render::export_json(sample::closed_incident(), exported).dump(2));
    }
}

TEST_CASE("a message's blocks and attachments export as Slack sent them, beside its text") {
    auto entries = sample::entries();
    entries.resize(2);
    core::Entry& message = entries[1];
    message.payload = R"({"type":"event_callback","event":{"type":"message","text":"fallback",
        "blocks":[{"type":"header","text":{"type":"plain_text","text":"p99 > 2s"}}],
        "attachments":[{"title":"checkout","zeta":1,"alpha":2}]}})";
    core::Entry edit =
        sample::entry(3, std::chrono::seconds{200}, core::EntryKind::edited, "Bob", "v2", false);
    edit.payload = R"({"event":{"type":"message","subtype":"message_changed",
        "message":{"text":"v2","blocks":[{"type":"divider"}]},
        "previous_message":{"text":"v1","attachments":[{"title":"old"}]}}})";
    core::Entry deletion =
        sample::entry(4, std::chrono::seconds{300}, core::EntryKind::deleted, "Bob", "v2", false);
    deletion.payload = R"({"event":{"type":"message","subtype":"message_deleted",
        "previous_message":{"text":"v2","attachments":[{"title":"gone"}]}}})";
    core::Entry reaction = sample::entry(5, std::chrono::seconds{400}, core::EntryKind::reaction,
                                         "Bob", ":eyes: on 1", false);
    reaction.payload = R"({"event":{"type":"reaction_added","blocks":[{"type":"divider"}]}})";
    entries.insert(entries.end(), {edit, deletion, reaction});

    const json exported = render::export_json(sample::closed_incident(), entries);
    const json& out = exported["entries"];
    REQUIRE(out.size() == 5);
    CHECK(out[0]["blocks"].is_null());  // the declared entry: no payload
    CHECK(out[1]["blocks"] ==
          json::parse(R"([{"type":"header","text":{"type":"plain_text","text":"p99 > 2s"}}])"));
    // As sent: the keys keep Slack's order.
    CHECK(out[1]["attachments"].dump() == R"([{"title":"checkout","zeta":1,"alpha":2}])");
    CHECK(out[2]["blocks"] == json::parse(R"([{"type":"divider"}])"));
    CHECK(out[2]["attachments"].is_null());  // the edit's new version has none
    CHECK(out[3]["attachments"] == json::parse(R"([{"title":"gone"}])"));
    CHECK(out[4]["blocks"].is_null());  // a reaction is not about a message's content

    SECTION("a payload that is not an Events API body exports no content") {
        entries[1].payload = R"(token=x&text="blocks")";
        const json again = render::export_json(sample::closed_incident(), entries);
        CHECK(again["entries"][1]["blocks"].is_null());
        CHECK(again["entries"][1]["attachments"].is_null());
    }
}
