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

TEST_CASE("effect_then_fail carries out the call, then answers as a failure would") {
    Emulator emulator;
    const auto posted = [&] {
        auto answer = emulator.get("channels/C0INCIDENTS/messages");
        int count = 0;
        for (const auto& m : answer["messages"])
            if (m.value("text", "") == "took effect") ++count;
        return count;
    };
    const std::vector<std::pair<std::string, std::string>> post = {{"channel", "C0INCIDENTS"},
                                                                   {"text", "took effect"}};
    SECTION("with HTTP 500") {
        REQUIRE(emulator.post("faults", {{"kind", "effect_then_fail"},
                                         {"method", "chat.postMessage"},
                                         {"then", "server_error"}})["ok"] == true);
        CHECK(emulator.api("chat.postMessage", post).status == 500);
    }
    SECTION("with internal_error") {
        emulator.post("faults", {{"kind", "effect_then_fail"},
                                 {"method", "chat.postMessage"},
                                 {"then", "internal_error"}});
        auto answer = emulator.api("chat.postMessage", post);
        CHECK(answer.status == 200);
        CHECK(answer.json()["error"] == "internal_error");
    }
    SECTION("with the connection closed and no answer") {
        emulator.post("faults", {{"kind", "effect_then_fail"},
                                 {"method", "chat.postMessage"},
                                 {"then", "drop_connection"}});
        CHECK(emulator.api("chat.postMessage", post).status == 0);
    }
    CHECK(posted() == 1);
    // Only the next call: the one after it is answered as usual.
    CHECK(emulator.api("chat.postMessage", post).json()["ok"] == true);
    CHECK(posted() == 2);
}

TEST_CASE("effect_then_fail is refused with an answer it cannot give") {
    Emulator emulator;
    auto refused = emulator.post("faults", {{"kind", "effect_then_fail"}, {"then", "shrug"}});
    CHECK(refused["ok"] == false);
    CHECK_THAT(refused["error"].get<std::string>(), Catch::Contains("internal_error"));
}

TEST_CASE("during an outage every Web API call fails, and afterwards works again") {
    Emulator emulator;
    // The calls during the outage must reach the emulator before it ends: 2 s leaves a loaded
    // machine room for them. It ends 2 s after the emulator took the request, which was before
    // the request returned (`armed`), so from `armed` + 2.1 s on it is over on any machine.
    constexpr auto outage = 2000ms;
    SECTION("503 mode") {
        emulator.post("outage", {{"ms", outage.count()}, {"mode", "503"}});
        const auto armed = std::chrono::steady_clock::now();
        CHECK(emulator.api("auth.test").status == 503);
        CHECK(emulator.api("users.info", {{"user", "U0BOB"}}).status == 503);
        std::this_thread::sleep_until(armed + outage + 100ms);
        CHECK(emulator.api("auth.test").status == 200);
    }
    SECTION("drop mode") {
        emulator.post("outage", {{"ms", outage.count()}, {"mode", "drop"}});
        const auto armed = std::chrono::steady_clock::now();
        CHECK(emulator.api("auth.test").status == 0);
        std::this_thread::sleep_until(armed + outage + 100ms);
        CHECK(emulator.api("auth.test").status == 200);
    }
    SECTION("the control API keeps working during an outage") {
        emulator.post("outage", {{"seconds", 5}});
        CHECK(emulator.get("health")["ok"] == true);
    }
}
