// Slash commands, response_urls, button presses and modal submissions sent to the app.
#include <catch2/catch.hpp>

#include <algorithm>

#include "slack/form.hpp"
#include "slack/signature.hpp"
#include "support/emulator.hpp"
#include "support/http_receiver.hpp"

using incidentd::test::Emulator;
using incidentd::test::HttpReceiver;
using incidentd::test::ReceivedRequest;
using incidentd::test::ReceiverAnswer;
using namespace std::chrono_literals;

namespace {

bool signed_correctly(const ReceivedRequest& request) {
    return incidentd::slack::verify_signature(
               Emulator::signing_secret, request.header("x-slack-request-timestamp"),
               request.header("x-slack-signature"), request.body,
               std::chrono::system_clock::now()) == incidentd::slack::SignatureCheck::valid;
}

std::vector<std::string> app_options(const HttpReceiver& app) {
    return {"--request-url", app.url("/slack/commands"), "--no-url-verification"};
}

}  // namespace

TEST_CASE("a slash command reaches the app as a signed form and its answer comes back") {
    HttpReceiver app([](const ReceivedRequest&) {
        ReceiverAnswer answer;
        answer.content_type = "application/json";
        answer.body = R"({"response_type":"ephemeral","text":"Declaring INC-1…"})";
        return answer;
    });
    Emulator emulator(app_options(app));
    auto result = emulator.post("slash", {{"user", "alice"},
                                          {"channel", "incidents"},
                                          {"command", "/incident"},
                                          {"text", "declare db down"}});
    REQUIRE(result["ok"] == true);
    CHECK(result["answer"]["text"] == "Declaring INC-1…");

    REQUIRE(app.requests().size() == 1);
    const auto request = app.requests()[0];
    CHECK(request.header("content-type") == "application/x-www-form-urlencoded");
    CHECK(signed_correctly(request));
    auto fields = incidentd::slack::parse_form(request.body);
    REQUIRE(fields);
    CHECK(fields->at("command") == "/incident");
    CHECK(fields->at("text") == "declare db down");
    CHECK(fields->at("user_id") == "U0ALICE");
    CHECK(fields->at("user_name") == "alice");
    CHECK(fields->at("channel_id") == "C0INCIDENTS");
    CHECK(fields->at("channel_name") == "incidents");
    CHECK(fields->at("team_id") == "T0EMULATOR");
    CHECK(fields->at("api_app_id") == "A0INCIDENTD");
    CHECK(fields->at("trigger_id") == result["trigger_id"]);
    CHECK(fields->at("response_url") == result["response_url"]);

    auto ephemeral = emulator.get("channels/incidents/messages")["ephemeral"];
    REQUIRE(ephemeral.size() == 1);
    CHECK(ephemeral[0]["text"] == "Declaring INC-1…");

    SECTION("its trigger_id opens a modal") {
        auto opened = emulator
                          .api_json("views.open", {{"trigger_id", fields->at("trigger_id")},
                                                   {"view", {{"type", "modal"}}}})
                          .json();
        CHECK(opened["ok"] == true);
        CHECK(opened["view"]["user"] == "U0ALICE");
    }
    SECTION("its response_url takes five posts, in_channel ones visible to all") {
        const std::string url = fields->at("response_url");
        auto post = [&](const nlohmann::json& body) {
            return incidentd::test::http_request(
                "POST", url, {{"Content-Type", "application/json"}}, body.dump());
        };
        CHECK(post({{"response_type", "in_channel"}, {"text", "INC-1 declared"}}).status == 200);
        for (int i = 0; i < 4; ++i)
            CHECK(post({{"text", "update"}}).status == 200);
        CHECK(post({{"text", "sixth"}}).status == 404);
        auto messages = emulator.get("channels/incidents/messages")["messages"];
        REQUIRE(messages.size() == 1);
        CHECK(messages[0]["text"] == "INC-1 declared");
        auto urls = emulator.get("response_urls")["response_urls"];
        CHECK(urls[0]["received"].size() == 5);
    }
}

TEST_CASE("a button press reaches the app as a signed block_actions payload") {
    HttpReceiver app;
    Emulator emulator(app_options(app));
    const std::string ts =
        emulator.api("chat.postMessage", {{"channel", "C0INCIDENTS"}, {"text", "Ack?"}})
            .json()["ts"];
    auto result = emulator.post("actions", {{"user", "bob"},
                                            {"channel", "incidents"},
                                            {"message_ts", ts},
                                            {"action_id", "ack"},
                                            {"value", "INC-1"}});
    REQUIRE(result["ok"] == true);
    // The app also hears its own post as a message event; the action is the form post.
    REQUIRE(app.wait_for_requests(2, 5s));
    auto requests = app.requests();
    auto action = std::find_if(requests.begin(), requests.end(), [](const ReceivedRequest& r) {
        return r.body.starts_with("payload=");
    });
    REQUIRE(action != requests.end());
    const auto request = *action;
    CHECK(signed_correctly(request));
    auto fields = incidentd::slack::parse_form(request.body);
    REQUIRE(fields);
    auto payload = nlohmann::json::parse(fields->at("payload"));
    CHECK(payload["type"] == "block_actions");
    CHECK(payload["user"]["id"] == "U0BOB");
    CHECK(payload["container"]["message_ts"] == ts);
    CHECK(payload["actions"][0]["action_id"] == "ack");
    CHECK(payload["actions"][0]["value"] == "INC-1");

    SECTION("replace_original through its response_url edits the message") {
        auto replaced = incidentd::test::http_request(
            "POST", payload["response_url"], {{"Content-Type", "application/json"}},
            nlohmann::json{{"replace_original", true}, {"text", "Acked by bob"}}.dump());
        CHECK(replaced.status == 200);
        auto messages = emulator.get("channels/incidents/messages")["messages"];
        CHECK(messages[0]["text"] == "Acked by bob");
    }
}

TEST_CASE("a modal submission reaches the app and its errors keep the modal open") {
    HttpReceiver app([](const ReceivedRequest& request) {
        ReceiverAnswer answer;
        auto payload =
            nlohmann::json::parse(incidentd::slack::parse_form(request.body)->at("payload"));
        if (payload["view"]["state"]["values"]["title"]["title"]["value"] == "") {
            answer.content_type = "application/json";
            answer.body = R"({"response_action":"errors","errors":{"title":"Give it a title"}})";
        }
        return answer;
    });
    Emulator emulator(app_options(app));
    const std::string trigger = emulator.post("triggers", {{"user", "carol"}})["trigger_id"];
    auto view =
        emulator
            .api_json("views.open", {{"trigger_id", trigger},
                                     {"view", {{"type", "modal"}, {"callback_id", "declare"}}}})
            .json()["view"];
    auto submit = [&](const std::string& title) {
        return emulator.post(
            "views/submit",
            {{"view_id", view["id"]},
             {"values",
              {{"title", {{"title", {{"type", "plain_text_input"}, {"value", title}}}}}}}});
    };
    auto refused = submit("");
    CHECK(refused["view_closed"] == false);
    CHECK(refused["answer"]["errors"]["title"] == "Give it a title");
    auto accepted = submit("Database down");
    CHECK(accepted["view_closed"] == true);
    REQUIRE(app.requests().size() == 2);
    auto payload =
        nlohmann::json::parse(incidentd::slack::parse_form(app.requests()[1].body)->at("payload"));
    CHECK(payload["type"] == "view_submission");
    CHECK(payload["view"]["callback_id"] == "declare");
    CHECK(payload["user"]["id"] == "U0CAROL");
}
