// The HTTP receiver over real loopback sockets: signatures checked before anything else, the
// handler's reply as the answer, limits, timeouts, the connection cap and a graceful stop.
#include <array>
#include <vector>

#include <catch2/catch.hpp>

#include "receiver_fixture.hpp"
#include "slack/form.hpp"
#include "support/hang_bound.hpp"

using namespace incidentd;
using namespace incidentd::test;
using namespace std::chrono;
using slack::RequestOutcome;

TEST_CASE("a correctly signed event reaches the handler and its reply is the HTTP answer") {
    RunningReceiver running;
    running.handler_delay = milliseconds(300);
    running.answer = [](const slack::Inbound&) {
        return slack::DeliveryAnswer{
            200, "application/json", R"({"ok":true})", {{"X-Slack-No-Retry", "1"}}};
    };
    const std::string body = message_event_body("Ev0001", "checkout p99 is 4s");

    const auto started = steady_clock::now();
    auto result = running.post_signed(body);
    const auto took = steady_clock::now() - started;

    REQUIRE(result.error == "");
    CHECK(result.status == 200);
    CHECK(result.body == R"({"ok":true})");
    CHECK(result.header("content-type") == "application/json");
    CHECK(result.header("x-slack-no-retry") == "1");
    SECTION("the answer waits for the handler to finish") {
        CHECK(took >= milliseconds(300));
    }
    SECTION("the handler gets the decoded event, its raw body and the delivery metadata") {
        auto calls = running.calls();
        REQUIRE(calls.size() == 1);
        auto& callback = std::get<slack::EventCallback>(calls[0].inbound);
        CHECK(callback.event_id == "Ev0001");
        CHECK(callback.raw == body);
        CHECK(std::get<slack::MessageEvent>(callback.event).text == "checkout p99 is 4s");
        CHECK(calls[0].meta.retry_num == 0);
        CHECK(running.receiver().stats().count(RequestOutcome::handled) == 1);
    }
}

TEST_CASE("a retried delivery reaches the handler with its retry number and reason") {
    RunningReceiver running;
    const std::string body = message_event_body("Ev0002", "retry");
    auto headers = slack_headers(body);
    headers.emplace_back("X-Slack-Retry-Num", "2");
    headers.emplace_back("X-Slack-Retry-Reason", "http_timeout");
    auto result = http_request("POST", running.url(), headers, body);
    CHECK(result.status == 200);
    auto calls = running.calls();
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].meta.retry_num == 2);
    CHECK(calls[0].meta.retry_reason == "http_timeout");
}

TEST_CASE("slash commands and interactions arrive as their typed values") {
    RunningReceiver running;
    const std::string form = "application/x-www-form-urlencoded";
    SECTION("a slash command") {
        const std::string body = slack::encode_form({{"command", "/incident"},
                                                     {"text", "declare sev2 checkout"},
                                                     {"user_id", "U0ALICE"},
                                                     {"channel_id", "C0GENERAL"}});
        CHECK(running.post_signed(body, form).status == 200);
        REQUIRE(running.calls().size() == 1);
        CHECK(std::get<slack::SlashCommand>(running.calls()[0].inbound).text ==
              "declare sev2 checkout");
    }
    SECTION("an interaction") {
        const std::string body = slack::encode_form(
            {{"payload", R"({"type":"block_actions","user":{"id":"U0ALICE"},"actions":[]})"}});
        CHECK(running.post_signed(body, form).status == 200);
        REQUIRE(running.calls().size() == 1);
        CHECK(std::get<slack::Interaction>(running.calls()[0].inbound).user.id == "U0ALICE");
    }
}

TEST_CASE("a bad, missing or stale signature gets 401 and nothing reaches the handler") {
    RunningReceiver running;
    const std::string body = message_event_body("Ev0003", "forged");
    HttpResult result;
    SECTION("signed with another secret") {
        result = http_request(
            "POST", running.url(),
            slack_headers(body, "application/json", system_clock::now(), "not-the-secret"), body);
        CHECK(result.body == "request refused: signature mismatch\n");
    }
    SECTION("signed for another body") {
        result = http_request("POST", running.url(), slack_headers(body + " ", "application/json"),
                              body);
        CHECK(result.body == "request refused: signature mismatch\n");
    }
    SECTION("without signature headers") {
        result = http_request("POST", running.url(), {{"Content-Type", "application/json"}}, body);
        CHECK(result.body == "request refused: missing signature headers\n");
    }
    SECTION("signed ten minutes ago") {
        result = http_request(
            "POST", running.url(),
            slack_headers(body, "application/json", system_clock::now() - minutes(10)), body);
        CHECK(result.body == "request refused: request timestamp outside the replay window\n");
    }
    SECTION("malformed JSON with a bad signature is refused for the signature, not the JSON") {
        result = http_request(
            "POST", running.url(),
            slack_headers("{", "application/json", system_clock::now(), "not-the-secret"), "{");
    }
    CHECK(result.status == 401);
    CHECK(running.calls().empty());
    CHECK(running.receiver().stats().count(RequestOutcome::unauthorized) == 1);
}

TEST_CASE("malformed input with a good signature gets 400 naming the problem") {
    RunningReceiver running;
    SECTION("JSON that does not parse") {
        auto result = running.post_signed(R"({"type":"event_callback",)");
        CHECK(result.status == 400);
        CHECK(result.body.starts_with("bad request: event body is not valid JSON"));
    }
    SECTION("an event with a field of the wrong type") {
        auto result = running.post_signed(
            R"({"type":"event_callback","event_id":"Ev1","event":{"type":"message","ts":5}})");
        CHECK(result.status == 400);
        CHECK(result.body == "bad request: event body: event.ts must be a string, not a number\n");
    }
    SECTION("a content type Slack does not send") {
        auto result = running.post_signed("hello", "text/plain");
        CHECK(result.status == 400);
    }
    SECTION("a request line that is not HTTP") {
        RawConnection connection;
        REQUIRE_FALSE(connection.connect(running.port()));
        REQUIRE_FALSE(connection.write("HELLO /slack/events SMTP/9\r\n\r\n"));
        CHECK(connection.read_response().status == 400);
    }
    CHECK(running.calls().empty());
    CHECK(running.receiver().stats().count(RequestOutcome::malformed) == 1);
}

TEST_CASE("url_verification is answered with the challenge without the handler") {
    RunningReceiver running;
    auto result = running.post_signed(
        R"({"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"})");
    CHECK(result.status == 200);
    CHECK(result.body == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    CHECK(running.calls().empty());
}

TEST_CASE("a handler that fails gets 500 so that Slack retries") {
    RunningReceiver running;
    running.answer = [](const slack::Inbound&) -> slack::DeliveryAnswer {
        throw std::runtime_error("database is locked");
    };
    auto result = running.post_signed(message_event_body("Ev0004", "x"));
    CHECK(result.status == 500);
    CHECK(result.body.find("database") == std::string::npos);
    CHECK(running.receiver().stats().count(RequestOutcome::handler_failed) == 1);
}

TEST_CASE("bodies over 1 MiB get 413 and headers over the limit get 431") {
    RunningReceiver running;
    SECTION("a 2 MiB body") {
        const std::string body(2 * 1024 * 1024, 'x');
        auto result = running.post_signed(body);
        CHECK(result.status == 413);
        CHECK(running.receiver().stats().count(RequestOutcome::body_too_large) == 1);
    }
    SECTION("a body just under the limit is read whole") {
        const std::string body = R"({"type":"url_verification","challenge":")" +
                                 std::string(1024 * 1024 - 100, 'c') + "\"}";
        auto result = running.post_signed(body);
        CHECK(result.status == 200);
        CHECK(result.body.size() == 1024 * 1024 - 100);
    }
    SECTION("20 KiB of headers") {
        const std::string body = message_event_body("Ev0005", "x");
        auto headers = slack_headers(body);
        headers.emplace_back("X-Padding", std::string(20 * 1024, 'p'));
        auto result = http_request("POST", running.url(), headers, body);
        CHECK(result.status == 431);
        CHECK(running.receiver().stats().count(RequestOutcome::headers_too_large) == 1);
    }
    CHECK(running.calls().empty());
}

TEST_CASE(
    "health, readiness and metrics use their handlers, and other paths and methods are refused") {
    RunningReceiver running;
    SECTION("a probe with a handler answers with it") {
        auto result = http_request("GET", running.url("/healthz"));
        CHECK(result.status == 200);
        CHECK(result.body == "ok");
        CHECK(running.receiver().stats().count(RequestOutcome::probe) == 1);
    }
    SECTION("a probe without a handler is not found") {
        CHECK(http_request("GET", running.url("/metrics")).status == 404);
    }
    SECTION("an unknown path is not found") {
        CHECK(http_request("GET", running.url("/admin")).status == 404);
        CHECK(http_request("POST", running.url("/slack/events/extra")).status == 404);
    }
    SECTION("the wrong method is not allowed and says which one is") {
        auto get_events = http_request("GET", running.url("/slack/events"));
        CHECK(get_events.status == 405);
        CHECK(get_events.header("allow") == "POST");
        auto post_health = http_request("POST", running.url("/healthz"));
        CHECK(post_health.status == 405);
        CHECK(post_health.header("allow") == "GET");
    }
    CHECK(running.calls().empty());
}

TEST_CASE("keep-alive serves several requests on one connection") {
    RunningReceiver running;
    RawConnection connection;
    REQUIRE_FALSE(connection.connect(running.port()));
    for (int i = 0; i < 3; ++i) {
        const std::string body = message_event_body("Ev10" + std::to_string(i), "x");
        REQUIRE_FALSE(connection.send(signed_request(body)));
        auto result = connection.read_response();
        REQUIRE(result.status == 200);
        CHECK(result.header("connection") != "close");
    }
    SECTION("and closes it after a request that asks for that") {
        REQUIRE_FALSE(connection.send(signed_request(message_event_body("Ev1099", "x"), false)));
        CHECK(connection.read_response().status == 200);
        CHECK(connection.closed_within(seconds(2)));
    }
    CHECK(running.calls().size() >= 3);
    CHECK(running.receiver().stats().connections_accepted == 1);
}

TEST_CASE("a client that trickles its headers is cut off after the header timeout") {
    RunningReceiver running;  // header timeout 300 ms, idle timeout 5 s
    RawConnection connection;
    REQUIRE_FALSE(connection.connect(running.port()));
    REQUIRE_FALSE(connection.write("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    const auto started = steady_clock::now();
    bool cut = false;
    // One header line every 50 ms, each well inside the timeout, for 60 lines: at least 3 s, ten
    // times the header timeout. A timeout that each line restarted would never cut it; the
    // trickle's end is the hang bound.
    for (int i = 0; i < 60 && !cut; ++i) {
        cut = connection.closed_within(milliseconds(50)) ||
              connection.write("X-Slow-" + std::to_string(i) + ": a\r\n").failed();
    }
    const auto took = steady_clock::now() - started;
    INFO("cut after " << duration_cast<milliseconds>(took).count() << " ms");
    CHECK(cut);
    CHECK(took >= milliseconds(250));
    CHECK(running.calls().empty());
    CHECK(eventually([&] { return running.receiver().stats().connections_timed_out == 1; }));
}

TEST_CASE("a client that trickles its body is cut off after the body timeout") {
    RunningReceiver running;  // body timeout 300 ms
    RawConnection connection;
    REQUIRE_FALSE(connection.connect(running.port()));
    const std::string body = message_event_body("Ev0006", "x");
    std::string head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " +
                       std::to_string(body.size()) + "\r\n";
    for (const auto& [name, value] : slack_headers(body))
        head += name + ": " + value + "\r\n";
    REQUIRE_FALSE(connection.write(head + "\r\n"));
    bool cut = false;
    for (std::size_t i = 0; i < body.size() && i < 60 && !cut; ++i) {
        cut = connection.closed_within(milliseconds(50)) ||
              connection.write(body.substr(i, 1)).failed();
    }
    CHECK(cut);
    CHECK(running.calls().empty());
    CHECK(eventually([&] { return running.receiver().stats().connections_timed_out == 1; }));
}

TEST_CASE(
    "at the cap, a connection in the middle of a request keeps its place and a new one is "
    "closed at once") {
    auto options = test_options();
    options.max_connections = 2;
    options.header_timeout = seconds(5);  // the held requests must outlast the test's steps
    RunningReceiver running(options);
    std::array<RawConnection, 2> held;
    for (auto& connection : held) {
        REQUIRE_FALSE(connection.connect(running.port()));
        REQUIRE_FALSE(connection.write("POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    }
    // Both must be past their first byte (not merely accepted), or the newcomer evicts one.
    REQUIRE(eventually([&] { return running.receiver().stats().connections_in_request == 2; }));
    RawConnection excess;
    REQUIRE_FALSE(excess.connect(running.port()));
    CHECK(excess.closed_within(seconds(2)));
    CHECK(running.receiver().stats().connections_refused == 1);
    CHECK(running.receiver().stats().connections_evicted == 0);

    SECTION("and accepted again once a held connection closes") {
        held[0].close();
        int status = 0;
        for (int attempt = 0; attempt < 40 && status != 200; ++attempt) {
            RawConnection next;
            if (next.connect(running.port()) ||
                next.send(signed_request(message_event_body("Ev2001", "x"))))
                continue;
            status = next.read_response(milliseconds(500)).status;
            if (status != 200) std::this_thread::sleep_for(milliseconds(50));
        }
        CHECK(status == 200);
    }
}

TEST_CASE("at the cap, a new connection takes the place of the longest-idle kept-alive one") {
    auto options = test_options();
    options.max_connections = 2;
    RunningReceiver running(options);
    std::array<RawConnection, 2> held;
    for (auto& connection : held) {
        REQUIRE_FALSE(connection.connect(running.port()));
        REQUIRE_FALSE(connection.send(signed_request(message_event_body("Ev2000", "x"))));
        REQUIRE(connection.read_response().status == 200);
        std::this_thread::sleep_for(milliseconds(20));  // held[0] has idled longer
    }
    RawConnection newcomer;
    REQUIRE_FALSE(newcomer.connect(running.port()));
    REQUIRE_FALSE(newcomer.send(signed_request(message_event_body("Ev2002", "x"))));
    CHECK(newcomer.read_response(seconds(2)).status == 200);
    CHECK(held[0].closed_within(seconds(2)));
    REQUIRE_FALSE(held[1].send(signed_request(message_event_body("Ev2003", "x"))));
    CHECK(held[1].read_response(seconds(2)).status == 200);
    auto stats = running.receiver().stats();
    CHECK(stats.connections_evicted == 1);
    CHECK(stats.connections_refused == 0);
    CHECK(stats.connections_open == 2);
}

TEST_CASE(
    "a connection that sends nothing is closed after the first-byte timeout, a kept-alive "
    "one is not") {
    auto options = test_options();
    options.first_byte_timeout = milliseconds(300);
    // Far from the first-byte timeout, so that which of the two closed the silent connection is
    // plain: the 5 s bound below sits between them.
    options.idle_timeout = seconds(30);
    RunningReceiver running(options);
    RawConnection kept;
    REQUIRE_FALSE(kept.connect(running.port()));
    REQUIRE_FALSE(kept.send(signed_request(message_event_body("Ev2010", "x"))));
    REQUIRE(kept.read_response().status == 200);

    RawConnection silent;
    const auto started = steady_clock::now();
    REQUIRE_FALSE(silent.connect(running.port()));
    // Expected at 300 ms; the bound is 16 times that, and 6 times less than the idle timeout.
    CHECK(silent.closed_within(seconds(5)));
    const auto took = steady_clock::now() - started;
    INFO("closed after " << duration_cast<milliseconds>(took).count() << " ms");
    CHECK(took >= milliseconds(250));

    REQUIRE_FALSE(kept.send(signed_request(message_event_body("Ev2011", "x"))));
    CHECK(kept.read_response().status == 200);
}

TEST_CASE("hundreds of silent connections do not keep a signed request out") {
    auto options = test_options();
    options.max_connections = 16;
    // A silent connection is never let go by its own timeout during the test: only eviction can
    // make room.
    options.first_byte_timeout = seconds(30);
    RunningReceiver running(options);
    std::vector<RawConnection> silent(200);
    for (auto& connection : silent)
        REQUIRE_FALSE(connection.connect(running.port()));
    REQUIRE(eventually([&] { return running.receiver().stats().connections_accepted >= 200; }));

    const auto started = steady_clock::now();
    auto result = running.post_signed(message_event_body("Ev2020", "still heard"));
    const auto took = steady_clock::now() - started;
    CHECK(result.status == 200);
    // Answered at once, by evicting silent connections; one that waited for a place to free up
    // would wait for the 30 s first-byte timeout (and the client gives up after 5 s).
    CHECK_THAT(took, under_hang_bound(seconds(3)));
    auto stats = running.receiver().stats();
    CHECK(stats.connections_open <= 16);
    CHECK(stats.connections_evicted >= 200 - 16);
    CHECK(stats.connections_refused == 0);
}

TEST_CASE("stop() lets an in-flight request finish, closes idle connections and refuses new ones") {
    auto options = test_options();
    // Far longer than the request's 500 ms, so that a stop that waited for the grace instead of
    // the request shows: it could not finish within the 5 s stop() allows below.
    options.stop_grace = seconds(30);
    RunningReceiver running(options);
    running.handler_delay = milliseconds(500);

    RawConnection idle;
    REQUIRE_FALSE(idle.connect(running.port()));
    REQUIRE_FALSE(idle.send(signed_request(message_event_body("Ev3000", "x"))));
    REQUIRE(idle.read_response().status == 200);

    auto in_flight = std::async(std::launch::async, [&] {
        return running.post_signed(message_event_body("Ev3001", "in flight"));
    });
    REQUIRE(running.wait_for_calls(2, seconds(2)));

    const auto stop_started = steady_clock::now();
    // It waits for the request (at most 500 ms), not for the 30 s grace: 5 s is 10 times the one
    // and a sixth of the other.
    const bool stopped = running.stop(seconds(5));
    const auto stop_took = steady_clock::now() - stop_started;
    INFO("stop() took " << duration_cast<milliseconds>(stop_took).count() << " ms");
    CHECK(stopped);

    auto result = in_flight.get();
    CHECK(result.status == 200);
    CHECK(result.body == "recorded");
    CHECK(result.header("connection") == "close");
    CHECK(idle.closed_within(seconds(2)));  // closed by the stop, long before its idle timeout

    RawConnection late;
    CHECK(late.connect(running.port()).failed());
}

TEST_CASE("stop() cuts a request that outlasts the grace period") {
    auto options = test_options();
    options.stop_grace = milliseconds(200);
    RunningReceiver running(options);
    // Far longer than the stop may take, so that a stop that waited for the request shows.
    running.handler_delay = seconds(30);
    auto in_flight = std::async(std::launch::async, [&] {
        return running.post_signed(message_event_body("Ev3002", "slow"));
    });
    REQUIRE(running.wait_for_calls(1, seconds(2)));
    const auto stop_started = steady_clock::now();
    // The grace (200 ms), then the receiver closes the connection and gives the handler, which
    // still runs, 1 s more: about 1.2 s. 10 s is 8 times that, and a third of the request's 30 s.
    const bool stopped = running.stop(seconds(10));
    INFO("stop() took " << duration_cast<milliseconds>(steady_clock::now() - stop_started).count()
                        << " ms");
    CHECK(stopped);
    CHECK(in_flight.get().status == 0);
}

TEST_CASE("listening on port 0 reports the bound port, and a taken port or no secret is an error") {
    RunningReceiver first;
    CHECK(first.port() != 0);
    boost::asio::io_context io;
    SECTION("the same port again") {
        auto options = test_options();
        options.port = first.port();
        slack::HttpReceiver second(
            io.get_executor(), options,
            {[](slack::Inbound,
                slack::DeliveryMeta) -> boost::asio::awaitable<slack::DeliveryAnswer> {
                 co_return slack::DeliveryAnswer{};
             },
             {},
             {},
             {}});
        auto problem = second.listen();
        REQUIRE(problem);
        CHECK(problem->starts_with("cannot listen on 127.0.0.1:" + std::to_string(first.port())));
    }
    SECTION("no signing secret") {
        auto options = test_options();
        options.signing_secret.clear();
        slack::HttpReceiver second(
            io.get_executor(), options,
            {[](slack::Inbound,
                slack::DeliveryMeta) -> boost::asio::awaitable<slack::DeliveryAnswer> {
                 co_return slack::DeliveryAnswer{};
             },
             {},
             {},
             {}});
        auto problem = second.listen();
        REQUIRE(problem);
        CHECK(problem->find("SLACK_SIGNING_SECRET") != std::string::npos);
    }
}

TEST_CASE("without an inbound handler only the probes are served and no signing secret is needed") {
    auto options = test_options();
    options.signing_secret.clear();
    boost::asio::io_context io;
    slack::HttpReceiver receiver(io.get_executor(), options,
                                 {{},
                                  [] {
                                      return slack::DeliveryAnswer{200, "text/plain", "ok", {}};
                                  },
                                  {},
                                  {}});
    REQUIRE_FALSE(receiver.listen());
    std::thread runner([&] { io.run_for(seconds(5)); });
    const std::string base = "http://127.0.0.1:" + std::to_string(receiver.port());
    CHECK(http_request("GET", base + "/healthz").status == 200);
    const std::string body = message_event_body("Ev4001", "hi");
    const auto events = http_request("POST", base + "/slack/events", slack_headers(body), body);
    CHECK(events.status == 404);
    CHECK(events.body.find("Socket Mode") != std::string::npos);
    io.stop();
    runner.join();
}
