// Which failed calls are worth repeating and how long to wait before the next try: exponential
// backoff with jitter, so many clients recovering from one outage do not retry in step.
#pragma once

#include <chrono>
#include <random>

#include "slack/api_result.hpp"
#include "slack/web_client_options.hpp"

namespace incidentd::slack {

// True for failures that may pass on their own: 429, 5xx, timeouts, dropped connections and
// Slack's ratelimited / internal_error / fatal_error / service_unavailable / request_timeout.
// False for the rest (invalid_auth, channel_not_found, name_taken, a failed certificate check…).
bool is_transient(const ApiError& error);

// The wait before retry number `retry` (1 for the first): initial_backoff doubled per retry, capped
// at max_backoff, then a random point in its upper half.
std::chrono::milliseconds backoff_delay(int retry, const RetryOptions& options,
                                        std::mt19937_64& random);

}  // namespace incidentd::slack
