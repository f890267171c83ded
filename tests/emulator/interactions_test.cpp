// Slash commands, response_urls, button presses and modal submissions sent to the app.
#include <catch2/catch.hpp>

#include <algorithm>
#include <mutex>

#include "slack/form.hpp"
#include "slack/signature.hpp"
#include "support/emulator.hpp"
#include "support/loopback_http_server.hpp"

using incidentd::test::Emulator;
using incidentd::test::LoopbackHttpServer;
using Request = LoopbackHttpServer::Request;
using Answer = LoopbackHttpServer::Answer;
using namespace std::chrono_literals;

namespace {

bool signed_correctly(const Request& request) {
    return incidentd::slack::verify_signature(
               Emulator::signing_secret, request.header("x-slack-request-timestamp"),
               request.header("x-slack-signature"), request.body,
               std::chrono::system_clock::now()) == incidentd::slack::SignatureCheck::valid;
}

std::vector<std::string> app_options(const LoopbackHttpServer& app) {
    return {"--request-url", app.url("/slack/commands"), "--no-url-verification"};
}

nlohmann::json plain(const std::string& text) {
    return {{"type", "plain_text"}, {"text", text}};
}

nlohmann::json option(const std::string& text, const std::string& value) {
    return {{"text", plain(text)}, {"value", value}};
}

// A declare modal like incidentd's: a required title, a severity with an initial choice and an
// optional description.
const nlohmann::json declare_modal = {
    {"type", "modal"},
    {"callback_id", "declare"},
    {"private_metadata", "C0INCIDENTS"},
    {"title", plain("Declare an incident")},
    {"submit", plain("Declare")},
    {"blocks",
     {{{"type", "input"},
       {"block_id", "title"},
       {"label", plain("Title")},
       {"element", {{"type", "plain_text_input"}, {"action_id", "title"}}}},
      {{"type", "input"},
       {"block_id", "severity"},
       {"label", plain("Severity")},
       {"element",
        {{"type", "static_select"},
         {"action_id", "severity"},
         {"options", {option("SEV1", "sev1"), option("SEV3", "sev3")}},
         {"initial_option", option("SEV3", "sev3")}}}},
      {{"type", "input"},
       {"block_id", "description"},
       {"optional", true},
       {"label", plain("Description")},
       {"element", {{"type", "plain_text_input"}, {"action_id", "description"}}}}}}};

// A summary message with an Acknowledge button and a Close button that asks first.
const nlohmann::json summary_blocks = {{{"type", "section"},
                                        {"block_id", "state"},
                                        {"text", {{"type", "mrkdwn"}, {"text", "*INC-1*"}}}},
                                       {{"type", "actions"},
                                        {"block_id", "buttons"},
                                        {"elements",
                                         {{{"type", "button"},
                                           {"action_id", "ack"},
                                           {"text", plain("Acknowledge")},
                                           {"value", "INC-1"}},
                                          {{"type", "button"},
                                           {"action_id", "close"},
                                           {"text", plain("Close")},
                                           {"value", "INC-1"},
                                           {"style", "danger"},
                                           {"confirm",
                                            {{"title", plain("Close INC-1?")},
                                             {"text", plain("A postmortem draft is created.")},
                                             {"confirm", plain("Close")},
                                             {"deny", plain("Cancel")}}}}}}}};

nlohmann::json payload_of(const Request& request) {
    return nlohmann::json::parse(incidentd::slack::parse_form(request.body)->at("payload"));
}

// The interaction posts (payload=...) among what the app received, in order.
std::vector<nlohmann::json> interactions_of(const LoopbackHttpServer& app) {
    std::vector<nlohmann::json> payloads;
    for (const auto& request : app.requests()) {
        if (request.body.starts_with("payload=")) payloads.push_back(payload_of(request));
    }
    return payloads;
}

}  // namespace

TEST_CASE("a slash command reaches the app as a signed form and its answer comes back") {
    LoopbackHttpServer app([](const Request&) {
        Answer answer;
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
                                                   {"view", declare_modal}})
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

TEST_CASE("a button press reaches the app as a signed block_actions payload about its message") {
    LoopbackHttpServer app;
    Emulator emulator(app_options(app));
    const std::string ts =
        emulator
            .api_json("chat.postMessage",
                      {{"channel", "C0INCIDENTS"}, {"text", "INC-1"}, {"blocks", summary_blocks}})
            .json()["ts"];
    auto result = emulator.post(
        "actions",
        {{"user", "bob"}, {"channel", "incidents"}, {"message_ts", ts}, {"action_id", "ack"}});
    REQUIRE(result["ok"] == true);
    // The app also hears its own post as a message event; the action is the form post.
    REQUIRE(app.wait_for_requests(2, 5s));
    auto requests = app.requests();
    auto action = std::find_if(requests.begin(), requests.end(),
                               [](const Request& r) { return r.body.starts_with("payload="); });
    REQUIRE(action != requests.end());
    CHECK(signed_correctly(*action));
    auto payload = payload_of(*action);
    CHECK(payload["type"] == "block_actions");
    CHECK(payload["user"]["id"] == "U0BOB");
    CHECK(payload["user"]["username"] == "bob");
    CHECK(payload["user"]["team_id"] == "T0EMULATOR");
    CHECK(payload["container"]["type"] == "message");
    CHECK(payload["container"]["message_ts"] == ts);
    CHECK(payload["container"]["channel_id"] == "C0INCIDENTS");
    CHECK(payload["channel"]["id"] == "C0INCIDENTS");
    CHECK(payload["message"]["ts"] == ts);
    CHECK(payload["message"]["blocks"] == summary_blocks);
    CHECK(payload["trigger_id"] == result["trigger_id"]);
    CHECK(payload["response_url"] == result["response_url"]);
    REQUIRE(payload["actions"].size() == 1);
    CHECK(payload["actions"][0]["action_id"] == "ack");
    CHECK(payload["actions"][0]["block_id"] == "buttons");
    CHECK(payload["actions"][0]["type"] == "button");
    CHECK(payload["actions"][0]["value"] == "INC-1");
    CHECK(payload["actions"][0]["text"] == plain("Acknowledge"));

    SECTION("its trigger_id opens a modal") {
        auto opened = emulator
                          .api_json("views.open", {{"trigger_id", payload["trigger_id"]},
                                                   {"view", declare_modal}})
                          .json();
        CHECK(opened["ok"] == true);
        CHECK(opened["view"]["user"] == "U0BOB");
    }
    SECTION("replace_original through its response_url edits the message") {
        auto replaced = incidentd::test::http_request(
            "POST", payload["response_url"], {{"Content-Type", "application/json"}},
            nlohmann::json{{"replace_original", true}, {"text", "Acked by bob"}}.dump());
        CHECK(replaced.status == 200);
        auto messages = emulator.get("channels/incidents/messages")["messages"];
        CHECK(messages[0]["text"] == "Acked by bob");
    }
}

TEST_CASE("only a button the message shows can be pressed") {
    LoopbackHttpServer app;
    Emulator emulator(app_options(app));
    const std::string ts =
        emulator
            .api_json("chat.postMessage",
                      {{"channel", "C0INCIDENTS"}, {"text", "INC-1"}, {"blocks", summary_blocks}})
            .json()["ts"];
    auto press = [&](nlohmann::json body) {
        body["user"] = "alice";
        body["channel"] = "incidents";
        body["message_ts"] = ts;
        return emulator.post("actions", body);
    };
    SECTION("an action_id the message does not have is refused") {
        auto result = press({{"action_id", "resolve"}});
        CHECK(result["ok"] == false);
        CHECK_THAT(result["error"].get<std::string>(), Catch::Contains("no element \"resolve\""));
    }
    SECTION("a block_id that does not hold the button is refused") {
        CHECK(press({{"action_id", "ack"}, {"block_id", "state"}})["ok"] == false);
        CHECK(press({{"action_id", "ack"}, {"block_id", "buttons"}})["ok"] == true);
    }
    SECTION("a value other than the button's is refused") {
        auto result = press({{"action_id", "ack"}, {"value", "INC-2"}});
        CHECK(result["ok"] == false);
        CHECK_THAT(result["error"].get<std::string>(), Catch::Contains("\"INC-1\""));
    }
    SECTION("a button with a confirm dialog needs \"confirmed\": true") {
        auto unconfirmed = press({{"action_id", "close"}});
        CHECK(unconfirmed["ok"] == false);
        CHECK_THAT(unconfirmed["error"].get<std::string>(),
                   Catch::Contains("Close INC-1?") && Catch::Contains("\"confirmed\": true"));
        auto confirmed = press({{"action_id", "close"}, {"confirmed", true}});
        CHECK(confirmed["ok"] == true);
        auto payloads = interactions_of(app);
        REQUIRE(payloads.size() == 1);
        CHECK(payloads[0]["actions"][0]["action_id"] == "close");
    }
}

namespace {

// Opens the declare modal for `user` and returns the view as views.open answered it.
nlohmann::json open_declare(const Emulator& emulator, const std::string& user,
                            const nlohmann::json& modal = declare_modal) {
    const std::string trigger = emulator.post("triggers", {{"user", user}})["trigger_id"];
    auto opened =
        emulator.api_json("views.open", {{"trigger_id", trigger}, {"view", modal}}).json();
    REQUIRE(opened["ok"] == true);
    return opened["view"];
}

nlohmann::json typed(const std::string& block, const std::string& text) {
    return {{block, {{block, {{"type", "plain_text_input"}, {"value", text}}}}}};
}

}  // namespace

TEST_CASE("a modal submission carries the view and the state of every input") {
    LoopbackHttpServer app;
    Emulator emulator(app_options(app));
    auto view = open_declare(emulator, "carol");
    auto result = emulator.post("views/submit",
                                {{"view_id", view["id"]}, {"values", typed("title", "DB down")}});
    REQUIRE(result["ok"] == true);
    CHECK(result["view_closed"] == true);
    auto payloads = interactions_of(app);
    REQUIRE(payloads.size() == 1);
    const auto& payload = payloads[0];
    CHECK(payload["type"] == "view_submission");
    CHECK(payload["user"]["id"] == "U0CAROL");
    CHECK(payload["trigger_id"] == result["trigger_id"]);
    CHECK(payload["view"]["id"] == view["id"]);
    CHECK(payload["view"]["callback_id"] == "declare");
    CHECK(payload["view"]["private_metadata"] == "C0INCIDENTS");
    CHECK(payload["view"]["hash"] == view["hash"]);
    const auto& values = payload["view"]["state"]["values"];
    CHECK(values["title"]["title"]["value"] == "DB down");
    CHECK(values["title"]["title"]["type"] == "plain_text_input");
    CHECK(values["severity"]["severity"]["selected_option"]["value"] == "sev3");
    CHECK(values["description"]["description"]["value"].is_null());
    // A closed modal is gone: it can be neither submitted nor updated.
    CHECK(emulator.get("views")["views"].empty());
    CHECK(emulator.post("views/submit", {{"view_id", view["id"]}})["ok"] == false);
}

TEST_CASE("a modal is not submitted while a required input is empty or values name no input") {
    LoopbackHttpServer app;
    Emulator emulator(app_options(app));
    auto view = open_declare(emulator, "carol");
    SECTION("an empty required input") {
        auto result = emulator.post("views/submit", {{"view_id", view["id"]}});
        CHECK(result["ok"] == false);
        CHECK_THAT(result["error"].get<std::string>(), Catch::Contains("\"title\" is required"));
    }
    SECTION("a block the view does not have") {
        auto result = emulator.post("views/submit",
                                    {{"view_id", view["id"]}, {"values", typed("team", "db")}});
        CHECK(result["ok"] == false);
        CHECK_THAT(result["error"].get<std::string>(), Catch::Contains("no input block \"team\""));
    }
    CHECK(interactions_of(app).empty());
}

TEST_CASE("a modal submission answered with errors stays open and shows them") {
    LoopbackHttpServer app([](const Request& request) {
        Answer answer;
        auto payload = payload_of(request);
        if (payload["view"]["state"]["values"]["title"]["title"]["value"] == " ") {
            answer.content_type = "application/json";
            answer.body = R"({"response_action":"errors","errors":{"title":"Give it a title"}})";
        }
        return answer;
    });
    Emulator emulator(app_options(app));
    auto view = open_declare(emulator, "carol");
    auto refused =
        emulator.post("views/submit", {{"view_id", view["id"]}, {"values", typed("title", " ")}});
    CHECK(refused["view_closed"] == false);
    CHECK(refused["errors"]["title"] == "Give it a title");
    CHECK_FALSE(refused.contains("problems"));
    CHECK(emulator.get("views")["views"].size() == 1);
    auto accepted = emulator.post("views/submit",
                                  {{"view_id", view["id"]}, {"values", typed("title", "DB down")}});
    CHECK(accepted["view_closed"] == true);
    CHECK(interactions_of(app).size() == 2);
}

TEST_CASE("a modal submission's response_action updates, pushes or clears as Slack does") {
    nlohmann::json next_answer;
    std::mutex mutex;
    LoopbackHttpServer app([&](const Request&) {
        std::lock_guard lock(mutex);
        Answer answer;
        if (!next_answer.is_null()) {
            answer.content_type = "application/json";
            answer.body = next_answer.dump();
        }
        return answer;
    });
    auto answer_with = [&](nlohmann::json answer) {
        std::lock_guard lock(mutex);
        next_answer = std::move(answer);
    };
    Emulator emulator(app_options(app));
    auto view = open_declare(emulator, "alice");
    auto submit = [&](const nlohmann::json& id) {
        return emulator.post("views/submit", {{"view_id", id}, {"values", typed("title", "x")}});
    };
    nlohmann::json confirm = {{"type", "modal"},
                              {"callback_id", "confirm"},
                              {"title", plain("Confirm")},
                              {"blocks", nlohmann::json::array()}};

    SECTION("update replaces the modal in place with a new hash") {
        answer_with({{"response_action", "update"}, {"view", confirm}});
        auto result = submit(view["id"]);
        CHECK(result["view_closed"] == false);
        CHECK(result["view"]["id"] == view["id"]);
        CHECK(result["view"]["callback_id"] == "confirm");
        CHECK(result["view"]["hash"] != view["hash"]);
    }
    SECTION("an update past Block Kit's limits is reported and leaves the modal as it was") {
        confirm["title"] = plain("A title longer than twenty-four");
        answer_with({{"response_action", "update"}, {"view", confirm}});
        auto result = submit(view["id"]);
        CHECK(result["view_closed"] == false);
        CHECK(result["problems"][0] ==
              "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]");
        CHECK(emulator.get("views")["views"][0]["callback_id"] == "declare");
    }
    SECTION("push stacks a modal; submitting it returns to the first, clear closes both") {
        answer_with({{"response_action", "push"}, {"view", confirm}});
        auto pushed = submit(view["id"]);
        CHECK(pushed["view_closed"] == false);
        CHECK(pushed["view"]["previous_view_id"] == view["id"]);
        CHECK(pushed["view"]["root_view_id"] == view["id"]);
        CHECK(emulator.get("views")["views"].size() == 2);

        SECTION("an empty answer closes the pushed modal only") {
            answer_with(nullptr);
            auto closed = emulator.post("views/submit", {{"view_id", pushed["view"]["id"]}});
            CHECK(closed["view_closed"] == true);
            auto views = emulator.get("views")["views"];
            REQUIRE(views.size() == 1);
            CHECK(views[0]["id"] == view["id"]);
        }
        SECTION("clear closes the whole stack") {
            answer_with({{"response_action", "clear"}});
            auto cleared = emulator.post("views/submit", {{"view_id", pushed["view"]["id"]}});
            CHECK(cleared["view_closed"] == true);
            CHECK(emulator.get("views")["views"].empty());
        }
    }
    SECTION("errors naming a block that is not an input of the view are reported") {
        answer_with({{"response_action", "errors"}, {"errors", {{"team", "Unknown team"}}}});
        auto result = submit(view["id"]);
        CHECK(result["view_closed"] == false);
        CHECK_THAT(result["problems"][0].get<std::string>(), Catch::Contains("\"team\""));
    }
}
