// Which body each Web API method gets, and how arguments are encoded into it.
#include <catch2/catch.hpp>

#include "slack/api_methods.hpp"
#include "slack/form.hpp"

using namespace incidentd::slack;

TEST_CASE("write methods that accept JSON get a JSON body") {
    for (const char* method :
         {"chat.postMessage", "chat.update", "views.open", "conversations.create",
          "conversations.invite", "conversations.setTopic", "conversations.archive",
          "conversations.join", "pins.add", "reactions.add", "bookmarks.add"}) {
        INFO(method);
        auto encoded = encode_arguments(method, {{"channel", "C1"}, {"is_private", false}});
        CHECK(encoded.content_type == "application/json; charset=utf-8");
        CHECK(nlohmann::json::parse(encoded.body) ==
              nlohmann::json{{"channel", "C1"}, {"is_private", false}});
    }
}

TEST_CASE("read methods and the file and connection methods get a form body") {
    for (const char* method :
         {"users.info", "conversations.info", "conversations.history", "conversations.replies",
          "conversations.members", "chat.getPermalink", "auth.test", "files.getUploadURLExternal",
          "files.completeUploadExternal", "apps.connections.open"}) {
        INFO(method);
        CHECK(method_spec(method).encoding == BodyEncoding::form);
        CHECK(encode_arguments(method, nlohmann::json::object()).content_type ==
              "application/x-www-form-urlencoded");
    }
}

TEST_CASE("in a form body complex arguments travel as JSON strings and nulls are left out") {
    nlohmann::json files = nlohmann::json::array({{{"id", "F1"}, {"title", "a & b"}}});
    auto encoded = encode_arguments("files.completeUploadExternal", {{"files", files},
                                                                     {"channel_id", "C1"},
                                                                     {"limit", 200},
                                                                     {"inclusive", true},
                                                                     {"thread_ts", nullptr}});
    auto fields = parse_form(encoded.body);
    REQUIRE(fields);
    CHECK(fields->size() == 4);
    CHECK(nlohmann::json::parse(fields->at("files")) == files);
    CHECK(fields->at("channel_id") == "C1");
    CHECK(fields->at("limit") == "200");
    CHECK(fields->at("inclusive") == "true");
    CHECK(fields->count("thread_ts") == 0);
}

TEST_CASE("a method missing from the table is sent as a form at Tier 3") {
    auto spec = method_spec("emoji.list");
    CHECK(spec.encoding == BodyEncoding::form);
    CHECK(spec.tier == RateTier::tier3);
}

TEST_CASE("chat.postMessage is paced per channel and the tiers allow Slack's calls a minute") {
    CHECK(method_spec("chat.postMessage").tier == RateTier::per_channel);
    CHECK(method_spec("apps.connections.open").tier == RateTier::tier1);
    CHECK(method_spec("conversations.create").tier == RateTier::tier2);
    CHECK(calls_per_minute(RateTier::tier1) == 1);
    CHECK(calls_per_minute(RateTier::tier2) == 20);
    CHECK(calls_per_minute(RateTier::tier3) == 50);
    CHECK(calls_per_minute(RateTier::tier4) == 100);
}
