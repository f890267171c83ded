// Faults injected through the control API: 429s, 5xx, slow answers, dropped connections, outages.
#include <catch2/catch.hpp>

#include "support/emulator.hpp"

using incidentd::test::Emulator;
using namespace std::chrono_literals;

TEST_CASE("injected faults hit the next calls of a method, then stop") {
    Emulator emulator;
    SECTION("rate_limited answers 429 with Retry-After for N calls") {
        REQUIRE(emulator.post("faults", {{"kind", "rate_limited"},
                                         {"method", "chat.postMessage"},
                                         {"count", 2},
                                         {"retry_after", 7}})["ok"] == true);
        for (int i = 0; i < 2; ++i) {
            auto answer =
                emulator.api("chat.postMessage", {{"channel", "C0INCIDENTS"}, {"text", "x"}});
            CHECK(answer.status == 429);
            CHECK(answer.header("retry-after") == "7");
            CHECK(answer.json()["error"] == "ratelimited");
        }
        CHECK(
            emulator.api("chat.postMessage", {{"channel", "C0INCIDENTS"}, {"text", "x"}}).status ==
            200);
        CHECK(emulator.api("auth.test").status == 200);
    }
    SECTION("server_error answers the given 5xx") {
        emulator.post("faults",
                      {{"kind", "server_error"}, {"method", "auth.test"}, {"status", 503}});
        CHECK(emulator.api("auth.test").status == 503);
        CHECK(emulator.api("auth.test").status == 200);
    }
    SECTION("slow answers arrive after the delay") {
        emulator.post("faults", {{"kind", "slow"}, {"method", "auth.test"}, {"delay_ms", 400}});
        const auto started = std::chrono::steady_clock::now();
        CHECK(emulator.api("auth.test").json()["ok"] == true);
        CHECK(std::chrono::steady_clock::now() - started >= 400ms);
    }
    SECTION("drop_connection closes the connection without an answer") {
        emulator.post("faults", {{"kind", "drop_connection"}, {"method", "*"}});
        auto dropped = emulator.api("auth.test");
        CHECK(dropped.status == 0);
        CHECK_FALSE(dropped.error.empty());
        CHECK(emulator.api("auth.test").status == 200);
    }
    SECTION("an unknown kind is refused with a message") {
        auto refused = emulator.post("faults", {{"kind", "gremlins"}});
        CHECK(refused["ok"] == false);
        CHECK_THAT(refused["error"].get<std::string>(), Catch::Contains("rate_limited"));
    }
    SECTION("DELETE /_emulator/faults clears them") {
        emulator.post("faults", {{"kind", "server_error"}, {"count", 5}});
        incidentd::test::http_request("DELETE", emulator.url() + "/_emulator/faults");
        CHECK(emulator.api("auth.test").status == 200);
    }
}

TEST_CASE("during an outage every Web API call fails, and afterwards works again") {
    Emulator emulator;
    SECTION("503 mode") {
        emulator.post("outage", {{"ms", 500}, {"mode", "503"}});
        CHECK(emulator.api("auth.test").status == 503);
        CHECK(emulator.api("users.info", {{"user", "U0BOB"}}).status == 503);
        std::this_thread::sleep_for(600ms);
        CHECK(emulator.api("auth.test").status == 200);
    }
    SECTION("drop mode") {
        emulator.post("outage", {{"ms", 500}, {"mode", "drop"}});
        CHECK(emulator.api("auth.test").status == 0);
        std::this_thread::sleep_for(600ms);
        CHECK(emulator.api("auth.test").status == 200);
    }
    SECTION("the control API keeps working during an outage") {
        emulator.post("outage", {{"seconds", 5}});
        CHECK(emulator.get("health")["ok"] == true);
    }
}
