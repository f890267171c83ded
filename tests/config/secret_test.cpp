// Secret: printing never shows the value.
#include <catch2/catch.hpp>

#include <sstream>

#include "config/secret.hpp"

using incidentd::config::Secret;

TEST_CASE("a secret prints as where it came from, never as its value") {
    const Secret secret("xoxb-LEAKCHECK", "SLACK_BOT_TOKEN_FILE");
    std::ostringstream out;
    out << secret;
    CHECK(out.str() == "set (from SLACK_BOT_TOKEN_FILE)");
    CHECK(secret.masked() == "set (from SLACK_BOT_TOKEN_FILE)");
    CHECK(secret.reveal() == "xoxb-LEAKCHECK");
}

TEST_CASE("a secret that is not set says so") {
    const Secret secret;
    std::ostringstream out;
    out << secret;
    CHECK_FALSE(secret.is_set());
    CHECK(out.str() == "not set");
}
