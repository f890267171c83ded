// Socket Mode frames as values: what Slack sends over the WebSocket (hello, envelopes, disconnect
// requests) decoded from text, and the ack frame an envelope is answered with.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "slack/http_receiver.hpp"
#include "slack/inbound.hpp"

namespace incidentd::slack {

// {"type":"hello",…}: the link is ready for envelopes.
struct SocketHello {
    int num_connections = 0;
};

// One delivery. `inbound` holds the decoded payload or why it could not be decoded; either way
// the envelope id is known, so the envelope can still be acknowledged.
struct SocketEnvelope {
    std::string envelope_id;
    std::string type;  // "events_api", "slash_commands", "interactive"
    bool accepts_response_payload = false;
    DeliveryMeta meta;  // retry_attempt and retry_reason
    Decoded<Inbound> inbound = DecodeError{"not decoded"};
};

enum class DisconnectReason { warning, refresh_requested, link_disabled, other };
std::string_view to_string(DisconnectReason reason);

// {"type":"disconnect","reason":…}
struct SocketDisconnect {
    DisconnectReason reason = DisconnectReason::other;
    std::string reason_name;  // as sent, for logs
};

// A frame that is not JSON, or JSON that is no frame we know and carries no envelope id.
struct SocketUnknownFrame {
    std::string what;
};

using SocketFrame = std::variant<SocketHello, SocketEnvelope, SocketDisconnect, SocketUnknownFrame>;

SocketFrame decode_socket_frame(std::string_view text);

// The ack for an envelope the handler answered with `reply`, or nothing when the reply is not 2xx:
// an envelope is acknowledged only once it is stored, and Slack redelivers an un-acked one. The
// reply body goes along as "payload" when Slack accepts one and the body is a JSON object (a
// slash command's plain-text answer goes as {"text": body}, as Slack shows it over HTTP). A non-2xx
// reply with X-Slack-No-Retry: 1 is acked bare, since over HTTP that header ends Slack's retries.
std::optional<std::string> ack_frame(const SocketEnvelope& envelope, const DeliveryAnswer& reply);

// The plain ack, for envelopes that are acknowledged without a handler (undecodable ones).
std::string bare_ack_frame(std::string_view envelope_id);

}  // namespace incidentd::slack
