// What a person sees of a message: blocks over the fallback text, then attachments, in the order
// Slack draws them, written as Slack's own mrkdwn.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "slack/message_content.hpp"

using incidentd::slack::message_content;
using nlohmann::json;

namespace {

std::string content(const char* message_json) {
    return message_content(json::parse(message_json));
}

}  // namespace

TEST_CASE("a message with only text shows its text as Slack sent it") {
    CHECK(content(R"({"type":"message","text":"checkout p99 is 4s &lt; 5s"})") ==
          "checkout p99 is 4s &lt; 5s");
    CHECK(content(R"({"type":"message"})").empty());
}

TEST_CASE("rich text a person typed shows once, from its blocks, not again from its text") {
    const char* typed =
        R"({"type":"message","text":"*rollback* of <https://deploy.example.com/42|deploy 42> by <@U0BOB> :rewind:",
        "blocks":[{"type":"rich_text","block_id":"x1","elements":[{"type":"rich_text_section",
        "elements":[{"type":"text","text":"rollback","style":{"bold":true}},
                    {"type":"text","text":" of "},
                    {"type":"link","url":"https://deploy.example.com/42","text":"deploy 42"},
                    {"type":"text","text":" by "},{"type":"user","user_id":"U0BOB"},
                    {"type":"text","text":" "},{"type":"emoji","name":"rewind","unicode":"23ea"}]}]}]})";
    CHECK(content(typed) ==
          "*rollback* of <https://deploy.example.com/42|deploy 42> by <@U0BOB> :rewind:");
}

TEST_CASE("every inline rich text element is written as Slack writes it in text") {
    const std::string message = R"({"blocks":[{"type":"rich_text","elements":[
        {"type":"rich_text_section","elements":[
          {"type":"broadcast","range":"here"},{"type":"text","text":" "},
          {"type":"usergroup","usergroup_id":"S0ONCALL"},{"type":"text","text":" see "},
          {"type":"channel","channel_id":"C0DB"},{"type":"text","text":" and "},
          {"type":"link","url":"https://status.example.com"},{"type":"text","text":", "},
          {"type":"text","text":"slow","style":{"italic":true}},{"type":"text","text":" "},
          {"type":"text","text":"gone","style":{"strike":true}},{"type":"text","text":" "},
          {"type":"text","text":"SELECT 1","style":{"code":true}},{"type":"text","text":" "},
          {"type":"emoji","name":"wave","skin_tone":3},
          {"type":"text","text":" a < b & c"}]}]}]})";
    CHECK(message_content(json::parse(message)) ==
          "<!here> <!subteam^S0ONCALL> see <#C0DB> and <https://status.example.com>, _slow_ "
          "~gone~ `SELECT 1` :wave::skin-tone-3: a &lt; b &amp; c");

    SECTION("a style's markers hug the words, leaving the spaces around them outside") {
        CHECK(content(R"({"blocks":[{"type":"rich_text","elements":[{"type":"rich_text_section",
            "elements":[{"type":"text","text":"very ","style":{"bold":true,"italic":true}},
                        {"type":"text","text":"bad"}]}]}]})") == "*_very_* bad");
    }
}

TEST_CASE("rich text lists, quotes and code blocks each start lines of their own") {
    const char* message = R"({"text":"fallback","blocks":[{"type":"rich_text","elements":[
        {"type":"rich_text_section","elements":[{"type":"text","text":"Steps so far:\n"}]},
        {"type":"rich_text_list","style":"bullet","indent":0,"elements":[
          {"type":"rich_text_section","elements":[{"type":"text","text":"drained eu-west"}]},
          {"type":"rich_text_section","elements":[{"type":"text","text":"paused deploys"}]}]},
        {"type":"rich_text_list","style":"bullet","indent":1,"elements":[
          {"type":"rich_text_section","elements":[{"type":"text","text":"except hotfixes"}]}]},
        {"type":"rich_text_list","style":"ordered","indent":0,"offset":2,"elements":[
          {"type":"rich_text_section","elements":[{"type":"text","text":"page the DBA"}]}]},
        {"type":"rich_text_quote","elements":[{"type":"text","text":"is it the cache?\nor DNS"}]},
        {"type":"rich_text_preformatted","elements":[{"type":"text","text":"kubectl rollout undo"}]},
        {"type":"rich_text_section","elements":[{"type":"text","text":"done"}]}]}]})";
    CHECK(content(message) ==
          "Steps so far:\n"
          "• drained eu-west\n"
          "• paused deploys\n"
          "    • except hotfixes\n"
          "3. page the DBA\n"
          "> is it the cache?\n"
          "> or DNS\n"
          "```kubectl rollout undo```\n"
          "done");
}

TEST_CASE("Block Kit posts show their header, section text and fields, and context") {
    const char* datadog = R"({"text":"Triggered: p99 latency on checkout","blocks":[
        {"type":"header","text":{"type":"plain_text","text":"Triggered: p99 latency > 2s","emoji":true}},
        {"type":"section","text":{"type":"mrkdwn","text":"*checkout-api* p99 is *4.2s*"},
         "fields":[{"type":"mrkdwn","text":"*Env:* prod"},{"type":"plain_text","text":"Region: eu-west-1"}],
         "accessory":{"type":"button","text":{"type":"plain_text","text":"Ack"},"action_id":"ack"}},
        {"type":"divider"},
        {"type":"actions","elements":[{"type":"button","text":{"type":"plain_text","text":"Open"}}]},
        {"type":"context","elements":[{"type":"image","image_url":"https://x/y.png","alt_text":"dd"},
                                      {"type":"mrkdwn","text":"Datadog monitor 4242"},
                                      {"type":"plain_text","text":"10:02 UTC"}]}]})";
    CHECK(content(datadog) ==
          "Triggered: p99 latency &gt; 2s\n"
          "*checkout-api* p99 is *4.2s*\n"
          "*Env:* prod\n"
          "Region: eu-west-1\n"
          "Datadog monitor 4242 10:02 UTC");

    SECTION("blocks that show no text leave the text to say what the message is") {
        CHECK(content(R"({"text":"Deploy approved","blocks":[{"type":"divider"},
            {"type":"actions","elements":[]}]})") == "Deploy approved");
    }
}

TEST_CASE("legacy attachments follow the text, each drawn as a quoted bar in Slack's order") {
    const char* pagerduty = R"({"type":"message","subtype":"bot_message","text":"",
        "attachments":[{"fallback":"Triggered #4711: checkout p99","color":"a8171c",
          "pretext":"New incident","author_name":"PagerDuty",
          "title":"#4711 checkout p99 above 2s","title_link":"https://acme.pagerduty.com/incidents/4711",
          "text":"Service: checkout-api\nUrgency: high",
          "fields":[{"title":"Assigned","value":"alice","short":true},
                    {"title":"Escalation","value":"Default","short":true},
                    {"title":"","value":"no title"}],
          "footer":"PagerDuty","ts":1764000000}]})";
    CHECK(content(pagerduty) ==
          "New incident\n"
          "> PagerDuty\n"
          "> <https://acme.pagerduty.com/incidents/4711|#4711 checkout p99 above 2s>\n"
          "> Service: checkout-api\n"
          "> Urgency: high\n"
          "> • Assigned: alice\n"
          "> • Escalation: Default\n"
          "> • no title\n"
          "> PagerDuty");

    SECTION("text and attachments both show, text first, each attachment apart") {
        CHECK(content(R"({"text":"[FIRING:1] HighLatency","attachments":[
            {"title":"HighLatency","text":"p99 &gt; 2s"},{"title":"HighErrorRate"}]})") ==
              "[FIRING:1] HighLatency\n> HighLatency\n> p99 &gt; 2s\n\n> HighErrorRate");
    }
    SECTION("blocks replace the text, and attachments still follow them") {
        CHECK(content(R"({"text":"fallback","blocks":[{"type":"section",
            "text":{"type":"mrkdwn","text":"*Firing* HighLatency"}}],
            "attachments":[{"color":"#d63232","blocks":[{"type":"section",
            "text":{"type":"mrkdwn","text":"value: 4.2s"}}],"footer":"Grafana"}]})") ==
              "*Firing* HighLatency\n> value: 4.2s\n> Grafana");
    }
    SECTION("an attachment with nothing else shows its fallback") {
        CHECK(
            content(
                R"({"text":"","attachments":[{"fallback":"Build 981 failed","color":"danger"}]})") ==
            "> Build 981 failed");
    }
}

TEST_CASE("link previews are not content; a shared message is") {
    CHECK(content(R"({"text":"see <https://status.example.com>","attachments":[
        {"from_url":"https://status.example.com","service_name":"Statuspage",
         "title":"All systems operational","title_link":"https://status.example.com"}]})") ==
          "see <https://status.example.com>");
    CHECK(content(R"({"text":"<https://acme.slack.com/archives/C0A/p1>","attachments":[
        {"is_msg_unfurl":true,"author_name":"bob","text":"quoted"}]})") ==
          "<https://acme.slack.com/archives/C0A/p1>");
    CHECK(content(R"({"text":"fyi","attachments":[{"is_share":true,"is_msg_unfurl":true,
        "from_url":"https://acme.slack.com/archives/C0A/p1","author_name":"bob",
        "text":"db is read-only"}]})") == "fyi\n> bob\n> db is read-only");
}

TEST_CASE("blocks and attachments of unexpected shapes show nothing instead of failing") {
    CHECK(content(R"({"text":"still here","blocks":"not a list","attachments":{"a":1}})") ==
          "still here");
    CHECK(content(R"({"text":"still here","blocks":[7,null,{"type":"rich_text","elements":[
        {"type":"rich_text_section","elements":[{"type":"text","text":42},{"type":"future"}]}]},
        {"type":"section","text":"plain string"},{"type":"header"}],
        "attachments":[3,{"fields":[1,{"title":5}]}]})") == "still here");
    CHECK(message_content(json("a string")).empty());
}
