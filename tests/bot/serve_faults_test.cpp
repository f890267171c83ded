// `incidentd serve` when Slack's Web API pushes back: 429s with Retry-After, 5xx answers, dropped
// connections and Slack's own rate limits delay what incidentd does, but never drop or double it.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "support/incidentd.hpp"

using namespace std::chrono_literals;
using incidentd::test::contains;
using incidentd::test::ServeStack;
using incidentd::test::StackOptions;
using nlohmann::json;

namespace {

std::size_t postmortem_files(ServeStack& stack) {
    return stack.files_containing("# Postmortem: INC-1").size();
}

// Successful chat.postMessage calls to `channel` that carry `text` (slash-command answers shown in
// the channel are not among them).
int posted_with(ServeStack& stack, const std::string& channel, const std::string& text) {
    int count = 0;
    for (const auto& call : stack.read("calls?method=chat.postMessage", "calls"))
        if (call["status"] == 200 && call["answer"].is_object() &&
            call["answer"].value("ok", false) && call["args"].value("channel", "") == channel &&
            contains(call["args"].dump(), text))
            ++count;
    return count;
}

void inject(ServeStack& stack, const json& fault) {
    REQUIRE(stack.emulator().post("faults", fault)["ok"] == true);
}

}  // namespace

TEST_CASE(
    "with 429s and 5xx answers and dropped connections during close the postmortem "
    "still arrives exactly once and the channel is archived once",
    "[serve]") {
    StackOptions options;
    options.archive_after = "1s";
    ServeStack stack(options);
    const std::string id = stack.declare("sev2 Search index stale");
    const std::string key = stack.say("bob", id, "indexer stopped at 09:58, queue is growing");
    stack.act("reactions", {{"user", "alice"}, {"channel", id}, {"ts", key}, {"name", "pushpin"}});
    REQUIRE(stack.wait_delivered(id));

    inject(stack, {{"kind", "rate_limited"},
                   {"method", "files.getUploadURLExternal"},
                   {"count", 2},
                   {"retry_after", 1}});
    inject(stack, {{"kind", "server_error"},
                   {"method", "files.completeUploadExternal"},
                   {"status", 500},
                   {"count", 2}});
    inject(
        stack,
        {{"kind", "server_error"}, {"method", "chat.postMessage"}, {"status", 503}, {"count", 1}});
    inject(stack,
           {{"kind", "drop_connection"}, {"method", "files.completeUploadExternal"}, {"count", 1}});
    inject(stack, {{"kind", "rate_limited"},
                   {"method", "conversations.archive"},
                   {"count", 1},
                   {"retry_after", 1}});
    REQUIRE(stack.slash("alice", id, "close")["ok"] == true);

    auto archived = [&](const json& answer) {
        for (const auto& channel : answer["channels"])
            if (channel["id"] == id) return channel.value("is_archived", false);
        return false;
    };
    CHECK(archived(stack.emulator().poll("channels", archived, 30s)));
    CHECK(postmortem_files(stack) == 1);
    CHECK(stack.read("faults", "faults").empty());  // every fault was met
    CHECK(stack.calls_with_status(429, "files.getUploadURLExternal") == 2);
    CHECK(stack.calls_with_status(500, "files.completeUploadExternal") == 2);
    CHECK(stack.ok_calls("conversations.archive") == 1);
    CHECK(posted_with(stack, id, "is closed") == 1);

    CHECK(stack.incidentd().metric("incidentd_slack_api_rate_limited_total") >= 3);
    CHECK(contains(stack.incidentd().get("/metrics").body,
                   "incidentd_slack_api_calls_total{method=\"files.completeUploadExternal\""));
}

TEST_CASE("with Slack's rate limits on each status update is announced once", "[serve]") {
    StackOptions options;
    options.tls = false;
    options.rate_limits = true;
    ServeStack stack(options);
    const std::string id = stack.declare("sev2 Login failures in eu-west");
    const std::vector<std::string> updates{
        "Identity provider answers 502", "Failing over to eu-central",
        "Failover done, logins recovering", "Error rate at baseline"};
    for (const auto& update : updates)
        REQUIRE(stack.slash("alice", id, "update " + update)["ok"] == true);

    auto all_posted = [&](const json&) {
        for (const auto& update : updates)
            if (posted_with(stack, "C0GENERAL", update) < 1) return false;
        return true;
    };
    CHECK(all_posted(stack.emulator().poll("calls?method=chat.postMessage", all_posted, 30s)));
    for (const auto& update : updates) {
        INFO(update);
        CHECK(posted_with(stack, "C0GENERAL", update) == 1);
    }
    const json record = stack.incidentd().export_json("INC-1");
    int status_updates = 0;
    for (const auto& e : record["entries"])
        if (e["kind"] == "status_update") ++status_updates;
    CHECK(status_updates == static_cast<int>(updates.size()));
}
