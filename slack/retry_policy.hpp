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

// True when the request may have reached Slack and been carried out although no clear answer
// came: a timeout or a connection lost after the request was sent, any 5xx, and Slack's
// internal_error, fatal_error, request_timeout and service_unavailable ("it's possible some
// aspect of the operation succeeded before the error was raised"). The call's outcome is unknown.
bool answer_lost(const ApiError& error);

// True for methods that, sent twice, do their effect twice (a second post, a second file share, a
// second bookmark, a second ephemeral message).
bool repeats_effect(std::string_view method);

// Whether a call whose answer was lost may simply be sent again. Not for a method that repeats
// its effect: the caller (the outbox) looks the effect up first (the post by its metadata, the
// file by its name in the thread, the bookmark in bookmarks.list) and does it only if it is not
// there. chat.postEphemeral is the exception: an ephemeral message cannot be looked up, and one
// shown twice is harmless where one lost (a refusal, an answer) is not, so it is sent again.
bool resend_after_lost_answer(std::string_view method);

// The wait before retry number `retry` (1 for the first): initial_backoff doubled per retry, capped
// at max_backoff, then a random point in its upper half.
std::chrono::milliseconds backoff_delay(int retry, const RetryOptions& options,
                                        std::mt19937_64& random);

}  // namespace incidentd::slack
