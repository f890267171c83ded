// Which failed calls are worth repeating and how long to wait before the next try: exponential
// backoff with jitter, so many clients recovering from one outage do not retry in step.
#pragma once

#include <chrono>
#include <random>
#include <string_view>

#include "slack/api_result.hpp"
#include "slack/web_client_options.hpp"

namespace incidentd::slack {

// True for failures that may pass on their own: 429, 5xx, timeouts, dropped connections and
// Slack's ratelimited / internal_error / fatal_error / service_unavailable / request_timeout.
// False for the rest (invalid_auth, channel_not_found, name_taken, a failed certificate check…).
bool is_transient(const ApiError& error);

// True when the request may have reached Slack and been carried out although no answer came (a
// timeout or a connection lost while waiting): the call's outcome is unknown.
bool answer_lost(const ApiError& error);

// True for methods that, sent twice, do their effect twice (a second post, a second file share, a
// second bookmark). After a lost answer such a call is not repeated blindly: the caller (the
// outbox) looks for the effect before it tries again.
bool repeats_effect(std::string_view method);

// The wait before retry number `retry` (1 for the first): initial_backoff doubled per retry, capped
// at max_backoff, then a random point in its upper half.
std::chrono::milliseconds backoff_delay(int retry, const RetryOptions& options,
                                        std::mt19937_64& random);

}  // namespace incidentd::slack
