// Which failures are retried, and how the wait between tries grows.
#include <catch2/catch.hpp>

#include <set>

#include "slack/retry_policy.hpp"

using namespace incidentd::slack;
using namespace std::chrono_literals;

namespace {

ApiError slack_error(std::string code, int status = 200) {
    return {ErrorKind::slack, std::move(code), status, "", std::nullopt};
}

}  // namespace

TEST_CASE("Slack's transient error codes are retried, permanent ones are not") {
    for (const char* code : {"ratelimited", "internal_error", "fatal_error", "service_unavailable",
                             "request_timeout"}) {
        INFO(code);
        CHECK(is_transient(slack_error(code)));
    }
    for (const char* code : {"invalid_auth", "channel_not_found", "name_taken",
                             "already_in_channel", "not_in_channel", "missing_scope"}) {
        INFO(code);
        CHECK_FALSE(is_transient(slack_error(code)));
    }
    CHECK(is_transient(slack_error("ratelimited", 429)));
}

TEST_CASE("HTTP 5xx and 429 are retried, other statuses are not") {
    CHECK(is_transient({ErrorKind::http, "http_500", 500, "", std::nullopt}));
    CHECK(is_transient({ErrorKind::http, "http_503", 503, "", std::nullopt}));
    CHECK_FALSE(is_transient({ErrorKind::http, "http_404", 404, "", std::nullopt}));
    CHECK_FALSE(is_transient({ErrorKind::http, "http_400", 400, "", std::nullopt}));
    CHECK_FALSE(is_transient({ErrorKind::http, "invalid_response", 200, "", std::nullopt}));
}

TEST_CASE("transport failures are retried except a certificate that does not verify") {
    for (auto code : {transport_error::connection_refused, transport_error::timeout,
                      transport_error::connection_closed, transport_error::resolve_failed}) {
        INFO(code);
        CHECK(is_transient({ErrorKind::transport, std::string{code}, 0, "", std::nullopt}));
    }
    CHECK_FALSE(
        is_transient({ErrorKind::transport, std::string{transport_error::tls_verification_failed},
                      0, "", std::nullopt}));
    CHECK_FALSE(is_transient({ErrorKind::transport, std::string{transport_error::deadline_exceeded},
                              0, "", std::nullopt}));
}

TEST_CASE("backoff doubles per retry within its upper half and stops growing at the cap") {
    RetryOptions options;
    options.initial_backoff = 100ms;
    options.max_backoff = 1000ms;
    std::mt19937_64 random(42);
    for (int i = 0; i < 50; ++i) {
        auto first = backoff_delay(1, options, random);
        CHECK(first >= 50ms);
        CHECK(first <= 100ms);
        auto third = backoff_delay(3, options, random);
        CHECK(third >= 200ms);
        CHECK(third <= 400ms);
        auto tenth = backoff_delay(10, options, random);
        CHECK(tenth >= 500ms);
        CHECK(tenth <= 1000ms);
    }
}

TEST_CASE("backoff is jittered, so clients do not retry in step") {
    RetryOptions options;
    options.initial_backoff = 1000ms;
    std::mt19937_64 random(7);
    std::set<std::int64_t> seen;
    for (int i = 0; i < 20; ++i)
        seen.insert(backoff_delay(1, options, random).count());
    CHECK(seen.size() > 10);
}

TEST_CASE("any answer that is not a clear one leaves the outcome unknown") {
    auto transport = [](std::string_view code) {
        return ApiError{ErrorKind::transport, std::string(code), 0, "", std::nullopt};
    };
    SECTION("a timeout or a connection lost after the request was sent") {
        CHECK(answer_lost(transport(transport_error::timeout)));
        CHECK(answer_lost(transport(transport_error::connection_closed)));
    }
    SECTION("any 5xx, whatever its body says") {
        CHECK(answer_lost({ErrorKind::http, "http_500", 500, "", std::nullopt}));
        CHECK(answer_lost({ErrorKind::http, "http_503", 503, "", std::nullopt}));
        CHECK(answer_lost({ErrorKind::http, "fatal_error", 502, "", std::nullopt}));
    }
    SECTION("Slack's codes for an operation that may have partly succeeded") {
        for (const char* code :
             {"internal_error", "fatal_error", "request_timeout", "service_unavailable"}) {
            INFO(code);
            CHECK(answer_lost(slack_error(code)));
        }
    }
    SECTION("but not a failure before the request reached Slack, nor a clear refusal") {
        CHECK_FALSE(answer_lost(transport(transport_error::connection_refused)));
        CHECK_FALSE(answer_lost(transport(transport_error::tls_handshake_failed)));
        CHECK_FALSE(answer_lost(transport(transport_error::resolve_failed)));
        CHECK_FALSE(answer_lost(slack_error("ratelimited", 429)));
        CHECK_FALSE(answer_lost(slack_error("channel_not_found")));
        CHECK_FALSE(answer_lost({ErrorKind::http, "http_404", 404, "", std::nullopt}));
    }
}

TEST_CASE("posts, uploads and bookmarks repeat their effect when sent twice; reads do not") {
    for (const char* method : {"chat.postMessage", "chat.postEphemeral",
                               "files.completeUploadExternal", "bookmarks.add"})
        CHECK(repeats_effect(method));
    for (const char* method :
         {"chat.update", "conversations.archive", "conversations.info", "pins.add", "auth.test"})
        CHECK_FALSE(repeats_effect(method));
}

TEST_CASE("after a lost answer only calls that are safe to repeat are sent again blind") {
    for (const char* method : {"chat.postMessage", "files.completeUploadExternal", "bookmarks.add"})
        CHECK_FALSE(resend_after_lost_answer(method));  // looked up first, by the outbox
    for (const char* method :
         {"chat.update", "conversations.archive", "pins.add", "auth.test", "conversations.history"})
        CHECK(resend_after_lost_answer(method));
    // Cannot be looked up; shown twice is harmless, lost is not.
    CHECK(resend_after_lost_answer("chat.postEphemeral"));
}
