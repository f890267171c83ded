// Names Slack puts on the wire around a payload: HTTP headers, content types and the envelope
// `type`s. Payload field names live in the from_json functions beside their types.
#pragma once

#include <string_view>

namespace incidentd::slack::wire {

inline constexpr std::string_view events_path = "/slack/events";

inline constexpr std::string_view request_timestamp_header = "X-Slack-Request-Timestamp";
inline constexpr std::string_view signature_header = "X-Slack-Signature";
inline constexpr std::string_view retry_num_header = "X-Slack-Retry-Num";
inline constexpr std::string_view retry_reason_header = "X-Slack-Retry-Reason";
// An answer carrying this header (value "1") stops Slack retrying that delivery.
inline constexpr std::string_view no_retry_header = "X-Slack-No-Retry";

inline constexpr std::string_view json_content_type = "application/json";
inline constexpr std::string_view form_content_type = "application/x-www-form-urlencoded";

inline constexpr std::string_view event_callback_type = "event_callback";
inline constexpr std::string_view url_verification_type = "url_verification";
inline constexpr std::string_view app_rate_limited_type = "app_rate_limited";

inline constexpr std::string_view interaction_payload_field = "payload";
inline constexpr std::string_view slash_command_field = "command";

}  // namespace incidentd::slack::wire
