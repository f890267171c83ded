// What `incidentd serve` refuses: requests Slack did not sign (or signed too long ago), bodies that
// are not JSON or are too large, commands used in the wrong place or with bad arguments, and a
// start without the credentials it needs. None of them leaves a trace in the record.
#include <catch2/catch.hpp>

#include <chrono>
#include <ctime>
#include <string>

#include <nlohmann/json.hpp>

#include "support/command.hpp"
#include "support/incidentd.hpp"

using namespace std::chrono_literals;
using incidentd::test::contains;
using incidentd::test::plain_http;
using incidentd::test::ServeStack;
using incidentd::test::StackOptions;
using nlohmann::json;

namespace {

// A message event from bob in `channel`, its ts made unique by the event id's last digits.
std::string message_event(const std::string& channel, const std::string& event_id,
                          const std::string& text) {
    const std::string ts =
        std::to_string(std::time(nullptr)) + ".00" + event_id.substr(event_id.size() - 4);
    return incidentd::test::message_event_body(channel, event_id, text, ts);
}

bool recorded(ServeStack& stack, const std::string& text) {
    const json record = stack.incidentd().export_json("INC-1");
    for (const auto& e : record["entries"])
        if (e["text"] == text) return true;
    return false;
}

// Sends a well-signed message and waits until it is in the record: whatever was sent before it
// has been dealt with by then.
void settle(ServeStack& stack, const std::string& channel) {
    const std::string text = "a message that is signed correctly";
    auto answer = stack.incidentd().post_signed(message_event(channel, "Ev0SETTLE0001", text),
                                                "application/json");
    REQUIRE(answer.status == 200);
    CHECK(recorded(stack, text));
}

// The entries a command that did something leaves: what a refused command must not add to.
std::vector<json> changes_of(const json& record) {
    std::vector<json> found;
    for (const auto& e : record["entries"])
        for (const char* kind :
             {"command", "severity", "role", "status_update", "resolved", "closed"})
            if (e["kind"] == kind) found.push_back(e);
    return found;
}

std::string answer_text(const json& slash) {
    return slash["text"];
}

bool shown_in_channel(const json& slash) {
    return slash["answer"].is_object() &&
           slash["answer"].value("response_type", "") == "in_channel";
}

}  // namespace

TEST_CASE(
    "requests that are unsigned or stale or not JSON or too large are refused and "
    "record nothing",
    "[serve]") {
    ServeStack stack(plain_http());
    const std::string channel = stack.declare("sev2 Payments API errors");
    const std::string text = "this must not be recorded";
    const std::string body = message_event(channel, "Ev0REJECT0001", text);
    auto& incidentd = stack.incidentd();

    SECTION("a signature made with another secret: 401") {
        auto answer = incidentd.post_signed(body, "application/json", {},
                                            incidentd::test::unix_seconds_now(), "not-the-secret");
        CHECK(answer.status == 401);
    }
    SECTION("no signature headers at all: 401") {
        CHECK(incidentd.post_raw(body, {{"Content-Type", "application/json"}}).status == 401);
    }
    SECTION("a body changed after it was signed: 401") {
        const std::string ts = incidentd::test::unix_seconds_now();
        const std::string signature = incidentd::slack::compute_signature(
            incidentd::test::Emulator::signing_secret, ts, body);
        std::string altered = body;
        altered.replace(altered.find("must not"), 8, "must now");
        auto answer = incidentd.post_raw(altered, {{"Content-Type", "application/json"},
                                                   {"X-Slack-Request-Timestamp", ts},
                                                   {"X-Slack-Signature", signature}});
        CHECK(answer.status == 401);
    }
    SECTION("a timestamp more than five minutes old, correctly signed: 401") {
        const std::string stale = std::to_string(std::time(nullptr) - 6 * 60);
        CHECK(incidentd.post_signed(body, "application/json", {}, stale).status == 401);
    }
    SECTION("signed JSON that does not parse: 400") {
        const std::string broken = body.substr(0, body.size() / 2);
        CHECK(incidentd.post_signed(broken, "application/json").status == 400);
    }
    SECTION("a signed body over 1 MiB: 413") {
        const std::string huge = message_event(channel, "Ev0REJECT0001", std::string(1100000, 'x'));
        CHECK(incidentd.post_signed(huge, "application/json").status == 413);
    }
    settle(stack, channel);
    CHECK_FALSE(recorded(stack, text));
    CHECK(contains(incidentd.get("/metrics").body, "incidentd_requests_total"));
}

TEST_CASE("the same event correctly signed is accepted and recorded", "[serve]") {
    ServeStack stack(plain_http());
    const std::string channel = stack.declare("sev2 Payments API errors");
    const std::string text = "p99 is back under 300ms";
    auto answer = stack.incidentd().post_signed(message_event(channel, "Ev0ACCEPT0001", text),
                                                "application/json");
    CHECK(answer.status == 200);
    CHECK(recorded(stack, text));
}

TEST_CASE(
    "a subcommand used outside an incident channel or with bad arguments gets a clear "
    "ephemeral answer and changes nothing",
    "[serve]") {
    ServeStack stack(plain_http());
    const std::string channel = stack.declare("sev2 Payments API errors");
    stack.wait_delivered(channel);
    const auto before = stack.incidentd().export_json("INC-1");

    SECTION("incident-only subcommands in #incidents say where they work") {
        for (const std::string command : {"resolve", "close", "sev 1", "update all good"}) {
            auto answer = stack.slash("alice", "C0INCIDENTS", command);
            INFO(command << " -> " << answer.dump());
            CHECK(answer["ok"] == true);
            CHECK(contains(answer_text(answer), "incident's channel"));
            CHECK_FALSE(shown_in_channel(answer));
        }
    }
    SECTION("bad arguments in the incident channel get the usage line") {
        for (const auto& [command, expected] : std::vector<std::pair<std::string, std::string>>{
                 {"sev 9", "Usage: /incident sev"},
                 {"role boss <@U0BOB|bob>", "is not a role"},
                 {"role commander bob", "is not a Slack mention"},
                 {"frobnicate", "Usage: /incident"},
                 {"update", "Usage: /incident update"}}) {
            auto answer = stack.slash("alice", channel, command);
            INFO(command << " -> " << answer.dump());
            CHECK(answer["ok"] == true);
            CHECK(contains(answer_text(answer), expected));
            CHECK_FALSE(shown_in_channel(answer));
        }
    }
    const auto after = stack.incidentd().export_json("INC-1");
    CHECK(after["severity"] == before["severity"]);
    CHECK(after["state"] == "active");
    CHECK(after["roles"] == before["roles"]);
    CHECK(changes_of(after) == changes_of(before));
}

TEST_CASE("serve without the bot token or the signing secret stops with status 2 naming it",
          "[serve]") {
    incidentd::test::TempDir dir;
    incidentd::test::CommandOptions options;
    options.cwd = dir.path();
    options.timeout = 10s;
    options.env = {{"INCIDENTD_STORE_PATH", dir.file("incidentd.db")},
                   {"INCIDENTD_SERVER_LISTEN", "127.0.0.1:0"},
                   {"INCIDENTD_SLACK_API_URL", "http://127.0.0.1:9/api/"}};
    options.unset_env = {"INCIDENTD_CONFIG", "SLACK_APP_TOKEN"};
    SECTION("no bot token") {
        options.env["SLACK_SIGNING_SECRET"] = "emulator-signing-secret";
        options.unset_env.push_back("SLACK_BOT_TOKEN");
        auto result =
            incidentd::test::run_command(INCIDENTD_BINARY_DIR "/incidentd", {"serve"}, options);
        CHECK(result.status == 2);
        CHECK(contains(result.err, "SLACK_BOT_TOKEN"));
    }
    SECTION("no signing secret") {
        options.env["SLACK_BOT_TOKEN"] = "xoxb-emulator-bot-token";
        options.unset_env.push_back("SLACK_SIGNING_SECRET");
        auto result =
            incidentd::test::run_command(INCIDENTD_BINARY_DIR "/incidentd", {"serve"}, options);
        CHECK(result.status == 2);
        CHECK(contains(result.err, "SLACK_SIGNING_SECRET"));
        CHECK_FALSE(contains(result.out + result.err, "xoxb-emulator-bot-token"));
    }
}
