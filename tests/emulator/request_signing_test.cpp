// The emulator signs what it sends to the app as Slack does, with code of its own: checked here
// against the example in Slack's documentation, not against incidentd's verification.
#include <catch2/catch.hpp>

#include <string>

#include "emulator/request_signing.hpp"

using incidentd::emulator::slack_signature;

TEST_CASE("the emulator's signature of Slack's documented example is Slack's") {
    const std::string secret = "8f742231b10e8888abcd99yyyzzz85a5";
    const std::string timestamp = "1531420618";
    const std::string body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id="
        "G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-"
        "collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%"
        "2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
        "803a0bc887a14d10d2c447fce8b6703c";
    CHECK(slack_signature(secret, timestamp, body) ==
          "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
}

TEST_CASE("the signature covers the secret, the timestamp and every byte of the body") {
    const std::string signature = slack_signature("secret", "1700000000", "a=1");
    CHECK(signature.starts_with("v0="));
    CHECK(signature.size() == 3 + 64);  // lowercase hex of 32 bytes
    CHECK(slack_signature("secret", "1700000000", "a=1") == signature);
    CHECK(slack_signature("Secret", "1700000000", "a=1") != signature);
    CHECK(slack_signature("secret", "1700000001", "a=1") != signature);
    CHECK(slack_signature("secret", "1700000000", "a=2") != signature);
    CHECK(slack_signature("secret", "1700000000", std::string("a=1\0", 4)) != signature);
}
