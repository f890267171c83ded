// `incidentd serve` across crashes and Slack's retries: an acknowledged event is never lost, a
// redelivered one is recorded once, and the outbox and the archive schedule survive SIGKILL with
// each side effect happening once.
#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "support/incidentd.hpp"

using namespace std::chrono_literals;
using incidentd::test::contains;
using incidentd::test::ServeStack;
using incidentd::test::StackOptions;
using nlohmann::json;

namespace {

// A crashed app is retried quickly (Slack waits a minute, then five), and every retry falls
// within the time a restart takes.
StackOptions fast_retries() {
    StackOptions options;
    options.tls = false;
    options.emulator_args = {"--retry-delays-ms", "300,1000,3000", "--ack-timeout-ms", "3000"};
    return options;
}

// How many message entries (top level or in a thread) the record has at `ts`.
int message_entries_at(const json& record, const std::string& ts) {
    int count = 0;
    for (const auto& e : record["entries"])
        if (e["ts"] == ts && (e["kind"] == "message" || e["kind"] == "thread_reply")) ++count;
    return count;
}

json postmortem_files(ServeStack& stack) {
    return stack.files_containing("# Postmortem: INC-1");
}

bool channel_archived(ServeStack& stack, const std::string& id) {
    for (const auto& channel : stack.read("channels", "channels"))
        if (channel["id"] == id) return channel.value("is_archived", false);
    return false;
}

}  // namespace

TEST_CASE(
    "incidentd killed and restarted mid-incident loses no acknowledged event and its "
    "outbox and archive happen once",
    "[serve]") {
    ServeStack stack(fast_retries());
    const std::string id = stack.declare("sev1 Orders database failover");

    std::vector<std::string> said;
    for (int i = 0; i < 40; ++i) {
        said.push_back(
            stack.say(i % 2 ? "bob" : "alice", id, "replica lag reading " + std::to_string(i + 1)));
        if (i == 14) stack.crash();  // deliveries in flight fail; the emulator retries them
        if (i == 19) stack.start();
        if (i == 29) stack.crash_and_restart();
    }
    REQUIRE(stack.wait_delivered(id, 20s));

    // Everything the emulator saw acknowledged is in the record.
    const json record = stack.incidentd().export_json("INC-1");
    int retried = 0;
    for (const auto& d : stack.read("deliveries", "deliveries")) {
        if (d["attempts"].size() > 1) ++retried;
        if (d["kind"] != "event_callback" || d["state"] != "delivered") continue;
        const json& event = d["payload"]["event"];
        if (event["type"] != "message" || event.contains("subtype") || event.contains("bot_id"))
            continue;
        INFO("delivered " << d["event_id"] << " at " << event["ts"]);
        CHECK(message_entries_at(record, event["ts"]) == 1);
    }
    CHECK(retried > 0);  // the crashes did meet deliveries
    for (const auto& ts : said) {
        INFO("said at " << ts);
        CHECK(message_entries_at(record, ts) == 1);
    }

    // Close, then crash at once: the postmortem upload and the archive are still to do.
    REQUIRE(stack.slash("alice", id, "close")["ok"] == true);
    stack.crash_and_restart();
    REQUIRE(stack.emulator()
                .poll(
                    "files", [&](const json&) { return postmortem_files(stack).size() >= 1; }, 15s)
                .is_object());
    REQUIRE(postmortem_files(stack).size() == 1);
    stack.crash_and_restart();  // before the archive is due: the schedule is in the database
    stack.emulator().poll(
        "channels", [&](const json&) { return channel_archived(stack, id); }, 15s);
    REQUIRE(channel_archived(stack, id));

    // The archive is the incident's last outbox action: a doubled upload would show by now.
    const json after = stack.incidentd().export_json("INC-1");
    CHECK(after["state"] == "archived");
    CHECK(postmortem_files(stack).size() == 1);
    CHECK(stack.ok_calls("conversations.create") == 1);
    CHECK(stack.ok_calls("conversations.archive") == 1);
    CHECK(stack.ok_calls("pins.add") == 1);
    int announcements = 0;
    for (const auto& m : stack.messages("C0GENERAL"))
        if (m.contains("bot_id") && contains(m.dump(), "INC-1")) ++announcements;
    CHECK(announcements == 2);  // declared and closed
    int archived_entries = 0;
    for (const auto& e : after["entries"])
        if (e["kind"] == "archived") ++archived_entries;
    CHECK(archived_entries == 1);
    CHECK(stack.incidentd().run({"verify", "INC-1"}).status == 0);
}

TEST_CASE("Slack's retry of a delivered event is recorded once", "[serve]") {
    StackOptions options;
    options.tls = false;
    ServeStack stack(options);
    const std::string id = stack.declare("sev1 Orders database failover");
    const std::string ts = stack.say("alice", id, "failover to replica-2 started");
    REQUIRE(stack.wait_delivered(id));

    json delivered;
    for (const auto& d : stack.read("deliveries", "deliveries"))
        if (d["kind"] == "event_callback" && d["payload"]["event"].value("ts", "") == ts &&
            !d["payload"]["event"].contains("subtype"))
            delivered = d;
    REQUIRE(delivered["state"] == "delivered");

    // The same envelope again, as Slack sends it when it did not see the first answer in time.
    const std::string body = delivered["payload"].dump();
    for (const std::string retry : {"1", "2"}) {
        auto answer = stack.incidentd().post_signed(
            body, "application/json",
            {{"X-Slack-Retry-Num", retry}, {"X-Slack-Retry-Reason", "http_timeout"}});
        CHECK(answer.status == 200);
    }
    // An event incidentd has never seen, sent twice: first as new, then as Slack's retry.
    json fresh = delivered["payload"];
    fresh["event_id"] = "Ev0E2ERETRY1";
    std::string fresh_ts = ts;
    fresh_ts.back() = fresh_ts.back() == '9' ? '8' : '9';  // a ts no message has
    fresh["event"]["ts"] = fresh["event"]["event_ts"] = fresh_ts;
    fresh["event"]["text"] = "replica-2 is primary";
    CHECK(stack.incidentd().post_signed(fresh.dump(), "application/json").status == 200);
    CHECK(stack.incidentd()
              .post_signed(fresh.dump(), "application/json",
                           {{"X-Slack-Retry-Num", "1"}, {"X-Slack-Retry-Reason", "http_error"}})
              .status == 200);

    // A later message through the emulator: once it is recorded, the retries were handled.
    const std::string later = stack.say("bob", id, "writes are flowing again");
    REQUIRE(stack.wait_delivered(id));
    const json record = stack.incidentd().export_json("INC-1");
    CHECK(message_entries_at(record, later) == 1);
    CHECK(message_entries_at(record, ts) == 1);
    CHECK(message_entries_at(record, fresh["event"]["ts"]) == 1);
    CHECK(stack.incidentd().metric("incidentd_events_duplicate_total") >= 3);
}

TEST_CASE("SIGTERM stops serve with status 0 and a restart carries on with the same record",
          "[serve]") {
    StackOptions options;
    options.tls = false;
    ServeStack stack(options);
    const std::string id = stack.declare("sev3 Nightly export late");
    const std::string ts = stack.say("bob", id, "export job is 40 minutes behind");
    REQUIRE(stack.wait_delivered(id));

    auto& process = stack.incidentd().process();
    process.stop(std::chrono::seconds(10));
    CHECK(process.exit_code() == 0);

    stack.start();
    const std::string later = stack.say("bob", id, "export finished");
    REQUIRE(stack.wait_delivered(id));
    const json record = stack.incidentd().export_json("INC-1");
    CHECK(message_entries_at(record, ts) == 1);
    CHECK(message_entries_at(record, later) == 1);
    CHECK(stack.incidentd().run({"verify", "INC-1"}).status == 0);
}
