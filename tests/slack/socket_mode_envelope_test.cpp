// Socket Mode frames decoded into values, and the acks built from a handler's reply.
#include <catch2/catch.hpp>

#include "slack/socket_mode_envelope.hpp"

using namespace incidentd::slack;
using nlohmann::json;

namespace {

json event_payload() {
    return {{"type", "event_callback"},
            {"event_id", "Ev0001"},
            {"event_time", 1764000000},
            {"team_id", "T0EMULATOR"},
            {"event",
             {{"type", "message"},
              {"channel", "C0INCIDENTS"},
              {"user", "U0ALICE"},
              {"text", "over ws"},
              {"ts", "1764000000.000100"}}}};
}

json slash_payload() {
    return {{"token", "legacy"},
            {"team_id", "T0EMULATOR"},
            {"channel_id", "C0INCIDENTS"},
            {"channel_name", "incidents"},
            {"user_id", "U0CAROL"},
            {"user_name", "carol"},
            {"command", "/incident"},
            {"text", "declare sev2 checkout"},
            {"trigger_id", "trig-1"},
            {"response_url", "http://127.0.0.1/commands/1"},
            {"is_enterprise_install", "false"}};
}

json envelope(const std::string& type, json payload, bool accepts = false) {
    return {{"envelope_id", "env-1"},
            {"type", type},
            {"payload", std::move(payload)},
            {"accepts_response_payload", accepts},
            {"retry_attempt", 0},
            {"retry_reason", ""}};
}

SocketEnvelope decoded_envelope(const json& frame) {
    auto decoded = decode_socket_frame(frame.dump());
    REQUIRE(std::holds_alternative<SocketEnvelope>(decoded));
    return std::get<SocketEnvelope>(decoded);
}

template <class T>
const T& inbound_as(const SocketEnvelope& envelope) {
    if (auto* error = std::get_if<DecodeError>(&envelope.inbound)) FAIL(error->what);
    const auto& inbound = std::get<Inbound>(envelope.inbound);
    REQUIRE(std::holds_alternative<T>(inbound));
    return std::get<T>(inbound);
}

}  // namespace

TEST_CASE("an events_api envelope carries an Events API body as its payload") {
    auto frame = envelope("events_api", event_payload());
    frame["retry_attempt"] = 2;
    frame["retry_reason"] = "timeout";
    const auto decoded = decoded_envelope(frame);
    CHECK(decoded.envelope_id == "env-1");
    CHECK(decoded.type == "events_api");
    CHECK(decoded.meta.retry_num == 2);
    CHECK(decoded.meta.retry_reason == "timeout");
    const auto& callback = inbound_as<EventCallback>(decoded);
    CHECK(callback.event_id == "Ev0001");
    REQUIRE(std::holds_alternative<MessageEvent>(callback.event));
    CHECK(std::get<MessageEvent>(callback.event).text == "over ws");
    CHECK(json::parse(callback.raw) == event_payload());
}

TEST_CASE("a slash_commands envelope decodes the same fields as the HTTP form") {
    const auto decoded = decoded_envelope(envelope("slash_commands", slash_payload(), true));
    CHECK(decoded.accepts_response_payload);
    const auto& command = inbound_as<SlashCommand>(decoded);
    CHECK(command.command == "/incident");
    CHECK(command.text == "declare sev2 checkout");
    CHECK(command.user_id == "U0CAROL");
    CHECK(command.channel_id == "C0INCIDENTS");
    CHECK(command.trigger_id == "trig-1");
    CHECK(command.response_url == "http://127.0.0.1/commands/1");
    CHECK_FALSE(command.is_enterprise_install);

    SECTION("a boolean flag is read like the form's \"true\"") {
        auto payload = slash_payload();
        payload["is_enterprise_install"] = true;
        CHECK(inbound_as<SlashCommand>(decoded_envelope(envelope("slash_commands", payload)))
                  .is_enterprise_install);
    }
    SECTION("a missing required field is named") {
        auto payload = slash_payload();
        payload.erase("user_id");
        auto broken = decoded_envelope(envelope("slash_commands", payload));
        REQUIRE(std::holds_alternative<DecodeError>(broken.inbound));
        CHECK_THAT(std::get<DecodeError>(broken.inbound).what, Catch::Contains("user_id"));
        CHECK(broken.envelope_id == "env-1");
    }
}

TEST_CASE("an interactive envelope decodes the interaction payload") {
    json payload = {{"type", "block_actions"},
                    {"user", {{"id", "U0BOB"}, {"username", "bob"}}},
                    {"trigger_id", "trig-2"},
                    {"actions", {{{"action_id", "resolve"}, {"value", "INC-7"}}}}};
    const auto decoded = decoded_envelope(envelope("interactive", payload, true));
    const auto& interaction = inbound_as<Interaction>(decoded);
    CHECK(interaction.type == InteractionType::block_actions);
    CHECK(interaction.user.id == "U0BOB");
    REQUIRE(interaction.actions.size() == 1);
    CHECK(interaction.actions[0].value == "INC-7");
}

TEST_CASE("an envelope that cannot be decoded keeps its id, so it can still be acknowledged") {
    SECTION("an unknown envelope type") {
        auto decoded = decoded_envelope(envelope("workflow_step", json::object()));
        REQUIRE(std::holds_alternative<DecodeError>(decoded.inbound));
        CHECK_THAT(std::get<DecodeError>(decoded.inbound).what, Catch::Contains("workflow_step"));
    }
    SECTION("a payload that is not an object") {
        auto frame = envelope("events_api", "text");
        auto decoded = decoded_envelope(frame);
        REQUIRE(std::holds_alternative<DecodeError>(decoded.inbound));
    }
    SECTION("an Events API body without an event id") {
        auto payload = event_payload();
        payload.erase("event_id");
        auto decoded = decoded_envelope(envelope("events_api", payload));
        REQUIRE(std::holds_alternative<DecodeError>(decoded.inbound));
        CHECK_THAT(std::get<DecodeError>(decoded.inbound).what, Catch::Contains("event_id"));
    }
    CHECK(bare_ack_frame("env-9") == R"({"envelope_id":"env-9"})");
}

TEST_CASE("hello and disconnect frames are told apart by their type") {
    auto hello = decode_socket_frame(
        R"({"type":"hello","num_connections":2,"connection_info":{"app_id":"A1"}})");
    REQUIRE(std::holds_alternative<SocketHello>(hello));
    CHECK(std::get<SocketHello>(hello).num_connections == 2);

    for (auto [name, reason] : {std::pair{"warning", DisconnectReason::warning},
                                std::pair{"refresh_requested", DisconnectReason::refresh_requested},
                                std::pair{"link_disabled", DisconnectReason::link_disabled},
                                std::pair{"something_new", DisconnectReason::other}}) {
        auto frame = decode_socket_frame(json{{"type", "disconnect"}, {"reason", name}}.dump());
        REQUIRE(std::holds_alternative<SocketDisconnect>(frame));
        CHECK(std::get<SocketDisconnect>(frame).reason == reason);
        CHECK(std::get<SocketDisconnect>(frame).reason_name == name);
    }
}

TEST_CASE("frames that are not JSON objects or have no known type are reported, not thrown") {
    for (const char* text : {"not json", "[1,2]", R"({"type":"mystery"})", "{"}) {
        INFO(text);
        CHECK(std::holds_alternative<SocketUnknownFrame>(decode_socket_frame(text)));
    }
}

TEST_CASE("an ack names the envelope and is sent only for a 2xx reply") {
    const auto events = decoded_envelope(envelope("events_api", event_payload()));
    const auto command = decoded_envelope(envelope("slash_commands", slash_payload(), true));
    const DeliveryAnswer json_reply{200, "application/json", R"({"text":"Declaring INC-12…"})", {}};

    SECTION("a 2xx reply without a payload to carry is acked with the envelope id alone") {
        auto ack = ack_frame(events, DeliveryAnswer{});
        REQUIRE(ack);
        CHECK(json::parse(*ack) == json{{"envelope_id", "env-1"}});
        CHECK(json::parse(*ack_frame(events, json_reply)) == json{{"envelope_id", "env-1"}});
    }
    SECTION("a JSON object body goes along as the payload when Slack accepts one") {
        auto ack = ack_frame(command, json_reply);
        REQUIRE(ack);
        CHECK(json::parse(*ack)["payload"]["text"] == "Declaring INC-12…");
    }
    SECTION("a slash command's plain-text answer goes as text, as Slack shows it over HTTP") {
        auto ack =
            ack_frame(command, DeliveryAnswer{200, "text/plain; charset=utf-8", "Usage: …", {}});
        REQUIRE(ack);
        CHECK(json::parse(*ack)["payload"] == json{{"text", "Usage: …"}});
    }
    SECTION("an empty body adds no payload") {
        CHECK_FALSE(json::parse(*ack_frame(command, DeliveryAnswer{})).contains("payload"));
    }
    SECTION("a non-2xx reply is not acked, so Slack redelivers") {
        CHECK_FALSE(ack_frame(events, DeliveryAnswer{500, "text/plain", "store failed", {}}));
        CHECK_FALSE(ack_frame(command, DeliveryAnswer{503, "application/json", "{}", {}}));
        CHECK_FALSE(ack_frame(command, DeliveryAnswer{302, "text/plain", "", {}}));
    }
    SECTION("a non-2xx reply that asks Slack not to retry is acked bare, as over HTTP") {
        auto ack = ack_frame(
            command, DeliveryAnswer{
                         400, "application/json", R"({"text":"no"})", {{"x-slack-no-retry", "1"}}});
        REQUIRE(ack);
        CHECK(json::parse(*ack) == json{{"envelope_id", "env-1"}});
        CHECK_FALSE(
            ack_frame(events, DeliveryAnswer{500, "text/plain", "", {{"X-Slack-No-Retry", "0"}}}));
    }
}
