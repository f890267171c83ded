// Fuzzes the JSON decoders of what Slack sends: Events API bodies, the `event` object on its own,
// interaction payloads, and Socket Mode frames with the ack each envelope is answered with.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "slack/inbound.hpp"
#include "slack/json_fields.hpp"
#include "slack/slack_event.hpp"
#include "slack/socket_mode_envelope.hpp"

namespace {

using namespace incidentd::slack;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_event_json: invariant broken: %s\n", what);
    std::abort();
}

// The documented contract: a bad event throws FieldError, which names the field; nothing else.
void decode_event_object(std::string_view text) {
    std::string problem;
    const auto parsed = parse_json_bounded(text, problem);
    if (!parsed) {
        if (problem.empty()) fail("a refused document has no reason");
        return;
    }
    if (!parsed->is_object()) return;
    const nlohmann::json* event = parsed->contains("event") ? &(*parsed)["event"] : &*parsed;
    try {
        const auto decoded = event->get<SlackEvent>();
        if (event_type_name(decoded).empty()) fail("a decoded event has no type name");
    } catch (const FieldError&) {
    }
}

void check_frame(const SocketFrame& frame, std::string_view text) {
    const auto* envelope = std::get_if<SocketEnvelope>(&frame);
    if (!envelope) return;
    if (envelope->envelope_id.empty()) fail("an envelope without an id decoded");
    // Whatever the handler answers, the ack is a JSON object naming the envelope.
    for (const unsigned status : {200u, 500u}) {
        const DeliveryAnswer reply{status,
                                   "text/plain; charset=utf-8",
                                   std::string{text.substr(0, 64)},
                                   {{"X-Slack-No-Retry", "1"}}};
        const auto ack = ack_frame(*envelope, reply);
        if (!ack) fail("an envelope answered with no-retry was not acked");
        const auto parsed = nlohmann::json::parse(*ack, nullptr, false);
        if (!parsed.is_object() || parsed.value("envelope_id", "") != envelope->envelope_id)
            fail("an ack is not a JSON object with the envelope id");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text{reinterpret_cast<const char*>(data), size};

    const auto body = decode_event_body(text);
    if (const auto* inbound = std::get_if<Inbound>(&body)) {
        if (const auto* callback = std::get_if<EventCallback>(inbound))
            if (callback->raw != text) fail("an event callback's raw text is not the body");
    }
    (void)decode_interaction_payload(text);
    decode_event_object(text);
    check_frame(decode_socket_frame(text), text);
    return 0;
}
