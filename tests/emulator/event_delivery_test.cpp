// Events API delivery over HTTP to the app: signing, envelopes, order, retries, and what a
// --manifest lets through.
#include <fstream>

#include <catch2/catch.hpp>

#include "slack/form.hpp"
#include "slack/signature.hpp"
#include "support/emulator.hpp"
#include "support/loopback_http_server.hpp"
#include "support/temp_dir.hpp"

using incidentd::test::Emulator;
using incidentd::test::LoopbackHttpServer;
using Request = LoopbackHttpServer::Request;
using Answer = LoopbackHttpServer::Answer;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> app_options(const LoopbackHttpServer& app,
                                     std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"--request-url", app.url(), "--no-url-verification"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

nlohmann::json body_of(const Request& request) {
    return nlohmann::json::parse(request.body, nullptr, false);
}

bool signed_correctly(const Request& request) {
    return incidentd::slack::verify_signature(
               Emulator::signing_secret, request.header("x-slack-request-timestamp"),
               request.header("x-slack-signature"), request.body,
               std::chrono::system_clock::now()) == incidentd::slack::SignatureCheck::valid;
}

}  // namespace

TEST_CASE("a user's message reaches the app as a signed event_callback") {
    LoopbackHttpServer app;
    Emulator emulator(app_options(app));
    auto posted =
        emulator.post("messages", {{"user", "alice"}, {"channel", "incidents"}, {"text", "help"}});
    REQUIRE(posted["ok"] == true);
    REQUIRE(app.wait_for_requests(1, 5s));

    const auto request = app.requests()[0];
    CHECK(request.method == "POST");
    CHECK(request.target == "/slack/events");
    CHECK(request.header("content-type") == "application/json");
    CHECK(signed_correctly(request));
    CHECK(request.header("x-slack-retry-num").empty());

    auto envelope = body_of(request);
    CHECK(envelope["type"] == "event_callback");
    CHECK(envelope["team_id"] == "T0EMULATOR");
    CHECK(envelope["api_app_id"] == "A0INCIDENTD");
    CHECK(envelope["event_id"].get<std::string>().starts_with("Ev"));
    CHECK(envelope["event_time"].is_number_integer());
    CHECK(envelope["authorizations"][0]["user_id"] == "U0INCIDENTD");
    CHECK(envelope["authorizations"][0]["is_bot"] == true);
    const auto& event = envelope["event"];
    CHECK(event["type"] == "message");
    CHECK(event["user"] == "U0ALICE");
    CHECK(event["text"] == "help");
    CHECK(event["channel"] == "C0INCIDENTS");
    CHECK(event["channel_type"] == "channel");
    CHECK(event["ts"] == posted["ts"]);
    CHECK(event["event_ts"] == posted["ts"]);

    auto deliveries = emulator.poll("deliveries", [](const nlohmann::json& d) {
        return d["deliveries"].size() == 1 && d["deliveries"][0]["state"] == "delivered";
    });
    CHECK(deliveries["deliveries"][0]["attempts"][0]["outcome"] == "ok");
}

TEST_CASE("the url_verification handshake is sent at start") {
    LoopbackHttpServer app([](const Request& request) {
        Answer answer;
        answer.body = nlohmann::json::parse(request.body).value("challenge", "");
        return answer;
    });
    Emulator emulator({"--request-url", app.url()});
    REQUIRE(app.wait_for_requests(1, 5s));
    auto first = body_of(app.requests()[0]);
    CHECK(first["type"] == "url_verification");
    CHECK(signed_correctly(app.requests()[0]));
    auto deliveries = emulator.poll("deliveries", [](const nlohmann::json& d) {
        return !d["deliveries"].empty() && d["deliveries"][0]["state"] != "pending";
    });
    CHECK(deliveries["deliveries"][0]["kind"] == "url_verification");
    CHECK(deliveries["deliveries"][0]["state"] == "delivered");

    SECTION("and again on a control call") {
        auto again = emulator.post("url_verification", nlohmann::json::object());
        CHECK(again["ok"] == true);
    }
}

TEST_CASE("an event the app answers too slowly is retried with X-Slack-Retry-Num") {
    LoopbackHttpServer app([](const Request& request) {
        Answer answer;
        if (request.index == 0) answer.delay = 800ms;
        return answer;
    });
    Emulator emulator(
        app_options(app, {"--ack-timeout-ms", "300", "--retry-delays-ms", "0,50,50"}));
    emulator.post("messages", {{"user", "bob"}, {"channel", "incidents"}, {"text", "slow"}});
    REQUIRE(app.wait_for_requests(2, 5s));
    const auto requests = app.requests();
    CHECK(requests[1].header("x-slack-retry-num") == "1");
    CHECK(requests[1].header("x-slack-retry-reason") == "http_timeout");
    CHECK(body_of(requests[1])["event_id"] == body_of(requests[0])["event_id"]);
    CHECK(signed_correctly(requests[1]));

    auto deliveries = emulator.poll("deliveries", [](const nlohmann::json& d) {
        return !d["deliveries"].empty() && d["deliveries"][0]["state"] == "delivered";
    });
    const auto& attempts = deliveries["deliveries"][0]["attempts"];
    REQUIRE(attempts.size() == 2);
    CHECK(attempts[0]["outcome"] == "http_timeout");
    CHECK(attempts[1]["retry_num"] == 1);
    CHECK(attempts[1]["outcome"] == "ok");
}

TEST_CASE("an app that keeps failing gets three retries unless it says X-Slack-No-Retry") {
    SECTION("HTTP 500 answers: the original and three retries, reason http_error") {
        LoopbackHttpServer app([](const Request&) {
            Answer answer;
            answer.status = 500;
            return answer;
        });
        Emulator emulator(app_options(app, {"--retry-delays-ms", "0,20,20"}));
        emulator.post("messages", {{"user", "bob"}, {"channel", "incidents"}, {"text", "x"}});
        auto deliveries = emulator.poll("deliveries", [](const nlohmann::json& d) {
            return !d["deliveries"].empty() && d["deliveries"][0]["attempts"].size() == 4;
        });
        CHECK(deliveries["deliveries"][0]["state"] == "failed");
        REQUIRE(app.wait_for_requests(4, 2s));
        std::this_thread::sleep_for(200ms);
        const auto requests = app.requests();
        CHECK(requests.size() == 4);
        CHECK(requests[3].header("x-slack-retry-num") == "3");
        CHECK(requests[3].header("x-slack-retry-reason") == "http_error");
    }
    SECTION("X-Slack-No-Retry: 1 stops at the first attempt") {
        LoopbackHttpServer app([](const Request&) {
            Answer answer;
            answer.status = 500;
            answer.headers.emplace_back("X-Slack-No-Retry", "1");
            return answer;
        });
        Emulator emulator(app_options(app, {"--retry-delays-ms", "0,20,20"}));
        emulator.post("messages", {{"user", "bob"}, {"channel", "incidents"}, {"text", "x"}});
        auto deliveries = emulator.poll("deliveries", [](const nlohmann::json& d) {
            return !d["deliveries"].empty() && d["deliveries"][0]["state"] == "no_retry";
        });
        CHECK(deliveries["deliveries"][0]["state"] == "no_retry");
        std::this_thread::sleep_for(200ms);
        CHECK(app.requests().size() == 1);
    }
    SECTION("an unreachable app is connection_failed") {
        std::string dead_url;
        {
            LoopbackHttpServer gone;
            dead_url = gone.url();
        }
        Emulator emulator(
            {"--request-url", dead_url, "--no-url-verification", "--retry-delays-ms", "0,10,10"});
        emulator.post("messages", {{"user", "bob"}, {"channel", "incidents"}, {"text", "x"}});
        auto deliveries = emulator.poll("deliveries", [](const nlohmann::json& d) {
            return !d["deliveries"].empty() && d["deliveries"][0]["attempts"].size() == 4;
        });
        const auto& attempts = deliveries["deliveries"][0]["attempts"];
        REQUIRE(attempts.size() == 4);
        CHECK(attempts[0]["outcome"] == "connection_failed");
        CHECK(attempts[1]["retry_reason"] == "connection_failed");
    }
}

TEST_CASE("events of one channel arrive in order, one in flight at a time") {
    LoopbackHttpServer app([](const Request&) {
        Answer answer;
        answer.delay = 100ms;
        return answer;
    });
    Emulator emulator(app_options(app));
    std::vector<std::string> ts;
    for (int i = 0; i < 3; ++i) {
        ts.push_back(emulator.post("messages", {{"user", "carol"},
                                                {"channel", "incidents"},
                                                {"text", "m" + std::to_string(i)}})["ts"]);
    }
    REQUIRE(app.wait_for_requests(3, 5s));
    const auto requests = app.requests();
    for (int i = 0; i < 3; ++i)
        CHECK(body_of(requests[i])["event"]["ts"] == ts[i]);
    CHECK(requests[1].at - requests[0].at >= 100ms);
    CHECK(requests[2].at - requests[1].at >= 100ms);
}

TEST_CASE("workspace changes reach the app as Slack's event types") {
    LoopbackHttpServer app;
    Emulator emulator(app_options(app));
    auto types = [&](std::size_t count) {
        REQUIRE(app.wait_for_requests(count, 5s));
        std::vector<std::string> seen;
        for (const auto& r : app.requests()) {
            auto event = body_of(r)["event"];
            seen.push_back(event.value("type", "") +
                           (event.contains("subtype") ? "/" + event.value("subtype", "") : ""));
        }
        return seen;
    };
    const std::string ts = emulator.post(
        "messages", {{"user", "alice"}, {"channel", "incidents"}, {"text", "a"}})["ts"];

    SECTION("thread replies carry thread_ts and parent_user_id") {
        emulator.post(
            "messages",
            {{"user", "bob"}, {"channel", "incidents"}, {"text", "b"}, {"thread_ts", ts}});
        types(2);
        auto reply = body_of(app.requests()[1])["event"];
        CHECK(reply["thread_ts"] == ts);
        CHECK(reply["parent_user_id"] == "U0ALICE");
    }
    SECTION("edits, reactions, pins and deletions") {
        nlohmann::json item = {{"user", "alice"}, {"channel", "incidents"}, {"ts", ts}};
        emulator.post("messages/update",
                      {{"user", "alice"}, {"channel", "incidents"}, {"ts", ts}, {"text", "a2"}});
        emulator.post("reactions",
                      {{"user", "bob"}, {"channel", "incidents"}, {"ts", ts}, {"name", "eyes"}});
        emulator.post("reactions", {{"user", "bob"},
                                    {"channel", "incidents"},
                                    {"ts", ts},
                                    {"name", "eyes"},
                                    {"remove", true}});
        emulator.post("pins", {{"user", "carol"}, {"channel", "incidents"}, {"ts", ts}});
        emulator.post("messages/delete", item);
        CHECK(types(6) == std::vector<std::string>{"message", "message/message_changed",
                                                   "reaction_added", "reaction_removed",
                                                   "pin_added", "message/message_deleted"});
        auto changed = body_of(app.requests()[1])["event"];
        CHECK(changed["message"]["text"] == "a2");
        CHECK(changed["previous_message"]["text"] == "a");
        auto reaction = body_of(app.requests()[2])["event"];
        CHECK(reaction["item"]["ts"] == ts);
        CHECK(reaction["item_user"] == "U0ALICE");
    }
    SECTION("the app's own posts, joins, invites and archives") {
        auto created = emulator.api("conversations.create", {{"name", "inc-events"}}).json();
        const std::string channel = created["channel"]["id"];
        emulator.api("conversations.invite", {{"channel", channel}, {"users", "U0BOB"}});
        emulator.api("chat.postMessage", {{"channel", channel}, {"text", "from the bot"}});
        emulator.api("conversations.archive", {{"channel", channel}});
        CHECK(types(5) == std::vector<std::string>{"message", "message/channel_join",
                                                   "member_joined_channel", "message",
                                                   "channel_archive"});
        auto own = body_of(app.requests()[3])["event"];
        CHECK(own["bot_id"] == "B0INCIDENTD");
        CHECK(own["user"] == "U0INCIDENTD");
        CHECK(body_of(app.requests()[2])["event"]["inviter"] == "U0INCIDENTD");
    }
    SECTION("messages in channels the bot is not in are not delivered") {
        emulator.post("messages", {{"user", "alice"}, {"channel", "general"}, {"text", "psst"}});
        emulator.post("messages", {{"user", "alice"}, {"channel", "incidents"}, {"text", "b"}});
        CHECK(types(2) == std::vector<std::string>{"message", "message"});
        CHECK(body_of(app.requests()[1])["event"]["text"] == "b");
    }
}

namespace {

// A manifest that subscribes to new messages only, with interactivity off.
std::string messages_only_manifest(const incidentd::test::TempDir& dir) {
    const std::string path = dir.file("manifest.json");
    std::ofstream(path) << nlohmann::json{
        {"display_information", {{"name", "incidentd"}}},
        {"features", {{"slash_commands", {{{"command", "/incident"}, {"description", "run"}}}}}},
        {"oauth_config", {{"scopes", {{"bot", {"commands", "channels:history"}}}}}},
        {"settings",
         {{"event_subscriptions", {{"bot_events", {"message.channels"}}}},
          {"interactivity", {{"is_enabled", false}}}}}};
    return path;
}

}  // namespace

TEST_CASE("with --manifest only the events it subscribes to reach the app") {
    LoopbackHttpServer app;
    incidentd::test::TempDir dir;
    Emulator emulator(app_options(app, {"--manifest", messages_only_manifest(dir)}));
    auto first =
        emulator.post("messages", {{"user", "alice"}, {"channel", "incidents"}, {"text", "one"}});
    REQUIRE(first["ok"] == true);
    REQUIRE(app.wait_for_requests(1, 5s));

    // reaction_added is not subscribed: dropped, so the next message is the next delivery.
    auto reacted = emulator.post(
        "reactions",
        {{"user", "alice"}, {"channel", "incidents"}, {"ts", first["ts"]}, {"name", "pushpin"}});
    REQUIRE(reacted["ok"] == true);
    auto second =
        emulator.post("messages", {{"user", "alice"}, {"channel", "incidents"}, {"text", "two"}});
    REQUIRE(second["ok"] == true);
    REQUIRE(app.wait_for_requests(2, 5s));

    const auto requests = app.requests();
    CHECK(body_of(requests[1])["event"]["text"] == "two");
    CHECK(emulator.get("deliveries")["deliveries"].size() == 2);
}

TEST_CASE("with --manifest slash commands and interactions follow its settings") {
    LoopbackHttpServer app;
    incidentd::test::TempDir dir;
    Emulator emulator(app_options(app, {"--manifest", messages_only_manifest(dir)}));

    SECTION("a slash command the manifest does not list is refused") {
        auto result = emulator.post(
            "slash", {{"user", "alice"}, {"channel", "incidents"}, {"command", "/postmortem"}});
        CHECK(result["ok"] == false);
        CHECK_THAT(result["error"].get<std::string>(),
                   Catch::Contains("/postmortem") && Catch::Contains("/incident"));
    }
    SECTION("a listed slash command is delivered") {
        auto result = emulator.post("slash", {{"user", "alice"},
                                              {"channel", "incidents"},
                                              {"command", "/incident"},
                                              {"text", "help"}});
        CHECK(result["ok"] == true);
        CHECK(app.requests().size() == 1);
    }
    SECTION("with interactivity off a button click is refused") {
        auto result = emulator.post("actions", {{"user", "alice"},
                                                {"channel", "incidents"},
                                                {"message_ts", "1.000001"},
                                                {"action_id", "resolve"}});
        CHECK(result["ok"] == false);
        CHECK_THAT(result["error"].get<std::string>(), Catch::Contains("interactivity"));
        CHECK(app.requests().empty());
    }
}
