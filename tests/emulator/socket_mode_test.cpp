// Socket Mode: tickets, hello, envelopes instead of HTTP, acks, redelivery and disconnects.
#include <catch2/catch.hpp>

#include "support/emulator.hpp"
#include "support/loopback_http_server.hpp"
#include "support/websocket_client.hpp"

using incidentd::test::Emulator;
using incidentd::test::LoopbackHttpServer;
using incidentd::test::WebSocketClient;
using namespace std::chrono_literals;

namespace {

std::string socket_url(const Emulator& emulator) {
    auto answer = emulator.api("apps.connections.open", {}, Emulator::app_token).json();
    REQUIRE(answer["ok"] == true);
    return answer["url"];
}

}  // namespace

TEST_CASE("a Socket Mode client is greeted with hello and gets events instead of HTTP") {
    LoopbackHttpServer app;
    Emulator emulator({"--request-url", app.url(), "--no-url-verification"});
    WebSocketClient client(socket_url(emulator));
    auto hello = client.read(5s);
    REQUIRE(hello);
    CHECK((*hello)["type"] == "hello");
    CHECK((*hello)["num_connections"] == 1);
    CHECK((*hello)["connection_info"]["app_id"] == "A0INCIDENTD");

    emulator.post("messages", {{"user", "alice"}, {"channel", "incidents"}, {"text", "over ws"}});
    auto envelope = client.read(5s);
    REQUIRE(envelope);
    CHECK((*envelope)["type"] == "events_api");
    CHECK((*envelope)["envelope_id"].is_string());
    CHECK((*envelope)["retry_attempt"] == 0);
    CHECK((*envelope)["payload"]["type"] == "event_callback");
    CHECK((*envelope)["payload"]["event"]["text"] == "over ws");
    client.send({{"envelope_id", (*envelope)["envelope_id"]}});

    auto deliveries = emulator.poll("deliveries", [](const nlohmann::json& d) {
        return !d["deliveries"].empty() && d["deliveries"][0]["state"] == "delivered";
    });
    CHECK(deliveries["deliveries"][0]["attempts"][0]["transport"] == "socket_mode");
    CHECK(app.requests().empty());
}

TEST_CASE("an un-acked Socket Mode envelope is redelivered after the ack timeout") {
    Emulator emulator({"--ack-timeout-ms", "300", "--retry-delays-ms", "0,50,50"});
    WebSocketClient client(socket_url(emulator));
    REQUIRE(client.read(5s));  // hello
    emulator.post("messages", {{"user", "bob"}, {"channel", "incidents"}, {"text", "ack me"}});
    auto first = client.read(5s);
    REQUIRE(first);
    auto second = client.read(5s);
    REQUIRE(second);
    CHECK((*second)["payload"]["event_id"] == (*first)["payload"]["event_id"]);
    CHECK((*second)["envelope_id"] != (*first)["envelope_id"]);
    CHECK((*second)["retry_attempt"] == 1);
    CHECK((*second)["retry_reason"] == "timeout");
    client.send({{"envelope_id", (*second)["envelope_id"]}});
    auto deliveries = emulator.poll("deliveries", [](const nlohmann::json& d) {
        return !d["deliveries"].empty() && d["deliveries"][0]["state"] == "delivered";
    });
    CHECK(deliveries["deliveries"][0]["attempts"].size() == 2);
}

TEST_CASE("a slash command over Socket Mode returns the ack's payload") {
    Emulator emulator;
    WebSocketClient client(socket_url(emulator));
    REQUIRE(client.read(5s));
    // The control call blocks until the app answers, so it runs beside the client.
    std::thread user([&] {
        auto result = emulator.post("slash", {{"user", "carol"},
                                              {"channel", "incidents"},
                                              {"command", "/incident"},
                                              {"text", "help"}});
        CHECK(result["answer"]["text"] == "Usage: /incident declare");
    });
    auto envelope = client.read(5s);
    REQUIRE(envelope);
    CHECK((*envelope)["type"] == "slash_commands");
    CHECK((*envelope)["accepts_response_payload"] == true);
    CHECK((*envelope)["payload"]["command"] == "/incident");
    client.send({{"envelope_id", (*envelope)["envelope_id"]},
                 {"payload", {{"text", "Usage: /incident declare"}}}});
    user.join();
}

TEST_CASE("Socket Mode tickets are single use") {
    Emulator emulator;
    const std::string url = socket_url(emulator);
    WebSocketClient first(url);
    CHECK_THROWS_WITH(WebSocketClient(url), Catch::Contains("refused"));
}

TEST_CASE("the control API disconnects Socket Mode clients, with or without a close frame") {
    Emulator emulator;
    WebSocketClient client(socket_url(emulator));
    REQUIRE(client.read(5s));
    SECTION("a refresh_requested message") {
        auto answer = emulator.post("socket_mode/disconnect", {{"reason", "refresh_requested"}});
        CHECK(answer["connections"] == 1);
        auto message = client.read(5s);
        REQUIRE(message);
        CHECK((*message)["type"] == "disconnect");
        CHECK((*message)["reason"] == "refresh_requested");
    }
    SECTION("link_disabled closes the link with a close frame") {
        emulator.post("socket_mode/disconnect", {{"reason", "link_disabled"}});
        REQUIRE(client.wait_closed(5s));
        CHECK(client.closed_cleanly());
    }
    SECTION("a drop ends TCP without a close frame") {
        emulator.post("socket_mode/drop", nlohmann::json::object());
        REQUIRE(client.wait_closed(5s));
        CHECK_FALSE(client.closed_cleanly());
        auto state = emulator.poll(
            "socket_mode", [](const nlohmann::json& s) { return s["connections"].empty(); });
        CHECK(state["connections"].empty());
    }
}
