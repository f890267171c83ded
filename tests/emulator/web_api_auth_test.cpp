// Web API authentication, the scopes a --manifest grants, and the response envelope.
#include <fstream>

#include <catch2/catch.hpp>

#include "support/command.hpp"
#include "support/emulator.hpp"
#include "support/temp_dir.hpp"

using incidentd::test::Emulator;

TEST_CASE("Web API calls are authenticated as Slack does") {
    Emulator emulator;

    SECTION("the bot token as a Bearer header is accepted") {
        auto answer = emulator.api("auth.test");
        CHECK(answer.status == 200);
        auto body = answer.json();
        CHECK(body["ok"] == true);
        CHECK(body["user_id"] == "U0INCIDENTD");
        CHECK(body["bot_id"] == "B0INCIDENTD");
        CHECK(body["team_id"] == "T0EMULATOR");
        CHECK(body["url"] == "https://emulator.slack.com/");
    }
    SECTION("the token may come as a form field") {
        auto answer = emulator.api("auth.test", {{"token", Emulator::bot_token}}, "");
        CHECK(answer.json()["ok"] == true);
    }
    SECTION("no token is not_authed, with HTTP 200") {
        auto answer = emulator.api("auth.test", {}, "");
        CHECK(answer.status == 200);
        CHECK(answer.json() == nlohmann::json{{"ok", false}, {"error", "not_authed"}});
    }
    SECTION("a wrong token is invalid_auth") {
        CHECK(emulator.api("auth.test", {}, "xoxb-wrong").json()["error"] == "invalid_auth");
    }
    SECTION("the app-level token is not a bot token") {
        CHECK(emulator.api("auth.test", {}, Emulator::app_token).json()["error"] ==
              "not_allowed_token_type");
    }
    SECTION("an unknown method is unknown_method") {
        CHECK(emulator.api("chat.teleport").json()["error"] == "unknown_method");
    }
}

TEST_CASE("apps.connections.open needs the app-level token") {
    Emulator emulator;
    SECTION("with the xapp- token it answers a single-use ws:// URL on the emulator") {
        auto body = emulator.api("apps.connections.open", {}, Emulator::app_token).json();
        REQUIRE(body["ok"] == true);
        const std::string url = body["url"];
        CHECK(url.starts_with("ws://127.0.0.1:"));
        CHECK_THAT(url, Catch::Contains("ticket="));
        auto again = emulator.api("apps.connections.open", {}, Emulator::app_token).json();
        CHECK(again["url"] != body["url"]);
    }
    SECTION("the bot token is not_allowed_token_type") {
        CHECK(emulator.api("apps.connections.open").json()["error"] == "not_allowed_token_type");
    }
    SECTION("a wrong token is invalid_auth") {
        CHECK(emulator.api("apps.connections.open", {}, "xapp-wrong").json()["error"] ==
              "invalid_auth");
    }
}

TEST_CASE("users.info answers the seeded users and user_not_found otherwise") {
    Emulator emulator;
    auto alice = emulator.api("users.info", {{"user", "U0ALICE"}}).json();
    REQUIRE(alice["ok"] == true);
    CHECK(alice["user"]["name"] == "alice");
    CHECK(alice["user"]["profile"]["display_name"] == "alice");
    CHECK(alice["user"]["profile"]["real_name"] == "Alice Archer");
    CHECK(alice["user"]["tz"].is_string());
    CHECK(emulator.api("users.info", {{"user", "U0NOBODY"}}).json()["error"] == "user_not_found");
}

TEST_CASE("usergroups.users.list answers the on-call group's members") {
    Emulator emulator;
    auto body = emulator.api("usergroups.users.list", {{"usergroup", "S0ONCALL"}}).json();
    CHECK(body["users"] == nlohmann::json::array({"U0ALICE", "U0BOB"}));
    CHECK(emulator.api("usergroups.users.list", {{"usergroup", "S0NONE"}}).json()["error"] ==
          "no_such_subteam");
}

TEST_CASE("every Web API call is recorded with its arguments and answer, without the token") {
    Emulator emulator;
    emulator.api("users.info", {{"user", "U0BOB"}, {"token", Emulator::bot_token}}, "");
    auto calls = emulator.get("calls?method=users.info")["calls"];
    REQUIRE(calls.size() == 1);
    CHECK(calls[0]["args"] == nlohmann::json{{"user", "U0BOB"}});
    CHECK(calls[0]["answer"]["user"]["id"] == "U0BOB");
    CHECK(calls[0]["status"] == 200);
}

namespace {

// A manifest granting `scopes` and subscribing to `events`, written where the emulator can read it.
std::string write_manifest(const incidentd::test::TempDir& dir, nlohmann::json scopes,
                           nlohmann::json events = nlohmann::json::array()) {
    const std::string path = dir.file("manifest.json");
    std::ofstream(path) << nlohmann::json{
        {"display_information", {{"name", "incidentd"}}},
        {"oauth_config", {{"scopes", {{"bot", std::move(scopes)}}}}},
        {"settings", {{"event_subscriptions", {{"bot_events", std::move(events)}}}}}};
    return path;
}

}  // namespace

TEST_CASE("with --manifest a bot token call needs the scope the manifest grants") {
    incidentd::test::TempDir dir;
    Emulator emulator({"--manifest", write_manifest(dir, {"chat:write", "users:read"})});

    SECTION("a method whose scope is granted answers as usual") {
        auto body =
            emulator
                .api("chat.postMessage", {{"channel", "C0INCIDENTS"}, {"text", "investigating"}})
                .json();
        CHECK(body["ok"] == true);
    }
    SECTION("a method that needs no scope answers as usual") {
        CHECK(emulator.api("auth.test").json()["ok"] == true);
    }
    SECTION("a method whose scope is not granted is missing_scope, naming it and what is granted") {
        auto answer = emulator.api("conversations.create", {{"name", "inc-1"}});
        CHECK(answer.status == 200);
        CHECK(answer.json() == nlohmann::json{{"ok", false},
                                              {"error", "missing_scope"},
                                              {"needed", "channels:manage"},
                                              {"provided", "chat:write,users:read"}});
        auto channels = emulator.get("channels");
        for (const auto& channel : channels["channels"])
            CHECK(channel["name"] != "inc-1");
    }
    SECTION("a private channel needs the groups: scope instead") {
        auto body =
            emulator.api("conversations.create", {{"name", "inc-2"}, {"is_private", "true"}})
                .json();
        CHECK(body["needed"] == "groups:write");
    }
}

TEST_CASE("slack-emulator refuses a manifest that subscribes to an event without its scope") {
    incidentd::test::TempDir dir;
    const std::string manifest = write_manifest(dir, {"chat:write"}, {"reaction_added"});
    auto result = incidentd::test::run_command(INCIDENTD_BINARY_DIR "/slack-emulator",
                                               {"--manifest", manifest});
    CHECK(result.status == 2);
    CHECK_THAT(result.err, Catch::Contains("reaction_added") && Catch::Contains("reactions:read"));
}
