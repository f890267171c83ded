// `incidentd serve` end to end over real sockets and TLS, against the Slack emulator: declaring an
// incident sets up its channel; everything said there lands in the record; closing it brings the
// postmortem draft to the incident thread and archives the channel.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "support/incidentd.hpp"

using namespace std::chrono_literals;
using incidentd::test::contains;
using incidentd::test::entries_of_kind;
using incidentd::test::ServeStack;
using incidentd::test::StackOptions;
using nlohmann::json;

namespace {

const std::string title = "Checkout latency spike";

// yyyymmdd of a moment, in UTC.
std::string utc_date(std::chrono::system_clock::time_point t) {
    const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(t)};
    char text[16];
    std::snprintf(text, sizeof text, "%04d%02u%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return text;
}

// The channel as the emulator shows it now.
json channel_state(ServeStack& stack, const std::string& id) {
    for (const auto& channel : stack.read("channels", "channels"))
        if (channel["id"] == id) return channel;
    return json{};
}

bool has_member(const json& channel, const std::string& user) {
    for (const auto& member : channel["members"])
        if (member == user) return true;
    return false;
}

// Declares the incident from #incidents as alice; the new channel once it is set up.
json declare_and_wait(ServeStack& stack) {
    auto answer = stack.slash("U0ALICE", "C0INCIDENTS", "declare sev2 " + title);
    INFO(answer.dump() << "\nincidentd: " << stack.incidentd_log());
    REQUIRE(answer["ok"] == true);
    CHECK(contains(answer["text"], "Declaring"));
    CHECK(contains(answer["text"], "INC-1"));
    auto channel = stack.wait_for_channel("inc-");
    REQUIRE(channel.has_value());
    REQUIRE_FALSE(stack.wait_for_pinned_summary((*channel)["id"]).is_null());
    return *channel;
}

const json* entry_with_ts(const json& record, const std::string& ts) {
    for (const auto& e : record["entries"])
        if (e["ts"] == ts && (e["kind"] == "message" || e["kind"] == "thread_reply")) return &e;
    return nullptr;
}

const json* entry_referring_to(const json& record, const std::string& kind, const std::string& ts) {
    for (const auto& e : record["entries"])
        if (e["kind"] == kind && e["refers_to"] == ts) return &e;
    return nullptr;
}

std::string permalink_from_emulator(ServeStack& stack, const std::string& channel,
                                    const std::string& ts) {
    auto answer =
        stack.emulator().api("chat.getPermalink", {{"channel", channel}, {"message_ts", ts}});
    return answer.json().value("permalink", "");
}

// The record as exported, once `predicate` holds for it (the last export either way).
template <class Predicate>
json wait_for_record(ServeStack& stack, Predicate predicate, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        json record = stack.incidentd().export_json("INC-1");
        if (predicate(record) || std::chrono::steady_clock::now() > deadline) return record;
        std::this_thread::sleep_for(100ms);
    }
}

// bob shares a graph in the channel (a file_share message); its ts.
std::string share_file(ServeStack& stack, const std::string& channel) {
    auto shared = stack.act("files", {{"user", "bob"},
                                      {"channel", channel},
                                      {"name", "p99-latency.csv"},
                                      {"title", "p99 latency, last hour"},
                                      {"content", "minute,p99_ms\n1,310\n2,4200\n"},
                                      {"text", "p99 graph from Grafana"}});
    return shared["ts"];
}

}  // namespace

TEST_CASE("declaring an incident sets up its named channel and announces it", "[serve]") {
    ServeStack stack;
    CHECK(stack.incidentd().get("/healthz").status == 200);
    CHECK_THAT(stack.incidentd().get("/healthz").body, Catch::Matches("ok\\s*"));

    const std::string day_before = utc_date(std::chrono::system_clock::now());
    const json channel = declare_and_wait(stack);
    const std::string day_after = utc_date(std::chrono::system_clock::now());
    const std::string id = channel["id"];
    const std::string name = channel["name"];

    SECTION("the channel is named for the day and the title") {
        CHECK((name == "inc-" + day_before + "-checkout-latency-spike" ||
               name == "inc-" + day_after + "-checkout-latency-spike"));
        CHECK(stack.ok_calls("conversations.create") == 1);
    }
    SECTION("its topic shows severity, state, commander and the incident") {
        stack.emulator().poll(
            "channels",
            [&](const json&) {
                return !channel_state(stack, id)["topic"]["value"].get<std::string>().empty();
            },
            5s);
        const std::string topic = channel_state(stack, id)["topic"]["value"];
        CHECK(contains(topic, "SEV2"));
        CHECK(contains(topic, "active"));
        CHECK(contains(topic, "Commander"));
        CHECK(contains(topic, "INC-1"));
    }
    SECTION("the declarer and the responders are invited; the bot is a member") {
        stack.emulator().poll(
            "channels", [&](const json&) { return has_member(channel_state(stack, id), "U0BOB"); },
            5s);
        const json now = channel_state(stack, id);
        CHECK(has_member(now, "U0ALICE"));
        CHECK(has_member(now, "U0BOB"));
        CHECK(has_member(now, "U0INCIDENTD"));
        CHECK_FALSE(has_member(now, "U0CAROL"));
    }
    SECTION("the summary is posted and pinned in the channel and names the incident") {
        const json summary = stack.wait_for_pinned_summary(id);
        CHECK(summary["blocks"].is_array());
        CHECK(contains(summary.dump(), "INC-1"));
        CHECK(contains(summary.dump(), title));
    }
    SECTION("the declarer is told where the channel is, where they typed") {
        auto calls = stack.emulator().poll(
            "calls?method=chat.postEphemeral", [](const json& a) { return !a["calls"].empty(); },
            5s)["calls"];
        REQUIRE(calls.size() == 1);
        CHECK(calls[0]["args"]["channel"] == "C0INCIDENTS");
        CHECK(calls[0]["args"]["user"] == "U0ALICE");
        CHECK(calls[0]["answer"]["ok"] == true);
    }
    SECTION("the announcement channel hears of it") {
        auto has_announcement = [](const json& answer) {
            for (const auto& m : answer["messages"])
                if (m.contains("bot_id") && contains(m.dump(), "INC-1")) return true;
            return false;
        };
        CHECK(has_announcement(
            stack.emulator().poll("channels/C0GENERAL/messages", has_announcement, 5s)));
    }
    SECTION("readiness reports the database writable and Slack reachable") {
        auto ready = [&] { return stack.incidentd().get("/readyz").status == 200; };
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (!ready() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(50ms);
        CHECK(ready());
    }
}

TEST_CASE(
    "everything said in the incident channel is in the record in ts order with working "
    "permalinks and closing brings one postmortem draft and the archive",
    "[serve]") {
    // The same incident over either transport: the HTTP Events API, or Socket Mode.
    StackOptions options;
    options.socket_mode = GENERATE(false, true);
    INFO((options.socket_mode ? "over Socket Mode" : "over the HTTP Events API"));
    ServeStack stack(options);
    const json channel = declare_and_wait(stack);
    const std::string id = channel["id"];
    const std::string channel_url = "https://emulator.slack.com/archives/" + id;
    const std::string summary_ts = stack.wait_for_pinned_summary(id)["ts"];

    stack.act("join", {{"user", "carol"}, {"channel", id}});
    const std::vector<std::string> people{"alice", "bob", "carol"};
    std::vector<std::string> said;  // ts of every top-level message a person sent
    std::map<std::string, std::string> text_of;
    for (int i = 0; i < 50; ++i) {
        const std::string text =
            "checkout p99 observation " + std::to_string(i + 1) +
            (i % 7 == 3 ? " <https://grafana.example/d/checkout|graph> & more" : "");
        said.push_back(stack.say(people[i % 3], id, text));
        text_of[said.back()] = text;
    }
    std::vector<std::string> replies;
    for (int i = 0; i < 6; ++i) {
        replies.push_back(
            stack.say(people[(i + 1) % 3], id, "thread reply " + std::to_string(i + 1), said[2]));
    }
    const std::string edited_ts = said[4];   // bob wrote it: people[4 % 3]
    const std::string deleted_ts = said[6];  // alice wrote it
    const std::string deleted_permalink = permalink_from_emulator(stack, id, deleted_ts);
    stack.act(
        "messages/update",
        {{"user", "bob"}, {"channel", id}, {"ts", edited_ts}, {"text", "corrected: p99 is 4.2s"}});
    stack.act("messages/delete", {{"user", "alice"}, {"channel", id}, {"ts", deleted_ts}});
    stack.act("reactions",
              {{"user", "bob"}, {"channel", id}, {"ts", said[9]}, {"name", "pushpin"}});
    stack.act("reactions",
              {{"user", "carol"}, {"channel", id}, {"ts", said[10]}, {"name", "eyes"}});
    stack.act("pins", {{"user", "alice"}, {"channel", id}, {"ts", said[11]}});
    const std::string file_ts = share_file(stack, id);

    for (const std::string command :
         {"update Rolled back v2.41; error rate is falling", "impact 30% of checkouts failed",
          "system checkout-api", "action Rolled back deploy v2.41", "note Grafana alert was late",
          "role commander <@U0CAROL|carol>", "sev 1"}) {
        auto answer = stack.slash("alice", id, command);
        INFO(command << " -> " << answer.dump());
        CHECK(answer["ok"] == true);
    }
    CHECK(stack.slash("alice", id, "resolve Rolled back; latency is normal")["ok"] == true);
    REQUIRE(stack.wait_delivered(id, 20s));
    const auto closed_after = std::chrono::system_clock::now();
    REQUIRE(stack.slash("carol", id, "close")["ok"] == true);

    // The postmortem and the record arrive in the incident thread as files.
    auto postmortem_file = [](const json& answer) {
        for (const auto& f : answer["files"])
            if (f.value("completed", false) && contains(f["content"], "# Postmortem: INC-1"))
                return f;
        return json{};
    };
    const json files = stack.emulator().poll(
        "files", [&](const json& a) { return !postmortem_file(a).is_null(); }, 15s);
    const json postmortem = postmortem_file(files);
    REQUIRE_FALSE(postmortem.is_null());

    // Archived after archive_after (3s).
    auto archived = [&](const json&) {
        return channel_state(stack, id).value("is_archived", false);
    };
    stack.emulator().poll("channels", archived, 15s);
    CHECK(channel_state(stack, id)["is_archived"] == true);

    const json record = wait_for_record(
        stack, [](const json& r) { return r["state"] == "archived"; }, 10s);
    const json& entries = record["entries"];

    {
        INFO("the record holds every message and reply, in ts order, each linking to its message");
        int out_of_order = 0;
        std::string first;
        for (std::size_t i = 1; i < entries.size(); ++i) {
            if (incidentd::core::slack_ts_less(entries[i]["ts"].get<std::string>(),
                                               entries[i - 1]["ts"].get<std::string>())) {
                if (out_of_order++ == 0)
                    first = entries[i - 1].dump() + "\n  before\n" + entries[i].dump();
            }
        }
        INFO("first pair out of ts order:\n" << first);
        CHECK(out_of_order == 0);
        for (const auto& ts : said) {
            INFO("message " << ts);
            const json* entry = entry_with_ts(record, ts);
            REQUIRE(entry != nullptr);
            CHECK((*entry)["kind"] == "message");
            const std::string expected =
                ts == deleted_ts ? deleted_permalink : permalink_from_emulator(stack, id, ts);
            CHECK((*entry)["permalink"] == expected);
            if (ts != edited_ts) CHECK((*entry)["text"] == text_of[ts]);
        }
        for (const auto& ts : replies) {
            INFO("reply " << ts);
            const json* entry = entry_with_ts(record, ts);
            REQUIRE(entry != nullptr);
            CHECK((*entry)["kind"] == "thread_reply");
            CHECK((*entry)["thread_ts"] == said[2]);
            const std::string permalink = permalink_from_emulator(stack, id, ts);
            CHECK(contains(permalink, "?thread_ts=" + said[2] + "&cid=" + id));
            CHECK((*entry)["permalink"] == permalink);
        }
    }
    {
        INFO("an edit and a deletion are new entries pointing at the original, which stays");
        const json* edit = entry_referring_to(record, "edited", edited_ts);
        REQUIRE(edit != nullptr);
        CHECK(contains((*edit)["text"], "corrected: p99 is 4.2s"));
        const json* deletion = entry_referring_to(record, "deleted", deleted_ts);
        REQUIRE(deletion != nullptr);
        REQUIRE(entry_with_ts(record, deleted_ts) != nullptr);
        CHECK((*entry_with_ts(record, deleted_ts))["text"] == text_of[deleted_ts]);
    }
    {
        INFO("a shared file is an entry with its permalink");
        auto files_recorded = entries_of_kind(record, "file");
        REQUIRE(files_recorded.size() == 1);
        CHECK(files_recorded[0]["ts"] == file_ts);
        CHECK(files_recorded[0]["actor"]["id"] == "U0BOB");
        CHECK(contains(files_recorded[0]["text"], "p99-latency.csv"));
        std::string digits = file_ts;
        digits.erase(digits.find('.'), 1);
        CHECK(files_recorded[0]["permalink"] == channel_url + "/p" + digits);
    }
    {
        INFO("the key-event reaction and the pin are key events; another reaction is not");
        const json* pushpin = entry_referring_to(record, "reaction", said[9]);
        REQUIRE(pushpin != nullptr);
        CHECK((*pushpin)["key_event"] == true);
        const json* eyes = entry_referring_to(record, "reaction", said[10]);
        REQUIRE(eyes != nullptr);
        CHECK((*eyes)["key_event"] == false);
        const json* pin = entry_referring_to(record, "pinned", said[11]);
        REQUIRE(pin != nullptr);
        CHECK((*pin)["key_event"] == true);
    }
    {
        INFO("joins, commands and state changes are recorded; incidentd's posts are bot actions");
        bool carol_joined = false;
        for (const auto& e : entries_of_kind(record, "member_joined"))
            carol_joined = carol_joined || e["actor"]["id"] == "U0CAROL";
        CHECK(carol_joined);
        for (const std::string kind :
             {"declared", "command", "status_update", "impact", "system", "action", "note", "role",
              "severity", "resolved", "closed", "archived", "bot_action"}) {
            INFO("kind " << kind);
            CHECK_FALSE(entries_of_kind(record, kind).empty());
        }
        for (const auto& e : entries_of_kind(record, "message"))
            CHECK(e["actor"]["id"] != "U0INCIDENTD");
        CHECK(record["roles"]["commander"]["id"] == "U0CAROL");
        CHECK(record["severity"] == "SEV1");
    }
    {
        INFO(
            "the postmortem draft is in the incident thread once, linking the record, the channel "
            "and each key event");
        const json messages = stack.messages(id);
        int postmortems_in_thread = 0;
        bool closed_notice = false;
        const std::string due_at = record["postmortem"]["due_at"];
        for (const auto& m : messages) {
            if (m.value("thread_ts", "") != summary_ts || m["ts"] == summary_ts) continue;
            if (m.value("subtype", "") == "file_share") {
                for (const auto& f : m["files"])
                    if (f["id"] == postmortem["id"]) ++postmortems_in_thread;
            } else if (m.contains("bot_id") && contains(m["text"], due_at.substr(0, 10))) {
                closed_notice = true;
            }
        }
        CHECK(postmortems_in_thread == 1);
        CHECK(closed_notice);
    }
    {
        INFO("the record was sealed in the incident thread at declare and at close, quietly");
        int seals_in_thread = 0;
        for (const auto& m : stack.messages(id))
            if (m.value("thread_ts", "") == summary_ts && m.contains("bot_id") &&
                contains(m["text"], "`incidentd-seal-v1 INC-1 "))
                ++seals_in_thread;
        CHECK(seals_in_thread >= 2);
        CHECK(seals_in_thread == static_cast<int>(record["seals"].size()));
        // Posting a seal adds no entry, so the record does not grow by being sealed.
        for (const auto& e : entries_of_kind(record, "bot_action"))
            CHECK_FALSE(contains(e["text"], "incidentd-seal-v1"));
        int postmortem_files = 0;
        for (const auto& f : files["files"])
            if (contains(f["content"], "# Postmortem: INC-1")) ++postmortem_files;
        CHECK(postmortem_files == 1);

        const std::string content = postmortem["content"];
        CHECK(contains(content, channel_url));
        // The close seal, made before the documents, is in the draft whole.
        REQUIRE_FALSE(record["seals"].empty());
        const json& close_seal = record["seals"].back();
        CHECK(contains(content, "**Record sealed:** seal " +
                                    std::to_string(close_seal["number"].get<int>()) + ", "));
        CHECK(contains(content, close_seal["signature"].get<std::string>() + "`"));
        // The record is uploaded next to it, in the incident thread: the draft links the record
        // file or that thread (or, with neither, says how to export it).
        std::string record_permalink;
        for (const auto& f : files["files"])
            if (contains(f["content"], "# INC-1: ")) record_permalink = f["permalink"];
        CHECK_FALSE(record_permalink.empty());
        std::string summary_digits = summary_ts;
        summary_digits.erase(summary_digits.find('.'), 1);
        const std::string thread_permalink = channel_url + "/p" + summary_digits;
        CHECK(contains(content, "Incident record:"));
        CHECK((contains(content, record_permalink) || contains(content, thread_permalink + ")") ||
               contains(content, "incidentd export INC-1")));
        for (const auto& ts : {said[9], said[11]}) {
            INFO("key event " << ts);
            CHECK(contains(content, permalink_from_emulator(stack, id, ts)));
        }
        CHECK_FALSE(contains(content, permalink_from_emulator(stack, id, said[10])));
    }
    {
        INFO("the postmortem is due seven days after the close");
        const auto closed_at =
            incidentd::core::parse_iso8601(record["closed_at"].get<std::string>());
        const auto due_at =
            incidentd::core::parse_iso8601(record["postmortem"]["due_at"].get<std::string>());
        REQUIRE(closed_at.has_value());
        REQUIRE(due_at.has_value());
        CHECK(*due_at - *closed_at == std::chrono::days{7});
        CHECK(*closed_at >= std::chrono::floor<std::chrono::seconds>(closed_after) - 1s);
    }
    {
        INFO("the channel was archived once and the record still verifies");
        CHECK(stack.ok_calls("conversations.archive") == 1);
        CHECK(entries_of_kind(record, "archived").size() == 1);
        CHECK(stack.incidentd().run({"verify", "INC-1"}).status == 0);
    }
}

TEST_CASE(
    "the other subcommands answer in the incident channel and reopen and postmortem links "
    "change the incident",
    "[serve]") {
    incidentd::test::StackOptions options;
    options.tls = false;
    options.archive_after = "1h";  // long enough to reopen
    ServeStack stack(options);
    const std::string id = stack.declare("sev3 Slow image thumbnails");
    auto shown = [&](const std::string& command) {
        auto answer = stack.slash("alice", id, command);
        INFO(command << " -> " << answer.dump());
        CHECK(answer["ok"] == true);
        return answer["text"].get<std::string>();
    };

    CHECK(contains(shown("status"), "INC-1"));
    CHECK(contains(shown("status"), "SEV3"));
    CHECK(contains(shown("timeline"), "Declared INC-1"));
    CHECK(contains(shown("list"), "INC-1"));
    CHECK(contains(shown("help"), "/incident declare"));
    CHECK(contains(shown("help role"), "/incident role"));

    shown("close");
    CHECK(stack.incidentd().export_json("INC-1")["state"] == "closed");
    shown("reopen");
    json record = stack.incidentd().export_json("INC-1");
    CHECK(record["state"] == "active");
    CHECK(record["closed_at"].is_null());
    CHECK_FALSE(entries_of_kind(record, "reopened").empty());

    shown("close");
    // `postmortem` posts the draft again: a second file in the thread, not the close's one.
    shown("postmortem");
    auto drafts = [&](const json&) {
        int count = 0;
        for (const auto& f : stack.read("files", "files"))
            if (f.value("completed", false) &&
                f.value("name", "").starts_with("INC-1-postmortem-draft"))
                ++count;
        return count;
    };
    const auto close_drafts_seen = stack.emulator().poll(
        "files", [&](const json& a) { return drafts(a) >= 3; }, 10s);
    CHECK(drafts(close_drafts_seen) == 3);  // the first close, the second close, the repost
    const std::string url = "https://docs.example.com/postmortems/inc-1";
    CHECK(contains(shown("postmortem link " + url), url));
    shown("postmortem done");
    record = stack.incidentd().export_json("INC-1");
    CHECK(record["postmortem"]["url"] == url);
    CHECK(record["postmortem"]["done"] == true);
    auto bookmarked = [&](const json&) {
        for (const auto& channel : stack.read("channels", "channels"))
            if (channel["id"] == id)
                for (const auto& b : channel["bookmarks"])
                    if (b["link"] == url) return true;
        return false;
    };
    CHECK(bookmarked(stack.emulator().poll("channels", bookmarked, 10s)));
}
