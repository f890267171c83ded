// The fault matrix: one whole incident (declare, messages, an update, resolve, close, postmortem,
// archive) per way Slack's Web API can fail; afterwards every outbox action happened exactly once,
// the record holds everything said once, and nothing is left in the outbox.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/durability.hpp"
#include "support/eventually.hpp"
#include "support/incidentd.hpp"

using namespace std::chrono_literals;
using incidentd::test::contains;
using incidentd::test::ServeStack;
using incidentd::test::StackOptions;
using nlohmann::json;

namespace {

// The request timeout of incidentd's Web API client (slack::WebClientOptions::request_timeout,
// which `serve` leaves at its default): a slow answer past it is a lost answer.
constexpr auto web_client_request_timeout = 30s;

StackOptions matrix_stack() {
    StackOptions options = incidentd::test::plain_http();
    options.archive_after = "1s";
    return options;
}

void inject(ServeStack& stack, const json& fault) {
    const json answer = stack.emulator().post("faults", fault);
    REQUIRE(answer.value("ok", false) == true);
}

// What each row does to Slack, at the three moments of an incident where it matters.
struct Faults {
    std::function<void(ServeStack&)> before_declare = [](ServeStack&) {};
    std::function<void(ServeStack&)> before_close = [](ServeStack&) {};
    std::function<void(ServeStack&)> after_close_acked = [](ServeStack&) {};
    std::chrono::seconds patience = 25s;  // how long each step may take under the faults
};

// What the incident left behind, for the checks every row shares.
struct Incident {
    std::string channel;
    std::vector<std::string> said;  // ts of each message said in the channel
    std::chrono::steady_clock::time_point archived_at;
};

bool archived(ServeStack& stack, const std::string& channel) {
    for (const auto& c : stack.read("channels", "channels"))
        if (c["id"] == channel) return c.value("is_archived", false);
    return false;
}

// Waits until `done` holds, polling; false after `timeout`.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
    return incidentd::test::eventually(done, timeout, 50ms);
}

void slash_ok(ServeStack& stack, const std::string& channel, const std::string& text) {
    const json answer = stack.slash("alice", channel, text);
    INFO("/incident " << text << " -> " << answer.dump());
    REQUIRE(answer.value("ok", false) == true);
}

Incident run_incident(ServeStack& stack, const Faults& faults) {
    Incident incident;
    faults.before_declare(stack);
    incident.channel = stack.declare("sev2 Payments webhook backlog", faults.patience);
    const std::string& channel = incident.channel;
    for (const std::string text : {"webhook queue at 40k and growing", "consumer pods OOMKilled",
                                   "raised the memory limit, queue draining"})
        incident.said.push_back(stack.say("bob", channel, text));
    slash_ok(stack, channel, "update Queue draining after memory limit raise");
    slash_ok(stack, channel, "resolve Backlog cleared");
    REQUIRE(stack.wait_delivered(channel, faults.patience));

    // Close's actions then meet the faults armed for them, not the tail of the resolve's.
    REQUIRE(
        eventually([&] { return incidentd::test::unfinished_outbox(stack.store_path()).empty(); },
                   std::chrono::duration_cast<std::chrono::milliseconds>(faults.patience)));
    faults.before_close(stack);
    slash_ok(stack, channel, "close");
    faults.after_close_acked(stack);
    const bool was_archived =
        eventually([&] { return archived(stack, channel); },
                   std::chrono::duration_cast<std::chrono::milliseconds>(faults.patience));
    incident.archived_at = std::chrono::steady_clock::now();
    INFO(stack.incidentd_log());
    REQUIRE(was_archived);
    return incident;
}

// Successful Web API calls of `method` whose arguments satisfy `match`.
int ok_calls_where(ServeStack& stack, const std::string& method,
                   const std::function<bool(const json&)>& match) {
    int count = 0;
    for (const auto& call : stack.read("calls?method=" + method, "calls"))
        if (call["status"] == 200 && call["answer"].is_object() &&
            call["answer"].value("ok", false) && match(call["args"]))
            ++count;
    return count;
}

// The idempotency key incidentd puts in each post's metadata; "" for a post without one.
std::string post_key(const json& args) {
    json metadata = args.value("metadata", json());
    if (metadata.is_string()) metadata = json::parse(metadata.get<std::string>(), nullptr, false);
    if (!metadata.is_object()) return "";
    return metadata.value("event_payload", json::object()).value("key", "");
}

// The checks of every row: each outbox action happened exactly once in Slack, the record holds
// each message once and verifies, and the outbox is empty.
void check_everything_happened_once(ServeStack& stack, const Incident& incident) {
    const std::string& channel = incident.channel;
    const auto any = [](const json&) { return true; };
    CHECK(ok_calls_where(stack, "conversations.create", any) == 1);
    CHECK(ok_calls_where(stack, "pins.add", any) == 1);
    CHECK(ok_calls_where(stack, "conversations.archive", any) == 1);
    CHECK(ok_calls_where(stack, "chat.update", any) >= 1);
    CHECK(ok_calls_where(stack, "chat.postEphemeral", any) == 1);  // "INC-1 is open in #…"

    // Every post carries its action's key: a key posted twice is an action done twice.
    std::map<std::string, int> posts_by_key;
    ok_calls_where(stack, "chat.postMessage", [&](const json& args) {
        ++posts_by_key[post_key(args)];
        return true;
    });
    for (const auto& [key, times] : posts_by_key) {
        INFO("chat.postMessage with key \"" << key << "\"");
        CHECK(!key.empty());
        CHECK(times == 1);
    }
    const auto to = [](const std::string& where) {
        return [where](const json& args) { return args.value("channel", "") == where; };
    };
    // Declared, the update, resolved, closed.
    CHECK(ok_calls_where(stack, "chat.postMessage", to("C0GENERAL")) == 4);
    // The summary, then in its thread the declare seal, the closing note and the close seal.
    CHECK(ok_calls_where(stack, "chat.postMessage", to(channel)) == 4);

    int records = 0;
    int postmortems = 0;
    for (const auto& file : stack.read("files", "files")) {
        if (!file.value("completed", false)) continue;
        const std::string name = file.value("name", "");
        if (contains(name, "incident-record")) ++records;
        if (contains(name, "postmortem-draft") && contains(file["content"], "# Postmortem: INC-1"))
            ++postmortems;
    }
    CHECK(records == 1);
    CHECK(postmortems == 1);

    const json record = stack.incidentd().export_json("INC-1");
    for (const std::string& ts : incident.said) {
        int times = 0;
        for (const auto& e : record["entries"])
            if (e["ts"] == ts && e["kind"] == "message") ++times;
        INFO("message at " << ts);
        CHECK(times == 1);
    }
    int updates = 0;
    for (const auto& e : record["entries"])
        if (e["kind"] == "status_update") ++updates;
    CHECK(updates == 1);
    // Compared with an empty list, so a failure prints what verify said.
    CHECK(incidentd::test::verify_failures(stack.incidentd(), stack.store_path()) ==
          std::vector<std::string>{});

    CHECK(
        eventually([&] { return stack.incidentd().metric("incidentd_outbox_pending") == 0; }, 10s));
    CHECK(incidentd::test::unfinished_outbox(stack.store_path()).empty());
    CHECK(stack.read("faults", "faults").empty());  // every fault armed was met
}

}  // namespace

TEST_CASE(
    "a whole incident under a storm of 429s with Retry-After on every method does each "
    "action once",
    "[durability][faults]") {
    ServeStack stack(matrix_stack());
    Faults faults;
    const auto storm = [](ServeStack& s) {
        inject(s, {{"kind", "rate_limited"}, {"method", "*"}, {"count", 6}, {"retry_after", 1}});
    };
    faults.before_declare = storm;
    faults.before_close = storm;
    const Incident incident = run_incident(stack, faults);
    check_everything_happened_once(stack, incident);
    CHECK(stack.incidentd().metric("incidentd_slack_api_rate_limited_total") >= 12);
}

TEST_CASE("a whole incident under a storm of 5xx answers does each action once",
          "[durability][faults]") {
    ServeStack stack(matrix_stack());
    Faults faults;
    faults.before_declare = [](ServeStack& s) {
        inject(s, {{"kind", "server_error"}, {"method", "*"}, {"status", 503}, {"count", 6}});
    };
    faults.before_close = [](ServeStack& s) {
        inject(s, {{"kind", "server_error"}, {"method", "*"}, {"status", 500}, {"count", 3}});
        inject(s, {{"kind", "server_error"}, {"method", "*"}, {"status", 502}, {"count", 3}});
    };
    const Incident incident = run_incident(stack, faults);
    check_everything_happened_once(stack, incident);
    CHECK(stack.calls_with_status(503) == 6);
    CHECK(stack.calls_with_status(500) == 3);
    CHECK(stack.calls_with_status(502) == 3);
}

TEST_CASE("a whole incident with connections reset before Slack answers does each action once",
          "[durability][faults]") {
    ServeStack stack(matrix_stack());
    Faults faults;
    const auto resets = [](ServeStack& s) {
        inject(s, {{"kind", "drop_connection"}, {"method", "*"}, {"count", 4}});
    };
    faults.before_declare = resets;
    faults.before_close = resets;
    const Incident incident = run_incident(stack, faults);
    check_everything_happened_once(stack, incident);
}

TEST_CASE(
    "a whole incident with slow answers, one past the Web API client's timeout after Slack "
    "acted, does each action once",
    "[durability][faults]") {
    ServeStack stack(matrix_stack());
    Faults faults;
    faults.patience = web_client_request_timeout + 20s;
    faults.before_declare = [](ServeStack& s) {
        inject(s, {{"kind", "slow"}, {"method", "*"}, {"delay_ms", 400}, {"count", 8}});
    };
    // Slack posts the closing note, but its answer comes after incidentd stopped waiting.
    faults.before_close = [](ServeStack& s) {
        const auto past_timeout = web_client_request_timeout + 1s;
        inject(s, {{"kind", "slow"},
                   {"method", "chat.postMessage"},
                   {"delay_ms", std::chrono::milliseconds(past_timeout).count()},
                   {"count", 1}});
    };
    const Incident incident = run_incident(stack, faults);
    check_everything_happened_once(stack, incident);
}

namespace {

// A 60-second outage that begins once close is acknowledged, before its documents are uploaded:
// close's first actions (topic, summary update) meet it, and the upload waits behind them.
void outage_during_close(const std::string& mode) {
    constexpr auto outage = 60s;
    ServeStack stack(matrix_stack());
    Faults faults;
    faults.patience = outage + 90s;
    std::chrono::steady_clock::time_point outage_end;
    faults.after_close_acked = [&](ServeStack& s) {
        const json answer = s.emulator().post(
            "outage", {{"seconds", std::chrono::seconds(outage).count()}, {"mode", mode}});
        REQUIRE(answer.value("ok", false) == true);
        outage_end = std::chrono::steady_clock::now() + outage;
    };
    const Incident incident = run_incident(stack, faults);
    check_everything_happened_once(stack, incident);
    // The outage met close's actions, and the documents were uploaded only after it ended.
    std::size_t last_failed = 0;
    std::size_t first_upload = 0;
    std::string calls;
    const json log = stack.read("calls", "calls");
    for (std::size_t i = 0; i < log.size(); ++i) {
        const json& call = log[i];
        calls += call["method"].get<std::string>() + " " +
                 std::to_string(call["status"].get<int>()) +
                 (call.value("dropped", false) ? " dropped" : "") + "; ";
        if (call["status"] == 503 || call.value("dropped", false)) last_failed = i + 1;
        if (call["method"] == "files.completeUploadExternal" && call["status"] == 200 &&
            first_upload == 0)
            first_upload = i + 1;
    }
    INFO("Web API calls: " << calls);
    CHECK(last_failed > 0);
    CHECK(first_upload > last_failed);
    const auto late =
        std::chrono::duration_cast<std::chrono::milliseconds>(incident.archived_at - outage_end);
    WARN("outage (" << mode << ") ended; the channel was archived " << late.count() << " ms later");
}

}  // namespace

TEST_CASE(
    "a whole incident with a 60-second Slack outage answering 503 in the middle of close does "
    "each action once",
    "[durability][faults][outage]") {
    outage_during_close("503");
}

TEST_CASE(
    "a whole incident with a 60-second Slack outage dropping connections in the middle of "
    "close does each action once",
    "[durability][faults][outage]") {
    outage_during_close("drop");
}
