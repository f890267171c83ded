// Slack request signing (v0): HMAC-SHA256 over "v0:<timestamp>:<raw body>" keyed with the signing
// secret. Verified before anything in a request is parsed.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace incidentd::slack {

// "v0=<lowercase hex>" for the given timestamp (Unix seconds, as sent) and raw body.
std::string compute_signature(std::string_view signing_secret, std::string_view timestamp,
                              std::string_view body);

enum class SignatureCheck {
    valid,
    missing_headers,      // no X-Slack-Request-Timestamp or X-Slack-Signature
    malformed_timestamp,  // not a Unix time in seconds
    stale_timestamp,      // outside the replay window
    mismatch,             // the HMAC does not match
};
std::string_view to_string(SignatureCheck c);

inline constexpr std::chrono::seconds replay_window{300};

// Checks the two headers' values against the raw body. `now` is passed in so tests need no clock.
SignatureCheck verify_signature(std::string_view signing_secret, std::string_view timestamp_header,
                                std::string_view signature_header, std::string_view body,
                                std::chrono::system_clock::time_point now,
                                std::chrono::seconds window = replay_window);

}  // namespace incidentd::slack
