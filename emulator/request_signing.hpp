// How Slack signs what it sends to an app (events, slash commands, interactivity): the emulator's
// own HMAC, so that incidentd's verification is checked against Slack's scheme, not against itself.
#pragma once

#include <string>
#include <string_view>

namespace incidentd::emulator {

// X-Slack-Signature for `body` sent at `timestamp` (X-Slack-Request-Timestamp, Unix seconds):
// "v0=" and the lowercase hex HMAC-SHA256 of "v0:<timestamp>:<body>" keyed with the app's
// signing secret.
std::string slack_signature(std::string_view signing_secret, std::string_view timestamp,
                            std::string_view body);

}  // namespace incidentd::emulator
