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

#include "run_coroutine.hpp"
#include "slack/web_client.hpp"
#include "support/hang_bound.hpp"
#include "support/loopback_http_server.hpp"

using namespace incidentd::slack;
using incidentd::test::LoopbackHttpServer;
using incidentd::test::run_coroutine;
using incidentd::test::under_hang_bound;
using incidentd::test::web_api_answer;
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

// Pacing that no call can wait out: a post the limiter holds back would be sent an hour later,
// past its 10 s deadline, so the client fails it at once with deadline_exceeded and sends nothing
// (see the last test). Which posts were held back is then a count of outcomes, the same on any
// machine, instead of a time.
WebClientOptions unwaitable_pacing(const LoopbackHttpServer& server) {
    WebClientOptions options = paced_options(server);
    options.pacing.post_interval = 1h;
    return options;
}

struct Posts {
    Clock::time_point start;  // before the first post was made
    Clock::duration took{};   // until the last one ended
    std::vector<ApiResult> results;

    std::size_t count(const std::string& error_code) const {
        std::size_t n = 0;
        for (const auto& result : results)
            n += (error_code.empty() ? result.ok() : result.error_code() == error_code) ? 1 : 0;
        return n;
    }
    std::size_t ok() const { return count(""); }
};

// Posts to each channel in `channels` at once, as concurrent calls.
boost::asio::awaitable<Posts> post_concurrently(WebClient& client,
                                                std::vector<std::string> channels) {
    Posts posts;
    posts.start = Clock::now();
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
        posts.results.push_back(result.get());
    }
    posts.took = Clock::now() - posts.start;
    co_return posts;
}

// The k-th request to reach the server (0 for the first) cannot have been sent before its slot:
// (k + 1 - burst) intervals after the posts began, the burst going at once. A lower bound on
// time (less 10 ms of slack), which a loaded machine, making things only later, cannot break.
void check_paced(const Posts& posts, const std::vector<LoopbackHttpServer::Request>& received,
                 int burst, std::chrono::milliseconds interval) {
    using std::chrono::duration_cast;
    using std::chrono::milliseconds;
    for (std::size_t k = static_cast<std::size_t>(burst); k < received.size(); ++k) {
        const auto slot = interval * static_cast<int>(k + 1 - static_cast<std::size_t>(burst));
        const auto arrived = duration_cast<milliseconds>(received[k].at - posts.start);
        INFO("request " << k << " arrived " << arrived.count() << " ms after the posts began; its "
                        << "slot is at " << slot.count() << " ms");
        CHECK(received[k].at - posts.start >= slot - 10ms);
    }
}

}  // namespace

TEST_CASE("posts to one channel are spaced by the post interval") {
    LoopbackHttpServer server(web_api_answer());
    boost::asio::io_context io;
    WebClient client(io.get_executor(), "xoxb-token", paced_options(server));

    const auto posts = run_coroutine(io, post_concurrently(client, {"C1", "C1", "C1", "C1", "C1"}));
    CHECK(posts.ok() == 5);
    const auto received = server.requests();
    REQUIRE(received.size() == 5);
    // Five posts: four intervals of 200 ms, so 800 ms at least.
    check_paced(posts, received, 1, 200ms);
    CHECK(posts.took >= 780ms);
    // 4 s is 5 times the 0.8 s expected, and the least that four intervals of the 1 s default
    // would take: pacing slower than configured cannot pass, nor posts that hang.
    CHECK_THAT(posts.took, under_hang_bound(4s));
}

TEST_CASE("posts to different channels are not held back by each other") {
    LoopbackHttpServer server(web_api_answer());
    boost::asio::io_context io;
    WebClient client(io.get_executor(), "xoxb-token", unwaitable_pacing(server));

    // Each channel's first post goes at once; one held back behind another channel's post would
    // fail with deadline_exceeded.
    const auto posts = run_coroutine(io, post_concurrently(client, {"C1", "C2", "C3", "C4", "C5"}));
    CHECK(posts.ok() == 5);
    CHECK(posts.count("deadline_exceeded") == 0);
    CHECK(server.requests().size() == 5);
}

TEST_CASE("a burst of posts goes at once and the rest follow at the interval") {
    LoopbackHttpServer server(web_api_answer());
    boost::asio::io_context io;

    SECTION("the burst is not held back, the posts after it are") {
        WebClientOptions options = unwaitable_pacing(server);
        options.pacing.post_burst = 3;
        WebClient client(io.get_executor(), "xoxb-token", options);
        const auto posts =
            run_coroutine(io, post_concurrently(client, {"C1", "C1", "C1", "C1", "C1"}));
        CHECK(posts.ok() == 3);
        CHECK(posts.count("deadline_exceeded") == 2);
        CHECK(server.requests().size() == 3);
    }
    SECTION("the posts after the burst are spaced by the interval") {
        WebClientOptions options = paced_options(server);
        options.pacing.post_burst = 3;
        WebClient client(io.get_executor(), "xoxb-token", options);
        const auto posts =
            run_coroutine(io, post_concurrently(client, {"C1", "C1", "C1", "C1", "C1"}));
        CHECK(posts.ok() == 5);
        const auto received = server.requests();
        REQUIRE(received.size() == 5);
        // Three at once, then two intervals of 200 ms.
        check_paced(posts, received, 3, 200ms);
        CHECK(posts.took >= 380ms);
        // 2 s is 5 times the 0.4 s expected, and the least that two intervals of the 1 s default
        // would take.
        CHECK_THAT(posts.took, under_hang_bound(2s));
    }
}

TEST_CASE("with pacing off posts to one channel are not held back") {
    LoopbackHttpServer server(web_api_answer());
    boost::asio::io_context io;
    WebClientOptions options = unwaitable_pacing(server);
    options.pacing.enabled = false;
    WebClient client(io.get_executor(), "xoxb-token", options);

    // Paced, all but the first would fail with deadline_exceeded (as in the burst test).
    const auto posts = run_coroutine(io, post_concurrently(client, {"C1", "C1", "C1", "C1"}));
    CHECK(posts.ok() == 4);
    CHECK(server.requests().size() == 4);
}

TEST_CASE("a call whose pacing would pass its deadline fails at once with deadline_exceeded") {
    LoopbackHttpServer server(web_api_answer());
    boost::asio::io_context io;
    WebClientOptions options = paced_options(server);
    options.pacing.post_interval = 60s;
    options.call_deadline = 10s;
    WebClient client(io.get_executor(), "xoxb-token", options);

    auto first = run_coroutine(io, client.call("chat.postMessage", {{"channel", "C1"}}));
    CHECK(first.ok());
    const auto start = Clock::now();
    auto second = run_coroutine(io, client.call("chat.postMessage", {{"channel", "C1"}}));
    const auto took = Clock::now() - start;
    CHECK(second.error_code() == "deadline_exceeded");
    CHECK(second.attempts() == 0);  // refused before any request was sent
    CHECK(server.requests().size() == 1);
    // At once, not at the deadline: 5 s sits halfway between a few milliseconds and the 10 s
    // deadline a call that waited would have met.
    CHECK_THAT(took, under_hang_bound(5s));
}
