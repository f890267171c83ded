// Decoding Socket Mode frames and building acks; no I/O here.
#include "slack/socket_mode_envelope.hpp"

#include <algorithm>

#include <boost/algorithm/string/predicate.hpp>

#include "slack/json_fields.hpp"
#include "slack/wire_names.hpp"

namespace incidentd::slack {

using nlohmann::json;

namespace {

DisconnectReason disconnect_reason(std::string_view name) {
    if (name == "warning") return DisconnectReason::warning;
    if (name == "refresh_requested") return DisconnectReason::refresh_requested;
    if (name == "link_disabled") return DisconnectReason::link_disabled;
    return DisconnectReason::other;
}

template <class T>
Decoded<Inbound> widen(Decoded<T> decoded) {
    if (auto* error = std::get_if<DecodeError>(&decoded)) return std::move(*error);
    return Inbound{std::move(std::get<T>(decoded))};
}

Decoded<Inbound> decode_payload(const std::string& type, const json& frame) {
    auto payload = frame.find("payload");
    if (payload == frame.end() || !payload->is_object())
        return DecodeError{"envelope: payload is missing or not an object"};
    if (type == "events_api") return decode_event_body(payload->dump());
    if (type == "slash_commands") return widen(decode_slash_command_payload(*payload));
    if (type == "interactive") return widen(decode_interaction_payload(payload->dump()));
    return DecodeError{"envelope: type \"" + type.substr(0, 64) +
                       "\" is not one incidentd knows (events_api, slash_commands, interactive)"};
}

SocketEnvelope decode_envelope(const json& frame, std::string envelope_id) {
    SocketEnvelope envelope;
    envelope.envelope_id = std::move(envelope_id);
    try {
        envelope.type = string_field(frame, "type");
        envelope.accepts_response_payload = bool_field(frame, "accepts_response_payload");
        envelope.meta.retry_num =
            static_cast<int>(optional_integer_field(frame, "retry_attempt").value_or(0));
        envelope.meta.retry_reason = string_field(frame, "retry_reason").substr(0, 64);
    } catch (const FieldError& e) {
        envelope.inbound = DecodeError{"envelope: " + std::string{e.what()}};
        return envelope;
    }
    envelope.inbound = decode_payload(envelope.type, frame);
    return envelope;
}

}  // namespace

std::string_view to_string(DisconnectReason reason) {
    switch (reason) {
        case DisconnectReason::warning:
            return "warning";
        case DisconnectReason::refresh_requested:
            return "refresh_requested";
        case DisconnectReason::link_disabled:
            return "link_disabled";
        case DisconnectReason::other:
            return "other";
    }
    return "other";
}

SocketFrame decode_socket_frame(std::string_view text) {
    std::string problem;
    auto parsed = parse_json_bounded(text, problem);
    if (!parsed) return SocketUnknownFrame{"frame " + problem};
    if (!parsed->is_object()) return SocketUnknownFrame{"frame is not a JSON object"};
    const json& frame = *parsed;
    // An envelope id makes it an envelope whatever else is wrong with it, so it can be acked.
    auto id = frame.find("envelope_id");
    if (id != frame.end() && id->is_string() && !id->get<std::string>().empty())
        return decode_envelope(frame, id->get<std::string>());
    auto type = frame.find("type");
    const std::string type_name =
        type != frame.end() && type->is_string() ? type->get<std::string>() : "";
    if (type_name == "hello") {
        SocketHello hello;
        auto count = frame.find("num_connections");
        if (count != frame.end() && count->is_number_integer())
            hello.num_connections = count->get<int>();
        return hello;
    }
    if (type_name == "disconnect") {
        auto reason = frame.find("reason");
        SocketDisconnect disconnect;
        if (reason != frame.end() && reason->is_string())
            disconnect.reason_name = reason->get<std::string>().substr(0, 64);
        disconnect.reason = disconnect_reason(disconnect.reason_name);
        return disconnect;
    }
    return SocketUnknownFrame{"frame of type \"" + type_name.substr(0, 64) +
                              "\" without an envelope_id"};
}

std::optional<std::string> ack_frame(const SocketEnvelope& envelope, const DeliveryAnswer& reply) {
    if (reply.status < 200 || reply.status > 299) {
        // Over HTTP this header stops Slack's retries; over Socket Mode the ack does.
        const bool no_retry =
            std::any_of(reply.headers.begin(), reply.headers.end(), [](const auto& header) {
                return boost::iequals(header.first, wire::no_retry_header) && header.second == "1";
            });
        if (no_retry) return bare_ack_frame(envelope.envelope_id);
        return std::nullopt;
    }
    json ack = {{"envelope_id", envelope.envelope_id}};
    if (envelope.accepts_response_payload && !reply.body.empty()) {
        auto body = json::parse(reply.body, nullptr, false);
        if (body.is_object()) {
            ack["payload"] = std::move(body);
        } else if (envelope.type == "slash_commands" &&
                   reply.content_type.starts_with("text/plain")) {
            // Over HTTP Slack shows a plain-text answer to the user; Socket Mode takes JSON only.
            ack["payload"] = {{"text", reply.body}};
        }
    }
    return ack.dump();
}

std::string bare_ack_frame(std::string_view envelope_id) {
    return json{{"envelope_id", envelope_id}}.dump();
}

}  // namespace incidentd::slack
