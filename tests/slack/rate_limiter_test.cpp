// Client-side pacing schedules, driven by a fake "now" so no test sleeps.
#include <catch2/catch.hpp>

#include "slack/rate_limiter.hpp"

using namespace incidentd::slack;
using namespace std::chrono_literals;
using Clock = RateLimiter::Clock;

TEST_CASE("posts to one channel go a burst at once, then one per interval") {
    PacingOptions options;
    options.post_interval = 1000ms;
    options.post_burst = 3;
    RateLimiter limiter(options);
    const auto t0 = Clock::now();
    CHECK(limiter.reserve("chat.postMessage", "C1", t0) == t0);
    CHECK(limiter.reserve("chat.postMessage", "C1", t0) == t0);
    CHECK(limiter.reserve("chat.postMessage", "C1", t0) == t0);
    CHECK(limiter.reserve("chat.postMessage", "C1", t0) == t0 + 1s);
    CHECK(limiter.reserve("chat.postMessage", "C1", t0) == t0 + 2s);

    SECTION("another channel is not held back") {
        CHECK(limiter.reserve("chat.postMessage", "C2", t0) == t0);
    }
    SECTION("after a quiet spell the burst is available again") {
        const auto later = t0 + 10s;
        CHECK(limiter.reserve("chat.postMessage", "C1", later) == later);
        CHECK(limiter.reserve("chat.postMessage", "C1", later) == later);
        CHECK(limiter.reserve("chat.postMessage", "C1", later) == later);
        CHECK(limiter.reserve("chat.postMessage", "C1", later) == later + 1s);
    }
}

TEST_CASE("a tier's calls are spaced at its calls a minute after a tenth of them at once") {
    RateLimiter limiter(PacingOptions{});
    const auto t0 = Clock::now();
    // Tier 2: 20 a minute, two at once, then one every 3 s.
    CHECK(limiter.reserve("conversations.create", "", t0) == t0);
    CHECK(limiter.reserve("conversations.create", "", t0) == t0);
    CHECK(limiter.reserve("conversations.create", "", t0) == t0 + 3s);
    // Tier 1: one a minute.
    CHECK(limiter.reserve("apps.connections.open", "", t0) == t0);
    CHECK(limiter.reserve("apps.connections.open", "", t0) == t0 + 60s);
}

TEST_CASE("tier_scale speeds pacing up for tests") {
    PacingOptions options;
    options.tier_scale = 60.0;
    RateLimiter limiter(options);
    const auto t0 = Clock::now();
    CHECK(limiter.reserve("apps.connections.open", "", t0) == t0);
    CHECK(limiter.reserve("apps.connections.open", "", t0) == t0 + 1s);
}

TEST_CASE("a 429 holds the method until Retry-After has passed") {
    RateLimiter limiter(PacingOptions{});
    const auto t0 = Clock::now();
    limiter.hold("users.info", "", t0 + 5s);
    CHECK(limiter.reserve("users.info", "", t0) == t0 + 5s);
    CHECK(limiter.reserve("auth.test", "", t0) == t0);
}

TEST_CASE("with pacing off every call may go at once") {
    PacingOptions options;
    options.enabled = false;
    RateLimiter limiter(options);
    const auto t0 = Clock::now();
    for (int i = 0; i < 10; ++i)
        CHECK(limiter.reserve("chat.postMessage", "C1", t0) == t0);
}

TEST_CASE("a post without a channel is not paced") {
    RateLimiter limiter(PacingOptions{});
    const auto t0 = Clock::now();
    for (int i = 0; i < 5; ++i)
        CHECK(limiter.reserve("chat.postMessage", "", t0) == t0);
}
