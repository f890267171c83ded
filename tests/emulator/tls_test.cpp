// HTTPS on the emulator's one port, with a throwaway CA, and handshakes it truncates on purpose.
#include <catch2/catch.hpp>

#include "support/emulator.hpp"
#include "support/test_ca.hpp"

using incidentd::test::Emulator;
using incidentd::test::HttpOptions;
using incidentd::test::TestCa;

TEST_CASE("with a certificate the emulator serves HTTPS that a client trusting the CA accepts") {
    TestCa ca;
    HttpOptions trusting;
    trusting.ca_file = ca.ca_pem();
    Emulator emulator({"--tls-cert", ca.cert_pem(), "--tls-key", ca.key_pem()}, trusting);
    REQUIRE(emulator.url().starts_with("https://127.0.0.1:"));

    SECTION("a client that trusts the CA gets answers") {
        auto answer = emulator.api("auth.test");
        REQUIRE(answer.error.empty());
        CHECK(answer.json()["ok"] == true);
    }
    SECTION("a client that does not trust the CA fails the handshake") {
        auto answer = incidentd::test::http_request(
            "POST", emulator.url() + "/api/auth.test",
            {{"Authorization", std::string{"Bearer "} + Emulator::bot_token}});
        CHECK(answer.status == 0);
        CHECK_THAT(answer.error, Catch::Contains("handshake"));
    }
    SECTION("Socket Mode URLs are wss:// when TLS is on") {
        auto answer = emulator.api("apps.connections.open", {}, Emulator::app_token).json();
        CHECK(answer["url"].get<std::string>().starts_with("wss://127.0.0.1:"));
    }
}

TEST_CASE("a missing certificate file stops the emulator with a message naming the option") {
    incidentd::test::Process bad(
        INCIDENTD_BINARY_DIR "/slack-emulator",
        {"--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"});
    REQUIRE(bad.wait_exit(std::chrono::milliseconds(3000)));
    CHECK(bad.exit_code() != 0);
    CHECK_THAT(bad.stderr_text(), Catch::Contains("--tls-cert"));
}

TEST_CASE("armed TLS stalls truncate the next handshakes, then the emulator serves HTTPS again") {
    using namespace std::chrono;
    TestCa ca;
    HttpOptions trusting;
    trusting.ca_file = ca.ca_pem();
    Emulator emulator({"--tls-cert", ca.cert_pem(), "--tls-key", ca.key_pem()}, trusting);
    HttpOptions impatient = trusting;
    impatient.timeout = milliseconds(1000);
    auto auth_test = [&] {
        return incidentd::test::http_request(
            "POST", emulator.url() + "/api/auth.test",
            {{"Authorization", std::string{"Bearer "} + Emulator::bot_token}}, "", impatient);
    };

    const std::string mode = GENERATE("silent", "half_hello", "reset");
    INFO("mode " << mode);
    auto armed = emulator.post("tls_stalls", {{"count", 2}, {"mode", mode}, {"hold_ms", 5000}});
    REQUIRE(armed["ok"] == true);
    CHECK(armed["armed"] == 2);

    for (int i = 0; i < 2; ++i) {
        const auto started = steady_clock::now();
        auto stalled = auth_test();
        const auto took = steady_clock::now() - started;
        INFO("the handshake failed after " << duration_cast<milliseconds>(took).count()
                                           << " ms: " << stalled.error);
        CHECK(stalled.status == 0);
        CHECK_THAT(stalled.error, Catch::Contains("handshake"));
        // A reset ends the handshake at once, with its own error; the others last until the
        // client gives up after its 1 s timeout ("timeout", or "timed out"). Which of the two
        // ended it is told by the error, not by a time.
        if (mode == "reset") {
            CHECK_THAT(stalled.error, !Catch::Contains("time"));
        } else {
            CHECK_THAT(stalled.error, Catch::Contains("time"));
            CHECK(took >= milliseconds(900));
        }
    }
    auto healthy = auth_test();
    REQUIRE(healthy.error.empty());
    CHECK(healthy.json()["ok"] == true);
    auto state = emulator.get("tls_stalls");
    CHECK(state["armed"] == 0);
    CHECK(state["stalled"] == 2);
}

TEST_CASE("TLS stalls cannot be armed on a plain-HTTP emulator or with an unknown mode") {
    Emulator plain;
    auto refused = plain.post("tls_stalls", {{"count", 1}});
    CHECK(refused["ok"] == false);
    CHECK_THAT(refused["error"].get<std::string>(), Catch::Contains("--tls-cert"));

    TestCa ca;
    HttpOptions trusting;
    trusting.ca_file = ca.ca_pem();
    Emulator secure({"--tls-cert", ca.cert_pem(), "--tls-key", ca.key_pem()}, trusting);
    auto unknown = secure.post("tls_stalls", {{"mode", "sleepy"}});
    CHECK(unknown["ok"] == false);
    CHECK_THAT(unknown["error"].get<std::string>(), Catch::Contains("silent, half_hello or reset"));
    CHECK(secure.get("tls_stalls")["armed"] == 0);
}
