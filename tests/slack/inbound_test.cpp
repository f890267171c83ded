// Decoding what reaches /slack/events into one Inbound value: the event envelopes, slash
// commands, interactivity payloads, the choice by content type, and hostile input of every kind.
#include <catch2/catch.hpp>

#include "slack/form.hpp"
#include "slack/inbound.hpp"

using namespace incidentd::slack;

namespace {

// By value: the decoded result is usually a temporary.
template <class T>
T value_of(const Decoded<T>& decoded) {
    if (auto* error = std::get_if<DecodeError>(&decoded)) FAIL(error->what);
    return std::get<T>(decoded);
}

template <class T>
std::string error_of(const Decoded<T>& decoded) {
    auto* error = std::get_if<DecodeError>(&decoded);
    REQUIRE(error);
    return error->what;
}

const std::string form = "application/x-www-form-urlencoded";

}  // namespace

TEST_CASE("an event_callback keeps its envelope, its typed event and the raw body") {
    const std::string body =
        R"({"token":"XXYYZZ","team_id":"T0001","api_app_id":"A0001","type":"event_callback",)"
        R"("event_id":"Ev08MFMKH6","event_time":1764000000,)"
        R"("authorizations":[{"team_id":"T0001","user_id":"U0BOT","is_bot":true}],)"
        R"("event_context":"4-eyJldCI6Im1lc3NhZ2UifQ",)"
        R"("event":{"type":"message","channel":"C0INC","user":"U0ALICE","text":"hi",)"
        R"("ts":"1764000000.000100"}})";
    const auto& inbound = value_of(decode_event_body(body));
    const auto* callback = std::get_if<EventCallback>(&inbound);
    REQUIRE(callback);
    CHECK(callback->event_id == "Ev08MFMKH6");
    CHECK(callback->event_time == 1764000000);
    CHECK(callback->team_id == "T0001");
    CHECK(callback->api_app_id == "A0001");
    CHECK(callback->raw == body);
    CHECK(std::get<MessageEvent>(callback->event).text == "hi");
}

TEST_CASE("url_verification and app_rate_limited are their own values") {
    SECTION("url_verification carries the challenge") {
        const auto& inbound = value_of(decode_event_body(
            R"({"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"})"));
        CHECK(std::get<UrlVerification>(inbound).challenge ==
              "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }
    SECTION("app_rate_limited carries the limited minute") {
        const auto& inbound = value_of(decode_event_body(
            R"({"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","type":"app_rate_limited","team_id":"T0001",)"
            R"("minute_rate_limited":1518467820,"api_app_id":"A0001"})"));
        const auto& limited = std::get<AppRateLimited>(inbound);
        CHECK(limited.minute_rate_limited == 1518467820);
        CHECK(limited.team_id == "T0001");
    }
    SECTION("a url_verification without a challenge is an error") {
        CHECK(error_of(decode_event_body(R"({"type":"url_verification"})")) ==
              "event body: challenge is missing or empty");
    }
}

TEST_CASE("an envelope of an unknown type or without an event_id is refused") {
    CHECK(error_of(decode_event_body(R"({"type":"block_actions"})")) ==
          "event body: type \"block_actions\" is not a delivery incidentd knows "
          "(event_callback, url_verification, app_rate_limited)");
    CHECK(error_of(decode_event_body(
              R"({"type":"event_callback","event":{"type":"message","ts":"1.2"}})")) ==
          "event body: event_id is missing or empty");
    CHECK(error_of(decode_event_body(R"({"type":"event_callback","event_id":"Ev1"})")) ==
          "event body: event is missing");
}

TEST_CASE("a slash command keeps every field Slack sends, its text exactly as sent") {
    const std::string body =
        "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&team_domain=example&"
        "enterprise_id=E0001&enterprise_name=Globular%20Construct%20Inc&channel_id=C2147483705&"
        "channel_name=test&user_id=U2147483697&user_name=Steve&command=%2Fincident&"
        "text=declare+sev2+%3C%40U0BOB%7Cbob%3E+checkout+%26+payments+%22down%22&"
        "api_app_id=A123456&is_enterprise_install=false&"
        "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1234%2F5678&"
        "trigger_id=13345224609.738474920.8088930838d88f008e0";
    const auto& inbound = value_of(decode_http_request(form, body));
    const auto& command = std::get<SlashCommand>(inbound);
    CHECK(command.token == "gIkuvaNzQIHg97ATvDxqgjtO");
    CHECK(command.team_id == "T0001");
    CHECK(command.team_domain == "example");
    CHECK(command.enterprise_id == "E0001");
    CHECK(command.channel_id == "C2147483705");
    CHECK(command.channel_name == "test");
    CHECK(command.user_id == "U2147483697");
    CHECK(command.user_name == "Steve");
    CHECK(command.command == "/incident");
    CHECK(command.text == "declare sev2 <@U0BOB|bob> checkout & payments \"down\"");
    CHECK(command.api_app_id == "A123456");
    CHECK_FALSE(command.is_enterprise_install);
    CHECK(command.response_url == "https://hooks.slack.com/commands/1234/5678");
    CHECK(command.trigger_id == "13345224609.738474920.8088930838d88f008e0");
}

TEST_CASE("a slash command without its user, channel or command is refused by name") {
    FormFields fields{{"command", "/incident"}, {"user_id", "U1"}, {"channel_id", "C1"}};
    SECTION("all three present, no text: text is empty") {
        CHECK(value_of(decode_slash_command(fields)).text.empty());
    }
    SECTION("no user") {
        fields.erase("user_id");
        CHECK(error_of(decode_slash_command(fields)) ==
              "slash command: user_id is missing or empty");
    }
    SECTION("an empty channel") {
        fields["channel_id"] = "";
        CHECK(error_of(decode_slash_command(fields)) ==
              "slash command: channel_id is missing or empty");
    }
}

TEST_CASE("a block action carries who clicked what on which message") {
    const std::string payload = R"({"type":"block_actions",
        "user":{"id":"U0ALICE","username":"alice","name":"alice","team_id":"T0001"},
        "api_app_id":"A0001","token":"XXYYZZ",
        "container":{"type":"message","message_ts":"1764000000.000100","channel_id":"C0INC",
                     "is_ephemeral":false},
        "trigger_id":"12466734323.1395872398","team":{"id":"T0001","domain":"acme"},
        "channel":{"id":"C0INC","name":"inc-20261124-checkout-latency"},
        "message":{"type":"message","ts":"1764000000.000100","text":"INC-7"},
        "response_url":"https://hooks.slack.com/actions/T0001/1/2",
        "actions":[{"action_id":"resolve","block_id":"summary","type":"button",
                    "value":"INC-7","action_ts":"1764000100.000000"},
                   {"action_id":"sev","block_id":"summary","type":"static_select",
                    "selected_option":{"text":{"type":"plain_text","text":"SEV1"},"value":"sev1"},
                    "action_ts":"1764000101.000000"}]})";
    const auto& interaction = value_of(decode_interaction({{"payload", payload}}));
    CHECK(interaction.type == InteractionType::block_actions);
    CHECK(interaction.type_name == "block_actions");
    CHECK(interaction.user.id == "U0ALICE");
    CHECK(interaction.user.username == "alice");
    CHECK(interaction.team_id == "T0001");
    CHECK(interaction.trigger_id == "12466734323.1395872398");
    CHECK(interaction.response_url == "https://hooks.slack.com/actions/T0001/1/2");
    CHECK(interaction.channel_id == "C0INC");
    CHECK(interaction.message_ts == "1764000000.000100");
    REQUIRE(interaction.actions.size() == 2);
    CHECK(interaction.actions[0].action_id == "resolve");
    CHECK(interaction.actions[0].block_id == "summary");
    CHECK(interaction.actions[0].value == "INC-7");
    CHECK(interaction.actions[1].type == "static_select");
    CHECK(interaction.actions[1].selected_value == "sev1");
    CHECK_FALSE(interaction.view);
    CHECK(interaction.raw == payload);
}

TEST_CASE("a view submission carries the view and its state values as JSON") {
    const std::string payload = R"({"type":"view_submission","team":{"id":"T0001"},
        "user":{"id":"U0ALICE","username":"alice","team_id":"T0001"},
        "trigger_id":"1.2.3","view":{"id":"V0DECLARE","type":"modal","callback_id":"declare",
        "private_metadata":"{\"channel\":\"C0GENERAL\"}","hash":"1764000000.abcdef",
        "state":{"values":{"title":{"title_input":{"type":"plain_text_input",
                                                    "value":"checkout latency"}},
                           "sev":{"sev_select":{"type":"static_select",
                                  "selected_option":{"value":"sev2"}}}}}}})";
    const auto& interaction = value_of(decode_interaction_payload(payload));
    CHECK(interaction.type == InteractionType::view_submission);
    REQUIRE(interaction.view);
    CHECK(interaction.view->id == "V0DECLARE");
    CHECK(interaction.view->callback_id == "declare");
    CHECK(interaction.view->private_metadata == R"({"channel":"C0GENERAL"})");
    CHECK(interaction.view->hash == "1764000000.abcdef");
    CHECK(interaction.view->state_values["title"]["title_input"]["value"] == "checkout latency");
    CHECK(interaction.view->state_values["sev"]["sev_select"]["selected_option"]["value"] ==
          "sev2");
}

TEST_CASE("view_closed, shortcuts and unknown interaction types decode by type") {
    SECTION("view_closed") {
        auto decoded = decode_interaction_payload(
            R"({"type":"view_closed","user":{"id":"U1"},"view":{"id":"V1","callback_id":"declare"},"is_cleared":false})");
        CHECK(value_of(decoded).type == InteractionType::view_closed);
        CHECK(value_of(decoded).view->callback_id == "declare");
    }
    SECTION("a global shortcut") {
        auto decoded = decode_interaction_payload(
            R"({"type":"shortcut","callback_id":"declare_incident","trigger_id":"9.8.7","user":{"id":"U1","team_id":"T1"}})");
        CHECK(value_of(decoded).type == InteractionType::shortcut);
        CHECK(value_of(decoded).callback_id == "declare_incident");
        CHECK(value_of(decoded).team_id == "T1");
    }
    SECTION("a message shortcut") {
        auto decoded = decode_interaction_payload(
            R"({"type":"message_action","callback_id":"add_to_record","user":{"id":"U1"},"channel":{"id":"C1"},"message":{"ts":"1.2"}})");
        CHECK(value_of(decoded).type == InteractionType::message_action);
        CHECK(value_of(decoded).channel_id == "C1");
        CHECK(value_of(decoded).message_ts == "1.2");
    }
    SECTION("a type incidentd does not know") {
        auto decoded =
            decode_interaction_payload(R"({"type":"workflow_step_edit","user":{"id":"U1"}})");
        CHECK(value_of(decoded).type == InteractionType::other);
        CHECK(value_of(decoded).type_name == "workflow_step_edit");
    }
}

TEST_CASE("an interaction without a payload, a user or valid JSON is refused by name") {
    CHECK(error_of(decode_interaction({{"payload", ""}})) ==
          "interaction: the form has no payload field");
    CHECK(error_of(decode_interaction_payload(R"({"type":"block_actions"})")) ==
          "interaction payload: user is missing");
    CHECK(error_of(decode_interaction_payload(
              R"({"type":"block_actions","user":{"id":"U1"},"actions":{}})")) ==
          "interaction payload: actions must be an array, not an object");
    CHECK(error_of(decode_interaction_payload(
              R"({"type":"block_actions","user":{"id":"U1"},"actions":[{"block_id":"b"}]})")) ==
          "interaction payload: actions[0].action_id is missing or empty");
    CHECK(error_of(decode_interaction_payload("{\"type\":"))
              .starts_with("interaction payload is not valid JSON"));
    CHECK(error_of(decode_interaction_payload("[1,2]")) ==
          "interaction payload: must be an object, not an array");
}

TEST_CASE("the content type picks the decoder") {
    const std::string event = R"({"type":"url_verification","challenge":"c"})";
    SECTION("JSON, with parameters and in any case, is an Events API body") {
        CHECK(std::holds_alternative<UrlVerification>(
            value_of(decode_http_request("Application/JSON; charset=utf-8", event))));
    }
    SECTION("a form with payload is an interaction") {
        const std::string body = encode_form(
            {{"payload", R"({"type":"block_actions","user":{"id":"U1"},"actions":[]})"}});
        CHECK(std::holds_alternative<Interaction>(value_of(decode_http_request(form, body))));
    }
    SECTION("a form with command is a slash command") {
        const std::string body = encode_form(
            {{"command", "/incident"}, {"text", "help"}, {"user_id", "U1"}, {"channel_id", "C1"}});
        CHECK(std::holds_alternative<SlashCommand>(
            value_of(decode_http_request(form + "; charset=utf-8", body))));
    }
    SECTION("a form with neither is refused") {
        CHECK(error_of(decode_http_request(form, "user_id=U1")) ==
              "form body has neither a payload field (interactivity) nor a command field (slash "
              "command)");
    }
    SECTION("a form with broken encoding is refused") {
        CHECK(error_of(decode_http_request(form, "command=%ZZ")) ==
              "form body is not valid application/x-www-form-urlencoded");
    }
    SECTION("any other content type is refused, naming the types Slack sends") {
        auto what = error_of(decode_http_request("text/plain", event));
        CHECK(what.starts_with("content type \"text/plain\" is not one Slack sends"));
        CHECK(error_of(decode_http_request("", event)).starts_with("content type \"\""));
    }
}

TEST_CASE("hostile JSON is refused with a message, never an exception or a crash") {
    SECTION("not JSON at all, truncated, or empty") {
        for (const char* body : {"", "not json", "{\"type\":\"event_callback\"", "{}}", "\x01"}) {
            CHECK(error_of(decode_event_body(body)).starts_with("event body is not valid JSON"));
        }
    }
    SECTION("a body that is not an object") {
        for (const char* body : {"[]", "\"event_callback\"", "42", "null", "true"}) {
            CHECK(error_of(decode_event_body(body)) ==
                  "event body: must be an object, not " + std::string{body[0] == '['   ? "an array"
                                                                      : body[0] == '"' ? "a string"
                                                                      : body[0] == '4' ? "a number"
                                                                      : body[0] == 'n'
                                                                          ? "null"
                                                                          : "a boolean"});
        }
    }
    SECTION("nesting far deeper than any Slack payload") {
        const std::string deep = std::string(100000, '[') + std::string(100000, ']');
        CHECK(error_of(decode_event_body(deep)) == "event body nests deeper than 64 levels");
        const std::string deep_event = R"({"type":"event_callback","event_id":"Ev1","event":)" +
                                       std::string(5000, '[') + std::string(5000, ']') + "}";
        CHECK(error_of(decode_event_body(deep_event)) == "event body nests deeper than 64 levels");
    }
    SECTION("nesting as deep as rich-text blocks is fine") {
        std::string blocks = "1";
        for (int i = 0; i < 20; ++i)
            blocks = R"({"elements":[)" + blocks + "]}";
        const std::string body =
            R"({"type":"event_callback","event_id":"Ev1","event":{"type":"message","ts":"1.2","blocks":[)" +
            blocks + "]}}";
        CHECK(std::holds_alternative<EventCallback>(value_of(decode_event_body(body))));
    }
    SECTION("numbers too large, fractional or as text where a whole number belongs") {
        auto with_time = [](const std::string& time) {
            return decode_event_body(R"({"type":"event_callback","event_id":"Ev1","event_time":)" +
                                     time + R"(,"event":{"type":"app_home_opened","user":"U1"}})");
        };
        CHECK(error_of(with_time("18446744073709551615")) == "event body: event_time is too large");
        CHECK(error_of(with_time("1e300")) ==
              "event body: event_time must be a whole number, not a number");
        CHECK(error_of(with_time("1764000000.5")) ==
              "event body: event_time must be a whole number, not a number");
        CHECK(error_of(with_time("\"1764000000\"")) ==
              "event body: event_time must be a whole number, not a string");
        CHECK(error_of(with_time("1e999")).starts_with("event body is not valid JSON"));
        CHECK(value_of(with_time("-1")).index() == 0);
    }
    SECTION("wrong types for the envelope's own fields") {
        CHECK(error_of(decode_event_body(R"({"type":7})")) ==
              "event body: type must be a string, not a number");
        CHECK(error_of(decode_event_body(R"({"type":"event_callback","event_id":["Ev1"]})")) ==
              "event body: event_id must be a string, not an array");
        CHECK(error_of(decode_event_body(R"({"type":"url_verification","challenge":{}})")) ==
              "event body: challenge must be a string, not an object");
    }
    SECTION("strings that are not UTF-8") {
        CHECK(error_of(
                  decode_event_body("{\"type\":\"url_verification\",\"challenge\":\"\xff\xfe\"}"))
                  .starts_with("event body is not valid JSON"));
    }
    SECTION("an echoed unknown type is cut short") {
        const std::string type(10000, 'x');
        auto what = error_of(decode_event_body(R"({"type":")" + type + "\"}"));
        CHECK(what.size() < 300);
    }
}
