// The Web API client against the real Slack emulator over loopback: bodies, Slack's errors by
// name, 429 and 5xx handling, TLS verification and the refusal of plain http to other hosts.
#include <catch2/catch.hpp>

#include <chrono>

#include <boost/asio/io_context.hpp>

#include "run_coroutine.hpp"
#include "slack/web_client.hpp"
#include "support/emulator.hpp"
#include "support/hang_bound.hpp"
#include "support/test_ca.hpp"

using namespace incidentd::slack;
using incidentd::test::Emulator;
using incidentd::test::run_coroutine;
using incidentd::test::under_hang_bound;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

WebClientOptions fast_options(const std::string& base_url) {
    WebClientOptions options;
    options.api_url = base_url + "/api/";
    options.connect_timeout = 2s;
    options.request_timeout = 2s;
    options.call_deadline = 10s;
    options.retry.initial_backoff = 50ms;
    options.retry.max_backoff = 200ms;
    options.pacing.enabled = false;
    return options;
}

nlohmann::json calls_of(const Emulator& emulator, const std::string& method) {
    return emulator.get("calls?method=" + method)["calls"];
}

}  // namespace

TEST_CASE("a call succeeds with a JSON body for write methods and a form body for the rest") {
    Emulator emulator;
    boost::asio::io_context io;
    WebClient client(io.get_executor(), Emulator::bot_token, fast_options(emulator.url()));

    SECTION("chat.postMessage goes as JSON and its answer comes back") {
        nlohmann::json blocks = nlohmann::json::array(
            {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "*hello*"}}}}});
        auto result = run_coroutine(
            io, client.call("chat.postMessage",
                            {{"channel", "C0INCIDENTS"}, {"text", "hello"}, {"blocks", blocks}}));
        INFO(result.error_code());
        REQUIRE(result.ok());
        CHECK(result.attempts() == 1);
        CHECK(result.body()["channel"] == "C0INCIDENTS");
        CHECK_FALSE(result.body()["ts"].get<std::string>().empty());

        auto calls = calls_of(emulator, "chat.postMessage");
        REQUIRE(calls.size() == 1);
        CHECK(calls[0]["json_body"] == true);
        CHECK(calls[0]["args"]["text"] == "hello");
        CHECK(calls[0]["args"]["blocks"] == blocks);
    }
    SECTION("users.info goes as a form and reads the user") {
        auto result = run_coroutine(io, client.call("users.info", {{"user", "U0ALICE"}}));
        REQUIRE(result.ok());
        CHECK(result.body()["user"]["id"] == "U0ALICE");

        auto calls = calls_of(emulator, "users.info");
        REQUIRE(calls.size() == 1);
        CHECK(calls[0]["json_body"] == false);
        CHECK(calls[0]["args"]["user"] == "U0ALICE");
    }
    SECTION("the calls are counted by method and outcome") {
        run_coroutine(io, client.call("auth.test"));
        run_coroutine(io, client.call("conversations.info", {{"channel", "C0NOSUCH"}}));
        auto counts = client.counts();
        CHECK(counts.calls_of("auth.test", "ok") == 1);
        CHECK(counts.calls_of("conversations.info", "slack") == 1);
        CHECK(counts.retries == 0);
    }
}

TEST_CASE("Slack's error code is surfaced by name and a permanent error is not retried") {
    Emulator emulator;
    boost::asio::io_context io;
    WebClient client(io.get_executor(), Emulator::bot_token, fast_options(emulator.url()));

    SECTION("name_taken for a channel name already in use") {
        auto first =
            run_coroutine(io, client.call("conversations.create", {{"name", "inc-1-db-down"}}));
        REQUIRE(first.ok());
        auto second =
            run_coroutine(io, client.call("conversations.create", {{"name", "inc-1-db-down"}}));
        REQUIRE_FALSE(second.ok());
        CHECK(second.error().kind == ErrorKind::slack);
        CHECK(second.error_code() == "name_taken");
        CHECK(second.error().http_status == 200);
        CHECK(second.attempts() == 1);
        CHECK(second.body()["ok"] == false);
        CHECK_THAT(second.error().message,
                   Catch::Contains("conversations.create") && Catch::Contains("name_taken"));
        CHECK(calls_of(emulator, "conversations.create").size() == 2);
    }
    SECTION("channel_not_found for an unknown channel") {
        auto result = run_coroutine(io, client.call("conversations.info", {{"channel", "C0NOPE"}}));
        CHECK(result.error_code() == "channel_not_found");
        CHECK(calls_of(emulator, "conversations.info").size() == 1);
    }
    SECTION("invalid_auth for a wrong token, which never shows in the message") {
        WebClient wrong(io.get_executor(), "xoxb-not-the-right-token-123",
                        fast_options(emulator.url()));
        auto result = run_coroutine(io, wrong.call("auth.test"));
        CHECK(result.error_code() == "invalid_auth");
        CHECK(result.attempts() == 1);
        CHECK_THAT(result.error().message, !Catch::Contains("xoxb-not-the-right-token-123"));
    }
}

TEST_CASE("a 429 is waited out for Retry-After seconds and the call then succeeds") {
    Emulator emulator;
    boost::asio::io_context io;
    WebClient client(io.get_executor(), Emulator::bot_token, fast_options(emulator.url()));
    emulator.post("faults",
                  {{"kind", "rate_limited"}, {"method", "auth.test"}, {"retry_after", 1}});

    const auto start = Clock::now();
    auto result = run_coroutine(io, client.call("auth.test"));
    const auto waited = Clock::now() - start;

    REQUIRE(result.ok());
    CHECK(result.attempts() == 2);
    CHECK(waited >= 950ms);
    // The wait is Retry-After's 1 s; 8 s (8 times that) only catches a wait that does not end.
    CHECK_THAT(waited, under_hang_bound(8s));
    CHECK(client.counts().rate_limited == 1);
    CHECK(client.counts().retries == 1);
    CHECK(calls_of(emulator, "auth.test").size() == 2);
}

TEST_CASE("a Retry-After longer than the call may wait is returned for the caller to schedule") {
    Emulator emulator;
    boost::asio::io_context io;
    WebClientOptions options = fast_options(emulator.url());
    options.retry.max_retry_after = 1s;
    // Room for the 30 s wait, so that only max_retry_after can be what refuses it.
    options.call_deadline = 60s;
    WebClient client(io.get_executor(), Emulator::bot_token, options);
    emulator.post(
        "faults",
        {{"kind", "rate_limited"}, {"method", "conversations.create"}, {"retry_after", 30}});

    const auto start = Clock::now();
    auto result = run_coroutine(io, client.call("conversations.create", {{"name", "inc-2"}}));
    const auto took = Clock::now() - start;
    REQUIRE_FALSE(result.ok());
    CHECK(result.error_code() == "ratelimited");
    CHECK(result.error().http_status == 429);
    REQUIRE(result.error().retry_after);
    CHECK(*result.error().retry_after == 30s);
    // Not waited out: a call that waited would have been sent again (and succeeded).
    CHECK(result.attempts() == 1);
    CHECK(client.counts().retries == 0);
    // Returned at once, not after the 30 s: 10 s sits far from both.
    CHECK_THAT(took, under_hang_bound(10s));
}

TEST_CASE("5xx answers are retried with backoff up to the bound and then reported") {
    Emulator emulator;
    boost::asio::io_context io;
    WebClientOptions options = fast_options(emulator.url());
    options.retry.max_attempts = 3;
    options.retry.initial_backoff = 200ms;
    options.retry.max_backoff = 1s;
    WebClient client(io.get_executor(), Emulator::bot_token, options);

    SECTION("a lasting failure is reported after max_attempts with the status and Slack's code") {
        emulator.post(
            "faults",
            {{"kind", "server_error"}, {"method", "auth.test"}, {"status", 503}, {"count", 10}});
        const auto start = Clock::now();
        auto result = run_coroutine(io, client.call("auth.test"));
        const auto took = Clock::now() - start;
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().kind == ErrorKind::http);
        CHECK(result.error().http_status == 503);
        CHECK(result.error_code() == "fatal_error");
        CHECK(result.attempts() == 3);
        CHECK(calls_of(emulator, "auth.test").size() == 3);
        // Backoffs of at least 100 ms and 200 ms (the upper halves of 200 and 400).
        CHECK(took >= 300ms);
        // They are at most 600 ms in all; 6 s (10 times that) only catches a wait that does not
        // end.
        CHECK_THAT(took, under_hang_bound(6s));
        CHECK(client.counts().retries == 2);
        CHECK(client.counts().calls_of("auth.test", "http") == 1);
    }
    SECTION("a passing failure ends in success") {
        emulator.post("faults", {{"kind", "server_error"}, {"method", "auth.test"}, {"count", 2}});
        auto result = run_coroutine(io, client.call("auth.test"));
        REQUIRE(result.ok());
        CHECK(result.attempts() == 3);
    }
    SECTION("a dropped connection is retried like a 5xx") {
        emulator.post("faults", {{"kind", "drop_connection"}, {"method", "auth.test"}});
        auto result = run_coroutine(io, client.call("auth.test"));
        REQUIRE(result.ok());
        CHECK(result.attempts() == 2);
    }
}

TEST_CASE("a slow answer times out and the call's deadline bounds its retries") {
    Emulator emulator;
    boost::asio::io_context io;
    WebClientOptions options = fast_options(emulator.url());
    options.request_timeout = 300ms;
    options.call_deadline = 1s;
    options.retry.max_attempts = 10;
    WebClient client(io.get_executor(), Emulator::bot_token, options);
    emulator.post("faults",
                  {{"kind", "slow"}, {"method", "auth.test"}, {"delay_ms", 3000}, {"count", 10}});

    const auto start = Clock::now();
    auto result = run_coroutine(io, client.call("auth.test"));
    const auto took = Clock::now() - start;
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::transport);
    CHECK((result.error_code() == "timeout" || result.error_code() == "deadline_exceeded"));
    CHECK(result.attempts() >= 2);
    // The deadline, not max_attempts, ended the retries: each attempt lasts its 300 ms timeout,
    // so at most 4 fit in the 1 s deadline, while without it all 10 would be made.
    CHECK(result.attempts() < options.retry.max_attempts);
    // The call ends at its 1 s deadline; 10 s (10 times that) only catches one that hangs.
    CHECK_THAT(took, under_hang_bound(10s));
}

TEST_CASE("a refused connection is reported by name after the retries") {
    boost::asio::io_context io;
    // A port nothing listens on: bind one, note it, close it.
    unsigned short port = 0;
    {
        boost::asio::ip::tcp::acceptor probe(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
        port = probe.local_endpoint().port();
    }
    WebClientOptions options = fast_options("http://127.0.0.1:" + std::to_string(port));
    options.retry.max_attempts = 2;
    WebClient client(io.get_executor(), "xoxb-secret-token", options);
    auto result = run_coroutine(io, client.call("auth.test"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::transport);
    CHECK(result.error_code() == "connection_refused");
    CHECK(result.attempts() == 2);
    CHECK_THAT(result.error().message,
               Catch::Contains("127.0.0.1") && !Catch::Contains("xoxb-secret-token"));
}

TEST_CASE("HTTPS is verified against the configured CA") {
    incidentd::test::TestCa ca;
    incidentd::test::HttpOptions trusting;
    trusting.ca_file = ca.ca_pem();
    Emulator emulator({"--tls-cert", ca.cert_pem(), "--tls-key", ca.key_pem()}, trusting);
    REQUIRE(emulator.url().starts_with("https://127.0.0.1:"));
    boost::asio::io_context io;
    WebClientOptions options = fast_options(emulator.url());

    SECTION("a client given the test CA as ca_file gets answers") {
        options.ca_file = ca.ca_pem();
        WebClient client(io.get_executor(), Emulator::bot_token, options);
        auto result = run_coroutine(io, client.call("auth.test"));
        REQUIRE(result.ok());
        CHECK(result.body()["ok"] == true);
    }
    SECTION("a client that trusts only the system's CAs refuses the certificate, once") {
        WebClient client(io.get_executor(), Emulator::bot_token, options);
        auto result = run_coroutine(io, client.call("auth.test"));
        REQUIRE_FALSE(result.ok());
        CHECK(result.error().kind == ErrorKind::transport);
        CHECK(result.error_code() == "tls_verification_failed");
        CHECK(result.attempts() == 1);
        CHECK_THAT(result.error().message, Catch::Contains("ca_file"));
        CHECK(calls_of(emulator, "auth.test").empty());
    }
    SECTION("a host name is checked against the certificate's names") {
        options.ca_file = ca.ca_pem();
        options.api_url =
            "https://localhost:" + emulator.url().substr(emulator.url().rfind(':') + 1) + "/api/";
        WebClient client(io.get_executor(), Emulator::bot_token, options);
        auto result = run_coroutine(io, client.call("auth.test"));
        CHECK(result.ok());
    }
}

TEST_CASE("the client refuses settings it cannot honour when it is constructed") {
    boost::asio::io_context io;
    WebClientOptions options;

    SECTION("plain http to a host that is not loopback") {
        options.api_url = "http://slack.com/api/";
        CHECK_THROWS_WITH(WebClient(io.get_executor(), "xoxb-t", options),
                          Catch::Contains("api_url") && Catch::Contains("not a loopback host"));
    }
    SECTION("a ca_file that does not exist") {
        options.ca_file = "no-such-dir/ca.pem";
        CHECK_THROWS_WITH(WebClient(io.get_executor(), "xoxb-t", options),
                          Catch::Contains("ca_file") && Catch::Contains("no-such-dir/ca.pem"));
    }
    SECTION("https to any host is accepted") {
        options.api_url = "https://slack.com/api/";
        CHECK_NOTHROW(WebClient(io.get_executor(), "xoxb-t", options));
    }
}
