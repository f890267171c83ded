// The Web API client's settings: where to call, whom to trust, and every delay and bound, so tests
// can shrink them. The token is passed separately so that this struct can be printed and logged.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace incidentd::slack {

struct RetryOptions {
    int max_attempts = 4;  // requests per call, the first included
    std::chrono::milliseconds initial_backoff{500};
    std::chrono::milliseconds max_backoff{30'000};
    // A 429's Retry-After longer than this is not waited out: the error is returned with
    // retry_after set so the caller (the outbox) can schedule the call.
    std::chrono::seconds max_retry_after{120};
};

struct PacingOptions {
    bool enabled = true;
    // Multiplies every tier's calls a minute (2.0 = twice as fast); tests raise it.
    double tier_scale = 1.0;
    // chat.postMessage per channel: one every `post_interval`, `post_burst` at once.
    std::chrono::milliseconds post_interval{1000};
    int post_burst = 3;
};

struct WebClientOptions {
    std::string api_url = "https://slack.com/api/";  // methods are appended
    std::string ca_file;                             // extra PEM CAs to trust ([slack] ca_file)
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds request_timeout{30'000};  // one request, sent to answered
    std::chrono::milliseconds call_deadline{120'000};   // a whole call, waits and retries included
    std::size_t max_idle_connections_per_host = 4;
    std::chrono::milliseconds idle_timeout{
        50'000};  // a pooled connection older than this is closed
    std::size_t max_response_bytes = 16 * 1024 * 1024;
    RetryOptions retry;
    PacingOptions pacing;
    std::string user_agent = "incidentd";
};

}  // namespace incidentd::slack
