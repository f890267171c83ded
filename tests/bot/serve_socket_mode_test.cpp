// `incidentd serve` over Socket Mode under a burst and the link's worst days: a refresh, a TCP drop
// without a close frame and a few seconds of refused connections lose nothing and double nothing;
// an envelope whose storage fails is not acknowledged, comes again and is recorded once.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "support/incidentd.hpp"

using namespace std::chrono_literals;
using incidentd::test::ServeStack;
using incidentd::test::StackOptions;
using nlohmann::json;

namespace {

// Socket Mode with Slack's redelivery shortened: an envelope not acked within a second comes again
// after 1 s, 3 s and 6 s (Slack: at once, 1 min, 5 min), still longer than a reconnect takes.
StackOptions socket_mode() {
    StackOptions options;
    options.tls = false;
    options.socket_mode = true;
    options.emulator_args = {"--ack-timeout-ms", "1000", "--retry-delays-ms", "1000,3000,6000"};
    return options;
}

// The record once it holds `count` message entries, or as it is after `timeout`.
json record_with_messages(ServeStack& stack, std::size_t count, std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        json record = stack.incidentd().export_json("INC-1");
        std::size_t messages = 0;
        for (const auto& e : record["entries"])
            if (e["kind"] == "message") ++messages;
        if (messages >= count || std::chrono::steady_clock::now() > deadline) return record;
        std::this_thread::sleep_for(200ms);
    }
}

}  // namespace

TEST_CASE(
    "over Socket Mode a burst of 2,000 messages through a refresh, a dropped link and refused "
    "connections is recorded exactly once in ts order",
    "[serve]") {
    ServeStack stack(socket_mode());
    const std::string channel = stack.declare("sev2 Socket Mode burst");
    std::map<std::string, int> said;  // ts -> how many entries the record must have: 1
    constexpr int burst = 2000;
    for (int i = 0; i < burst; ++i) {
        if (i == 500)
            stack.emulator().post("socket_mode/disconnect", {{"reason", "refresh_requested"}});
        if (i == 1000) stack.emulator().post("socket_mode/drop", json::object());
        if (i == 1500) {
            // apps.connections.open refused for two seconds, right after a drop.
            stack.emulator().post("outage", {{"seconds", 2}});
            stack.emulator().post("socket_mode/drop", json::object());
        }
        said[stack.say(i % 2 ? "alice" : "bob", channel, "burst message " + std::to_string(i))] = 0;
    }
    const json record = record_with_messages(stack, burst, 60s);
    std::vector<std::string> order;
    for (const auto& e : record["entries"]) {
        if (e["kind"] != "message") continue;
        const std::string ts = e["ts"];
        auto it = said.find(ts);
        if (it == said.end()) continue;
        ++it->second;
        order.push_back(ts);
    }
    int missing = 0, doubled = 0;
    for (const auto& [ts, count] : said) {
        if (count == 0) ++missing;
        if (count > 1) ++doubled;
    }
    CHECK(missing == 0);
    CHECK(doubled == 0);
    bool in_order = true;
    for (std::size_t i = 1; i < order.size(); ++i)
        if (incidentd::core::slack_ts_less(order[i], order[i - 1])) in_order = false;
    CHECK(in_order);
    // The first link, its refresh, and at least one link after the drops.
    CHECK(stack.incidentd().metric("incidentd_socket_mode_connects_total") >= 3);
    CHECK(stack.incidentd().metric("incidentd_socket_mode_reconnects_total") >= 2);
    CHECK(stack.incidentd().metric("incidentd_socket_mode_connected") == 1);
    CHECK(stack.incidentd().run({"verify", "INC-1"}).status == 0);
}

TEST_CASE(
    "over Socket Mode an envelope whose storage fails is not acknowledged, comes again and is "
    "recorded once",
    "[serve]") {
    ServeStack stack(socket_mode());
    const std::string channel = stack.declare("sev3 Storage refuses a write");
    stack.refuse_entries_with_text("poison");
    const std::string ts = stack.say("alice", channel, "poison");
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (stack.incidentd().metric("incidentd_socket_mode_unacked_total") < 2 &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(100ms);
    CHECK(stack.incidentd().metric("incidentd_socket_mode_unacked_total") >= 2);
    stack.accept_entries_again();
    json record = record_with_messages(stack, 1, 10s);
    int recorded = 0;
    for (const auto& e : record["entries"])
        if (e["ts"] == ts && e["kind"] == "message") ++recorded;
    CHECK(recorded == 1);
}
