// Slack's rate limits: per-method tiers and chat.postMessage per channel, answered 429.
#include <catch2/catch.hpp>

#include "support/emulator.hpp"

using incidentd::test::Emulator;

TEST_CASE("chat.postMessage allows a short burst per channel, then answers 429") {
    Emulator emulator;
    auto post = [&](const std::string& channel) {
        return emulator.api("chat.postMessage", {{"channel", channel}, {"text", "x"}});
    };
    for (int i = 0; i < 3; ++i)
        CHECK(post("C0INCIDENTS").status == 200);
    auto limited = post("C0INCIDENTS");
    CHECK(limited.status == 429);
    CHECK(limited.json()["error"] == "ratelimited");
    CHECK(std::stoi(limited.header("retry-after")) >= 1);

    SECTION("another channel has its own allowance") {
        auto created = emulator.api("conversations.create", {{"name", "inc-rate"}}).json();
        CHECK(post(created["channel"]["id"]).status == 200);
    }
    SECTION("after Retry-After the channel may post again") {
        std::this_thread::sleep_for(std::chrono::seconds(std::stoi(limited.header("retry-after"))));
        CHECK(post("C0INCIDENTS").status == 200);
    }
}

TEST_CASE("a method's tier bounds its calls per minute") {
    // A scale of 0.1 turns Tier 2's 20 a minute into 2.
    Emulator emulator({"--rate-limit-scale", "0.1"});
    CHECK(emulator.api("conversations.create", {{"name", "a1"}}).status == 200);
    CHECK(emulator.api("conversations.create", {{"name", "a2"}}).status == 200);
    auto limited = emulator.api("conversations.create", {{"name", "a3"}});
    CHECK(limited.status == 429);
    CHECK(std::stoi(limited.header("retry-after")) >= 1);
    CHECK(emulator.get("channels")["channels"].size() == 4);
}

TEST_CASE("rate limits turned off with --rate-limits=off never answer 429") {
    Emulator emulator({"--rate-limits=off"});
    for (int i = 0; i < 10; ++i) {
        CHECK(
            emulator.api("chat.postMessage", {{"channel", "C0INCIDENTS"}, {"text", "x"}}).status ==
            200);
    }
}
