// `incidentd serve` when the database refuses a write: the event is answered 500 and not
// acknowledged, Slack delivers it again, and once storing works it is recorded exactly once.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "support/incidentd.hpp"

using namespace std::chrono_literals;
using incidentd::test::ServeStack;
using incidentd::test::StackOptions;
using nlohmann::json;

namespace {

// The delivery of the message event at `ts`, as the emulator tracks it.
json delivery_of(ServeStack& stack, const std::string& ts) {
    for (const auto& d : stack.read("deliveries", "deliveries"))
        if (d["kind"] == "event_callback" && d["payload"]["event"].value("ts", "") == ts) return d;
    return json{};
}

}  // namespace

TEST_CASE("an event whose storage fails is answered 500, retried by Slack and recorded once",
          "[serve]") {
    StackOptions options;
    options.tls = false;
    options.emulator_args = {"--retry-delays-ms", "300,1500,3000", "--ack-timeout-ms", "3000"};
    ServeStack stack(options);
    const std::string channel = stack.declare("sev3 Disk full on the writer");
    REQUIRE(stack.wait_delivered(channel));

    // A second connection makes the store refuse this one message, as a full disk would.
    stack.refuse_entries_with_text("poison");
    const std::string ts = stack.say("alice", channel, "poison");
    stack.emulator().poll(
        "deliveries",
        [&](const json&) {
            const json d = delivery_of(stack, ts);
            return d.is_object() && d["attempts"].size() >= 2;
        },
        10s);
    const json failing = delivery_of(stack, ts);
    REQUIRE(failing.is_object());
    CHECK(failing["state"] != "delivered");
    for (const auto& attempt : failing["attempts"])
        CHECK(attempt["status"] == 500);
    CHECK(stack.incidentd().metric("incidentd_events_total{outcome=\"failed\"}") >= 2);
    json record = stack.incidentd().export_json();
    for (const auto& e : record["entries"])
        CHECK(e["ts"] != ts);

    stack.accept_entries_again();
    stack.emulator().poll(
        "deliveries", [&](const json&) { return delivery_of(stack, ts)["state"] == "delivered"; },
        10s);
    CHECK(delivery_of(stack, ts)["state"] == "delivered");
    record = stack.incidentd().export_json();
    int recorded = 0;
    for (const auto& e : record["entries"])
        if (e["ts"] == ts && e["kind"] == "message") ++recorded;
    CHECK(recorded == 1);
    CHECK(stack.incidentd().run({"verify", "INC-1"}).status == 0);
}
