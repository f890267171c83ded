// Transient-error classification and jittered exponential backoff.
#include "slack/retry_policy.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace incidentd::slack {
namespace {

constexpr std::array<std::string_view, 5> transient_slack_codes = {
    "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"};

// Slack's codes for a call that failed part way, or whose end it could not see.
constexpr std::array<std::string_view, 4> unclear_slack_codes = {
    "internal_error", "fatal_error", "service_unavailable", "request_timeout"};

template <std::size_t N>
bool listed(const std::array<std::string_view, N>& list, std::string_view item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

constexpr std::array<std::string_view, 5> effect_repeating_methods = {
    "chat.postMessage", "chat.postEphemeral", "chat.meMessage", "files.completeUploadExternal",
    "bookmarks.add"};

}  // namespace

bool answer_lost(const ApiError& error) {
    switch (error.kind) {
        case ErrorKind::transport:
            return error.code == transport_error::timeout ||
                   error.code == transport_error::connection_closed;
        case ErrorKind::http:
            return error.http_status >= 500;
        case ErrorKind::slack:
            return error.http_status >= 500 || listed(unclear_slack_codes, error.code);
    }
    return false;
}

bool repeats_effect(std::string_view method) {
    return listed(effect_repeating_methods, method);
}

bool resend_after_lost_answer(std::string_view method) {
    return !repeats_effect(method) || method == "chat.postEphemeral";
}

bool is_transient(const ApiError& error) {
    switch (error.kind) {
        case ErrorKind::slack:
            return error.http_status == 429 || listed(transient_slack_codes, error.code);
        case ErrorKind::http:
            return error.http_status == 429 || error.http_status >= 500 || error.http_status == 408;
        case ErrorKind::transport:
            // A certificate that does not verify will not verify on the next try either; a call
            // out of time has no time left to retry in.
            return error.code != transport_error::tls_verification_failed &&
                   error.code != transport_error::deadline_exceeded;
    }
    return false;
}

std::chrono::milliseconds backoff_delay(int retry, const RetryOptions& options,
                                        std::mt19937_64& random) {
    const auto cap = std::max<std::int64_t>(options.max_backoff.count(), 1);
    std::int64_t full = std::max<std::int64_t>(options.initial_backoff.count(), 1);
    for (int i = 1; i < retry && full < cap; ++i)
        full *= 2;
    full = std::min(full, cap);
    std::uniform_int_distribution<std::int64_t> upper_half(full - full / 2, full);
    return std::chrono::milliseconds{upper_half(random)};
}

}  // namespace incidentd::slack
