// Request signing as Slack documents it, with Slack's own worked example as the test vector.
#include <catch2/catch.hpp>

#include "slack/signature.hpp"

using namespace incidentd::slack;
using namespace std::chrono;

namespace {
const std::string secret = "8f742231b10e8888abcd99yyyzzz85a5";
const std::string timestamp = "1531420618";
const std::string body =
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&"
    "channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&"
    "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%"
    "2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121."
    "803a0bc887a14d10d2c447fce8b6703c";
const std::string expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
const system_clock::time_point sent{seconds{1531420618}};
}  // namespace

TEST_CASE("the signature of Slack's documented example matches Slack's documented value") {
    CHECK(compute_signature(secret, timestamp, body) == expected);
}

TEST_CASE("a request signed with the signing secret within five minutes is valid") {
    CHECK(verify_signature(secret, timestamp, expected, body, sent) == SignatureCheck::valid);
    CHECK(verify_signature(secret, timestamp, expected, body, sent + seconds{299}) ==
          SignatureCheck::valid);
    CHECK(verify_signature(secret, timestamp, expected, body, sent - seconds{299}) ==
          SignatureCheck::valid);
}

TEST_CASE("a request outside the five-minute replay window is refused even with a good signature") {
    CHECK(verify_signature(secret, timestamp, expected, body, sent + seconds{301}) ==
          SignatureCheck::stale_timestamp);
    CHECK(verify_signature(secret, timestamp, expected, body, sent - seconds{301}) ==
          SignatureCheck::stale_timestamp);
}

TEST_CASE("any change to the body, the timestamp, the secret or the signature is a mismatch") {
    SECTION("one byte of the body") {
        std::string changed = body;
        changed[10] ^= 1;
        CHECK(verify_signature(secret, timestamp, expected, changed, sent) ==
              SignatureCheck::mismatch);
    }
    SECTION("a body with a byte appended") {
        CHECK(verify_signature(secret, timestamp, expected, body + "&", sent) ==
              SignatureCheck::mismatch);
    }
    SECTION("the timestamp the signature was made for") {
        CHECK(verify_signature(secret, "1531420619", expected, body, sent) ==
              SignatureCheck::mismatch);
    }
    SECTION("another secret") {
        CHECK(verify_signature("another-secret", timestamp, expected, body, sent) ==
              SignatureCheck::mismatch);
    }
    SECTION("a truncated or upper-case signature") {
        CHECK(verify_signature(secret, timestamp, expected.substr(0, 40), body, sent) ==
              SignatureCheck::mismatch);
        std::string upper = expected;
        for (char& c : upper)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CHECK(verify_signature(secret, timestamp, upper, body, sent) == SignatureCheck::mismatch);
    }
}

TEST_CASE("a timestamp beyond the clock's range is stale even when correctly signed") {
    // Found by fuzz_inbound: seconds past 2262 overflowed the clock's nanoseconds, and this one
    // (sent + 2^64 ns, in seconds) wrapped around to within the replay window.
    const std::string far_future = std::to_string(1531420618LL + 18446744074LL);
    const std::string signature = compute_signature(secret, far_future, body);
    CHECK(verify_signature(secret, far_future, signature, body, sent) ==
          SignatureCheck::stale_timestamp);
    CHECK(verify_signature(secret, "9223372036854775807", expected, body, sent) ==
          SignatureCheck::stale_timestamp);
}

TEST_CASE("missing or malformed signature headers are told apart from a mismatch") {
    CHECK(verify_signature(secret, "", expected, body, sent) == SignatureCheck::missing_headers);
    CHECK(verify_signature(secret, timestamp, "", body, sent) == SignatureCheck::missing_headers);
    CHECK(verify_signature(secret, "15314x0618", expected, body, sent) ==
          SignatureCheck::malformed_timestamp);
    CHECK(verify_signature(secret, "-1531420618", expected, body, sent) ==
          SignatureCheck::malformed_timestamp);
}
