// HTTPS on the emulator's one port, with a throwaway CA.
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
