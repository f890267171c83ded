// The client paces itself so Slack rarely needs to answer 429: chat.postMessage about once a
// second per channel (scaled down here), while other channels are not held back.
#include <catch2/catch.hpp>

#include <future>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include "loopback_http_server.hpp"
#include "run_coroutine.hpp"
#include "slack/web_client.hpp"

using namespace incidentd::slack;
using incidentd::test::LoopbackHttpServer;
using incidentd::test::run_coroutine;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

WebClientOptions paced_options(const LoopbackHttpServer& server) {
    WebClientOptions options;
    options.api_url = server.api_url();
    options.call_deadline = 10s;
    options.pacing.post_interval = 200ms;
    options.pacing.post_burst = 1;
    return options;
}

// Posts to each channel in `channels` at once, as concurrent calls; the time they all took.
boost::asio::awaitable<Clock::duration> post_concurrently(WebClient& client,
                                                          std::vector<std::string> channels) {
    const auto start = Clock::now();
    auto executor = co_await boost::asio::this_coro::executor;
    std::vector<std::future<ApiResult>> results;
    for (const auto& channel : channels) {
        results.push_back(boost::asio::co_spawn(
            executor, client.call("chat.postMessage", {{"channel", channel}, {"text", "update"}}),
            boost::asio::use_future));
    }
    // The posts run on this io_context; wait for them without blocking it.
    boost::asio::steady_timer tick(executor);
    for (auto& result : results) {
        while (result.wait_for(0s) != std::future_status::ready) {
            tick.expires_after(5ms);
            co_await tick.async_wait(boost::asio::use_awaitable);
        }
        CHECK(result.get().ok());
    }
    co_return Clock::now() - start;
}

}  // namespace

TEST_CASE("posts to one channel are spaced by the post interval") {
    LoopbackHttpServer server;
    boost::asio::io_context io;
    WebClient client(io.get_executor(), "xoxb-token", paced_options(server));

    const auto took = run_coroutine(io, post_concurrently(client, {"C1", "C1", "C1", "C1", "C1"}));
    // Five posts: four intervals of 200 ms.
    CHECK(took >= 780ms);
    CHECK(took < 1500ms);
    auto received = server.received();
    REQUIRE(received.size() == 5);
    for (std::size_t i = 1; i < received.size(); ++i) {
        CHECK(received[i].at - received[i - 1].at >= 180ms);
    }
}

TEST_CASE("posts to different channels are not held back by each other") {
    LoopbackHttpServer server;
    boost::asio::io_context io;
    WebClient client(io.get_executor(), "xoxb-token", paced_options(server));

    const auto took = run_coroutine(io, post_concurrently(client, {"C1", "C2", "C3", "C4", "C5"}));
    CHECK(took < 180ms);
    CHECK(server.received().size() == 5);
}

TEST_CASE("a burst of posts goes at once and the rest follow at the interval") {
    LoopbackHttpServer server;
    boost::asio::io_context io;
    WebClientOptions options = paced_options(server);
    options.pacing.post_burst = 3;
    WebClient client(io.get_executor(), "xoxb-token", options);

    const auto took = run_coroutine(io, post_concurrently(client, {"C1", "C1", "C1", "C1", "C1"}));
    // Three at once, then two intervals.
    CHECK(took >= 380ms);
    CHECK(took < 780ms);
}

TEST_CASE("with pacing off posts to one channel are not held back") {
    LoopbackHttpServer server;
    boost::asio::io_context io;
    WebClientOptions options = paced_options(server);
    options.pacing.enabled = false;
    WebClient client(io.get_executor(), "xoxb-token", options);

    const auto took = run_coroutine(io, post_concurrently(client, {"C1", "C1", "C1", "C1"}));
    CHECK(took < 180ms);
}

TEST_CASE("a call whose pacing would pass its deadline fails at once with deadline_exceeded") {
    LoopbackHttpServer server;
    boost::asio::io_context io;
    WebClientOptions options = paced_options(server);
    options.pacing.post_interval = 5s;
    options.call_deadline = 1s;
    WebClient client(io.get_executor(), "xoxb-token", options);

    auto first = run_coroutine(io, client.call("chat.postMessage", {{"channel", "C1"}}));
    CHECK(first.ok());
    const auto start = Clock::now();
    auto second = run_coroutine(io, client.call("chat.postMessage", {{"channel", "C1"}}));
    CHECK(Clock::now() - start < 500ms);
    CHECK(second.error_code() == "deadline_exceeded");
    CHECK(server.received().size() == 1);
}
