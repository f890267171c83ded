// Global shortcuts: a shortcut payload with a fresh trigger_id, over HTTP or Socket Mode, and only
// the shortcuts a --manifest lists.
#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "slack/form.hpp"
#include "support/emulator.hpp"
#include "support/loopback_http_server.hpp"
#include "support/temp_dir.hpp"
#include "support/websocket_client.hpp"

using incidentd::test::Emulator;
using incidentd::test::LoopbackHttpServer;
using Request = LoopbackHttpServer::Request;
using incidentd::test::WebSocketClient;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> app_options(const LoopbackHttpServer& app,
                                     std::vector<std::string> more = {}) {
    std::vector<std::string> options{"--request-url", app.url(), "--no-url-verification"};
    options.insert(options.end(), more.begin(), more.end());
    return options;
}

const nlohmann::json modal = {{"type", "modal"},
                              {"title", {{"type", "plain_text"}, {"text", "Declare"}}},
                              {"blocks", nlohmann::json::array()}};

// A manifest with one global shortcut (declare_incident) and one message shortcut.
std::string shortcut_manifest(const incidentd::test::TempDir& dir, bool interactivity) {
    const std::string path = dir.file("manifest.json");
    std::ofstream(path) << nlohmann::json{
        {"display_information", {{"name", "incidentd"}}},
        {"features",
         {{"shortcuts",
           {{{"name", "Declare an incident"},
             {"type", "global"},
             {"callback_id", "declare_incident"},
             {"description", "Opens the declare modal"}},
            {{"name", "Add to timeline"},
             {"type", "message"},
             {"callback_id", "add_to_timeline"},
             {"description", "Records the message"}}}}}},
        {"oauth_config", {{"scopes", {{"bot", {"commands"}}}}}},
        {"settings", {{"interactivity", {{"is_enabled", interactivity}}}}}};
    return path;
}

}  // namespace

TEST_CASE("a global shortcut reaches the app with a fresh trigger_id that opens a modal") {
    LoopbackHttpServer app;
    Emulator emulator(app_options(app));
    auto result =
        emulator.post("shortcuts", {{"user", "alice"}, {"callback_id", "declare_incident"}});
    REQUIRE(result["ok"] == true);
    REQUIRE(app.requests().size() == 1);
    const auto request = app.requests()[0];
    auto payload = nlohmann::json::parse(incidentd::slack::parse_form(request.body)->at("payload"));
    CHECK(payload["type"] == "shortcut");
    CHECK(payload["callback_id"] == "declare_incident");
    CHECK(payload["trigger_id"] == result["trigger_id"]);
    CHECK(payload["user"] == nlohmann::json{{"id", "U0ALICE"},
                                            {"username", "alice"},
                                            {"name", "alice"},
                                            {"team_id", "T0EMULATOR"}});
    CHECK(payload["team"]["id"] == "T0EMULATOR");
    CHECK(payload["action_ts"].is_string());
    CHECK(emulator.get("deliveries")["deliveries"][0]["kind"] == "interactive");

    auto opened =
        emulator.api_json("views.open", {{"trigger_id", result["trigger_id"]}, {"view", modal}})
            .json();
    CHECK(opened["ok"] == true);
    CHECK(opened["view"]["user"] == "U0ALICE");

    SECTION("a shortcut needs a callback_id and a known user") {
        CHECK(emulator.post("shortcuts", {{"user", "alice"}})["ok"] == false);
        CHECK(emulator.post("shortcuts", {{"user", "mallory"}, {"callback_id", "x"}})["ok"] ==
              false);
    }
}

TEST_CASE("over Socket Mode a global shortcut arrives as an interactive envelope") {
    Emulator emulator({"--ack-timeout-ms", "3000"});
    auto url = emulator.api("apps.connections.open", {}, Emulator::app_token).json()["url"];
    WebSocketClient client(url.get<std::string>());
    REQUIRE(client.read(5s));  // hello
    // The control call waits for the ack, so it runs beside the client.
    nlohmann::json result;
    std::thread user([&] {
        result = emulator.post("shortcuts", {{"user", "bob"}, {"callback_id", "declare_incident"}});
    });
    auto envelope = client.read(5s);
    if (envelope) client.send({{"envelope_id", (*envelope)["envelope_id"]}});
    user.join();
    REQUIRE(envelope);
    CHECK((*envelope)["type"] == "interactive");
    CHECK((*envelope)["payload"]["type"] == "shortcut");
    CHECK((*envelope)["payload"]["trigger_id"] == result["trigger_id"]);
    CHECK(result["ok"] == true);
    CHECK(result["trigger_id"].is_string());
}

TEST_CASE("with --manifest only the global shortcuts it lists can be used") {
    LoopbackHttpServer app;
    incidentd::test::TempDir dir;
    SECTION("a listed global shortcut is delivered") {
        Emulator emulator(app_options(app, {"--manifest", shortcut_manifest(dir, true)}));
        CHECK(emulator.post("shortcuts", {{"user", "alice"},
                                          {"callback_id", "declare_incident"}})["ok"] == true);
        CHECK(app.requests().size() == 1);
    }
    SECTION("a message shortcut or an unlisted one is refused, naming the listed ones") {
        Emulator emulator(app_options(app, {"--manifest", shortcut_manifest(dir, true)}));
        auto refused =
            emulator.post("shortcuts", {{"user", "alice"}, {"callback_id", "add_to_timeline"}});
        CHECK(refused["ok"] == false);
        CHECK_THAT(refused["error"].get<std::string>(),
                   Catch::Contains("add_to_timeline") && Catch::Contains("declare_incident"));
        CHECK(app.requests().empty());
    }
    SECTION("with interactivity off no shortcut is delivered") {
        Emulator emulator(app_options(app, {"--manifest", shortcut_manifest(dir, false)}));
        auto refused =
            emulator.post("shortcuts", {{"user", "alice"}, {"callback_id", "declare_incident"}});
        CHECK_THAT(refused["error"].get<std::string>(), Catch::Contains("interactivity"));
        CHECK(app.requests().empty());
    }
}
