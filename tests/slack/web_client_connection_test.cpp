// How the Web API client uses connections, against a small loopback server that counts them:
// keep-alive reuse, reconnecting when the server dropped one, and the request's headers.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "run_coroutine.hpp"
#include "slack/form.hpp"
#include "slack/web_client.hpp"
#include "support/loopback_http_server.hpp"

using namespace incidentd::slack;
using incidentd::test::LoopbackHttpServer;
using incidentd::test::run_coroutine;
using incidentd::test::web_api_answer;
using namespace std::chrono_literals;

namespace {

WebClientOptions loopback_options(const LoopbackHttpServer& server) {
    WebClientOptions options;
    options.api_url = server.api_url();
    options.connect_timeout = 2s;
    options.request_timeout = 2s;
    options.call_deadline = 5s;
    options.retry.initial_backoff = 20ms;
    options.pacing.enabled = false;
    return options;
}

boost::asio::awaitable<int> call_times(WebClient& client, int times) {
    int ok = 0;
    for (int i = 0; i < times; ++i) {
        auto result = co_await client.call("auth.test");
        if (result.ok()) ++ok;
    }
    co_return ok;
}

// Posts, each after a pause in which the server's close of an idle connection arrives.
boost::asio::awaitable<int> paused_posts(WebClient& client, int times) {
    int ok = 0;
    const nlohmann::json args = {{"channel", "C1"}};
    for (int i = 0; i < times; ++i) {
        auto result = co_await client.call("chat.postMessage", args);
        if (result.ok()) ++ok;
        boost::asio::steady_timer pause(co_await boost::asio::this_coro::executor, 50ms);
        co_await pause.async_wait(boost::asio::use_awaitable);
    }
    co_return ok;
}

}  // namespace

TEST_CASE("consecutive calls reuse one keep-alive connection") {
    LoopbackHttpServer server(web_api_answer());
    boost::asio::io_context io;
    WebClient client(io.get_executor(), "xoxb-token", loopback_options(server));

    CHECK(run_coroutine(io, call_times(client, 5)) == 5);
    CHECK(server.requests().size() == 5);
    CHECK(server.connections() == 1);
    CHECK(client.counts().connections_opened == 1);
}

TEST_CASE("a connection the server dropped after answering is replaced without a failed call") {
    LoopbackHttpServer server(web_api_answer(), LoopbackHttpServer::AfterAnswer::close);
    boost::asio::io_context io;
    WebClient client(io.get_executor(), "xoxb-token", loopback_options(server));

    CHECK(run_coroutine(io, call_times(client, 4)) == 4);
    CHECK(server.requests().size() == 4);
    CHECK(server.connections() == 4);
    // The stale connection is noticed on use and not counted as a retry of the call.
    CHECK(client.counts().retries == 0);
}

TEST_CASE("a post is not written into a pooled connection its server already closed") {
    LoopbackHttpServer server(web_api_answer(), LoopbackHttpServer::AfterAnswer::close);
    boost::asio::io_context io;
    WebClient client(io.get_executor(), "xoxb-token", loopback_options(server));
    // Written into the closed connection, a post would meet a closed connection with no answer,
    // which it could not tell from Slack having posted it: it would fail as "answer lost".
    CHECK(run_coroutine(io, paused_posts(client, 3)) == 3);
    CHECK(server.requests().size() == 3);
    CHECK(server.connections() == 3);
}

TEST_CASE("a post whose answer is lost is not sent again by the client") {
    struct Loss {
        std::string name;
        LoopbackHttpServer::Answer answer = web_api_answer();
    };
    const auto answer = [](int status, std::string body, bool drop = false) {
        LoopbackHttpServer::Answer a = web_api_answer(status, std::move(body));
        a.drop = drop;
        return a;
    };
    const std::vector<Loss> losses{
        {"HTTP 500", answer(500, R"({"ok":false,"error":"fatal_error"})")},
        {"internal_error", answer(200, R"({"ok":false,"error":"internal_error"})")},
        {"a connection closed after the request was read", answer(200, "", true)},
    };
    for (const Loss& loss : losses) {
        for (const bool reused : {false, true}) {
            DYNAMIC_SECTION(loss.name << (reused ? " on a reused connection" : "")) {
                int posts = 0;
                LoopbackHttpServer server([&](const LoopbackHttpServer::Request& r) {
                    if (r.target != "/api/chat.postMessage") return web_api_answer();
                    ++posts;
                    return loss.answer;
                });
                boost::asio::io_context io;
                WebClient client(io.get_executor(), "xoxb-token", loopback_options(server));
                if (reused) REQUIRE(run_coroutine(io, call_times(client, 1)) == 1);

                const nlohmann::json args = {{"channel", "C1"}};
                const ApiResult result = run_coroutine(io, client.call("chat.postMessage", args));
                REQUIRE_FALSE(result.ok());
                CHECK(posts == 1);
                CHECK(result.attempts() == 1);
                CHECK(client.counts().retries == 0);
            }
        }
    }
}

TEST_CASE("a call that is safe to repeat is sent again after its answer was lost") {
    int updates = 0;
    LoopbackHttpServer server([&](const LoopbackHttpServer::Request&) {
        LoopbackHttpServer::Answer answer = web_api_answer();
        if (++updates == 1) answer.drop = true;
        return answer;
    });
    boost::asio::io_context io;
    WebClient client(io.get_executor(), "xoxb-token", loopback_options(server));

    const nlohmann::json args = {{"channel", "C1"}, {"ts", "1.2"}};
    const ApiResult result = run_coroutine(io, client.call("chat.update", args));
    CHECK(result.ok());
    CHECK(updates == 2);
}

TEST_CASE("an answer saying Connection: close is not kept for reuse") {
    LoopbackHttpServer server([](const LoopbackHttpServer::Request&) {
        LoopbackHttpServer::Answer answer = web_api_answer();
        answer.headers.emplace_back("Connection", "close");
        return answer;
    });
    boost::asio::io_context io;
    WebClient client(io.get_executor(), "xoxb-token", loopback_options(server));

    CHECK(run_coroutine(io, call_times(client, 3)) == 3);
    CHECK(server.connections() == 3);
    CHECK(client.counts().connections_opened == 3);
}

TEST_CASE("a request carries the bearer token, the method's path and its content type") {
    LoopbackHttpServer server(web_api_answer());
    boost::asio::io_context io;
    WebClient client(io.get_executor(), "xoxb-the-token", loopback_options(server));

    SECTION("a form method") {
        nlohmann::json files = nlohmann::json::array({{{"id", "F1"}, {"title", "notes"}}});
        auto result = run_coroutine(
            io,
            client.call("files.completeUploadExternal",
                        {{"files", files}, {"channel_id", "C1"}, {"initial_comment", "a b&c"}}));
        REQUIRE(result.ok());
        auto received = server.requests();
        REQUIRE(received.size() == 1);
        CHECK(received[0].target == "/api/files.completeUploadExternal");
        CHECK(received[0].header("authorization") == "Bearer xoxb-the-token");
        CHECK(received[0].header("content-type") == "application/x-www-form-urlencoded");
        auto fields = parse_form(received[0].body);
        REQUIRE(fields);
        CHECK(nlohmann::json::parse(fields->at("files")) == files);
        CHECK(fields->at("initial_comment") == "a b&c");
    }
    SECTION("a JSON method") {
        auto result = run_coroutine(
            io, client.call("conversations.invite", {{"channel", "C1"}, {"users", "U1,U2"}}));
        REQUIRE(result.ok());
        auto received = server.requests();
        REQUIRE(received.size() == 1);
        CHECK(received[0].target == "/api/conversations.invite");
        CHECK(received[0].header("content-type") == "application/json; charset=utf-8");
        CHECK(nlohmann::json::parse(received[0].body) ==
              nlohmann::json{{"channel", "C1"}, {"users", "U1,U2"}});
    }
}

TEST_CASE("an answer that is not Slack's JSON is reported as an invalid response") {
    LoopbackHttpServer server([](const LoopbackHttpServer::Request&) {
        LoopbackHttpServer::Answer answer = web_api_answer();
        answer.body = "<html>captive portal</html>";
        return answer;
    });
    boost::asio::io_context io;
    WebClient client(io.get_executor(), "xoxb-token", loopback_options(server));
    auto result = run_coroutine(io, client.call("auth.test"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.error_code() == "invalid_response");
    CHECK(result.attempts() == 1);
}

TEST_CASE("bytes posted to an upload URL go as they are and without the token") {
    LoopbackHttpServer server([](const LoopbackHttpServer::Request&) {
        LoopbackHttpServer::Answer answer = web_api_answer();
        answer.body = "OK - 5";
        return answer;
    });
    boost::asio::io_context io;
    WebClient client(io.get_executor(), "xoxb-the-token", loopback_options(server));
    const std::string upload_url =
        "http://127.0.0.1:" + std::to_string(server.port()) + "/upload/v1/F1?sig=abc";

    auto result = run_coroutine(
        io, client.post_bytes(upload_url, "application/octet-stream", std::string("a\0b\nc", 5)));
    REQUIRE(result.ok());
    CHECK(result.body().is_null());
    auto received = server.requests();
    REQUIRE(received.size() == 1);
    CHECK(received[0].target == "/upload/v1/F1?sig=abc");
    CHECK(received[0].header("authorization").empty());
    CHECK(received[0].header("content-type") == "application/octet-stream");
    CHECK(received[0].body == std::string("a\0b\nc", 5));
    CHECK(client.counts().calls_of("upload", "ok") == 1);
}

TEST_CASE("an upload URL that is plain http to another host is refused without a request") {
    boost::asio::io_context io;
    WebClientOptions options;
    WebClient client(io.get_executor(), "xoxb-the-token", options);
    auto result = run_coroutine(
        io, client.post_bytes("http://files.example.com/upload/F1", "text/plain", "x"));
    REQUIRE_FALSE(result.ok());
    CHECK(result.attempts() == 0);
    CHECK_THAT(result.error().message, Catch::Contains("not a loopback host"));
}
