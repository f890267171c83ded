// The App Home: app_home_opened events (with the published view), GET /_emulator/home, and what a
// --manifest allows.
#include <catch2/catch.hpp>

#include <fstream>

#include "support/emulator.hpp"
#include "support/loopback_http_server.hpp"
#include "support/temp_dir.hpp"

using incidentd::test::Emulator;
using incidentd::test::LoopbackHttpServer;
using Request = LoopbackHttpServer::Request;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> app_options(const LoopbackHttpServer& app,
                                     std::vector<std::string> more = {}) {
    std::vector<std::string> options{"--request-url", app.url(), "--no-url-verification"};
    options.insert(options.end(), more.begin(), more.end());
    return options;
}

nlohmann::json event_of(const Request& request) {
    return nlohmann::json::parse(request.body)["event"];
}

std::string home_manifest(const incidentd::test::TempDir& dir, bool home_tab, bool subscribed) {
    const std::string path = dir.file("manifest.json");
    std::ofstream(path) << nlohmann::json{
        {"display_information", {{"name", "incidentd"}}},
        {"features", {{"app_home", {{"home_tab_enabled", home_tab}}}}},
        {"oauth_config", {{"scopes", {{"bot", {"chat:write"}}}}}},
        {"settings",
         {{"event_subscriptions",
           {{"bot_events",
             subscribed ? nlohmann::json{"app_home_opened"} : nlohmann::json::array()}}}}}};
    return path;
}

}  // namespace

TEST_CASE("opening the Home tab sends app_home_opened, with the view the app last published") {
    LoopbackHttpServer app;
    Emulator emulator(app_options(app));
    CHECK(emulator.get("home?user=alice")["ok"] == false);

    auto first = emulator.post("home", {{"user", "alice"}});
    REQUIRE(first["ok"] == true);
    CHECK(first["subscribed"] == true);
    const std::string im = first["channel"];
    CHECK(im.starts_with("D"));
    REQUIRE(app.wait_for_requests(1, 5s));
    auto event = event_of(app.requests()[0]);
    CHECK(event["type"] == "app_home_opened");
    CHECK(event["user"] == "U0ALICE");
    CHECK(event["channel"] == im);
    CHECK(event["tab"] == "home");
    CHECK(event["event_ts"] == first["event_ts"]);
    CHECK_FALSE(event.contains("view"));

    nlohmann::json home = {
        {"type", "home"},
        {"blocks",
         {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "*INC-1* SEV2, 5m"}}}}}}};
    auto published =
        emulator.api_json("views.publish", {{"user_id", "U0ALICE"}, {"view", home}}).json();
    REQUIRE(published["ok"] == true);
    CHECK(emulator.get("home?user=U0ALICE")["view"]["id"] == published["view"]["id"]);

    auto second = emulator.post("home", {{"user", "alice"}});
    CHECK(second["channel"] == im);
    REQUIRE(app.wait_for_requests(2, 5s));
    auto again = event_of(app.requests()[1]);
    CHECK(again["view"]["id"] == published["view"]["id"]);
    CHECK(again["view"]["hash"] == published["view"]["hash"]);
    CHECK(again["view"]["blocks"] == home["blocks"]);

    SECTION("the Messages tab sends the event without the Home view") {
        emulator.post("home", {{"user", "alice"}, {"tab", "messages"}});
        REQUIRE(app.wait_for_requests(3, 5s));
        auto messages = event_of(app.requests()[2]);
        CHECK(messages["tab"] == "messages");
        CHECK_FALSE(messages.contains("view"));
    }
    SECTION("an unknown user or tab is refused") {
        CHECK(emulator.post("home", {{"user", "mallory"}})["ok"] == false);
        CHECK(emulator.post("home", {{"user", "alice"}, {"tab", "about"}})["ok"] == false);
    }
}

TEST_CASE("with --manifest the Home tab must be enabled and app_home_opened subscribed") {
    LoopbackHttpServer app;
    incidentd::test::TempDir dir;
    SECTION("a Home tab the manifest does not enable cannot be opened") {
        Emulator emulator(app_options(app, {"--manifest", home_manifest(dir, false, true)}));
        auto refused = emulator.post("home", {{"user", "alice"}});
        CHECK(refused["ok"] == false);
        CHECK_THAT(refused["error"].get<std::string>(), Catch::Contains("home_tab_enabled"));
    }
    SECTION("without the subscription the event is not delivered") {
        Emulator emulator(app_options(app, {"--manifest", home_manifest(dir, true, false)}));
        auto opened = emulator.post("home", {{"user", "alice"}});
        CHECK(opened["ok"] == true);
        CHECK(opened["subscribed"] == false);
        CHECK(emulator.get("deliveries")["deliveries"].empty());
    }
    SECTION("with both the event is delivered") {
        Emulator emulator(app_options(app, {"--manifest", home_manifest(dir, true, true)}));
        CHECK(emulator.post("home", {{"user", "alice"}})["subscribed"] == true);
        CHECK(app.wait_for_requests(1, 5s));
    }
}
