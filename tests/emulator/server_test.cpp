// The emulator process: how it starts, announces its URL, documents its options and stops.
#include <signal.h>
#include <catch2/catch.hpp>

#include "support/emulator.hpp"

using incidentd::test::Emulator;
using incidentd::test::Process;

TEST_CASE("the emulator prints one line with its URL once it listens") {
    Emulator emulator;
    CHECK(emulator.url().starts_with("http://127.0.0.1:"));
    CHECK(emulator.url() != "http://127.0.0.1:0");
    CHECK(emulator.get("health")["ok"] == true);
    CHECK(emulator.process().stdout_text() ==
          std::string{Emulator::listening_prefix} + emulator.url() + "\n");
}

TEST_CASE("SIGTERM stops the emulator cleanly") {
    Emulator emulator;
    kill(emulator.process().pid(), SIGTERM);
    emulator.process().stop(std::chrono::milliseconds(3000));
    CHECK(emulator.process().exit_code() == 0);
}

TEST_CASE("--help documents every option") {
    Process help(INCIDENTD_BINARY_DIR "/slack-emulator", {"--help"});
    REQUIRE(help.wait_exit(std::chrono::milliseconds(3000)));
    for (const char* option :
         {"--listen", "--tls-cert", "--tls-key", "--request-url", "--signing-secret", "--bot-token",
          "--app-token", "--ack-timeout-ms", "--retry-delays-ms", "--rate-limits",
          "--rate-limit-scale", "--no-url-verification", "--log-level"}) {
        CHECK_THAT(help.stdout_text(), Catch::Contains(option));
    }
    CHECK(help.exit_code() == 0);
}

TEST_CASE("a bad option is refused with a message naming it") {
    Process bad(INCIDENTD_BINARY_DIR "/slack-emulator", {"--retry-delays-ms", "soon"});
    REQUIRE(bad.wait_exit(std::chrono::milliseconds(3000)));
    CHECK(bad.exit_code() != 0);
    CHECK_THAT(bad.stderr_text(), Catch::Contains("--retry-delays-ms"));
}

TEST_CASE("an unknown path answers 404 naming where the APIs are") {
    Emulator emulator;
    auto answer = incidentd::test::http_request("GET", emulator.url() + "/nowhere");
    CHECK(answer.status == 404);
    CHECK_THAT(answer.body, Catch::Contains("/api/"));
}
