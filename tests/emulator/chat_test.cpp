// chat.*: posting, its errors, updates, ephemeral messages and permalinks.
#include <catch2/catch.hpp>

#include "support/emulator.hpp"

using incidentd::test::Emulator;

TEST_CASE("chat.postMessage posts as the bot and reports Slack's errors") {
    Emulator emulator;
    auto post = [&](std::vector<std::pair<std::string, std::string>> args) {
        return emulator.api("chat.postMessage", args).json();
    };
    SECTION("a post answers its channel, ts and the message with bot_id") {
        auto body = post({{"channel", "C0INCIDENTS"}, {"text", "INC-1 declared"}});
        REQUIRE(body["ok"] == true);
        CHECK(body["channel"] == "C0INCIDENTS");
        CHECK(body["message"]["bot_id"] == "B0INCIDENTD");
        CHECK(body["message"]["text"] == "INC-1 declared");
        auto messages = emulator.get("channels/C0INCIDENTS/messages")["messages"];
        REQUIRE(messages.size() == 1);
        CHECK(messages[0]["ts"] == body["ts"]);
    }
    SECTION("blocks may come as a JSON array in a JSON body") {
        nlohmann::json blocks = nlohmann::json::array(
            {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "*SEV1*"}}}}});
        auto body =
            emulator
                .api_json("chat.postMessage",
                          {{"channel", "C0INCIDENTS"}, {"text", "fallback"}, {"blocks", blocks}})
                .json();
        REQUIRE(body["ok"] == true);
        CHECK(body["message"]["blocks"] == blocks);
    }
    SECTION("errors: channel_not_found, not_in_channel, no_text, msg_too_long, too_many_blocks") {
        CHECK(post({{"channel", "C404"}, {"text", "x"}})["error"] == "channel_not_found");
        CHECK(post({{"text", "x"}})["error"] == "channel_not_found");
        CHECK(post({{"channel", "C0GENERAL"}, {"text", "x"}})["error"] == "not_in_channel");
        CHECK(post({{"channel", "C0INCIDENTS"}})["error"] == "no_text");
        CHECK(post({{"channel", "C0INCIDENTS"}, {"text", std::string(40'001, 'a')}})["error"] ==
              "msg_too_long");
        nlohmann::json blocks = nlohmann::json::array();
        for (int i = 0; i < 51; ++i)
            blocks.push_back({{"type", "divider"}});
        CHECK(
            post({{"channel", "C0INCIDENTS"}, {"text", "x"}, {"blocks", blocks.dump()}})["error"] ==
            "too_many_blocks");
        CHECK(emulator.get("channels/C0INCIDENTS/messages")["messages"].empty());
    }
    SECTION("metadata is kept with the message and shown in the history") {
        nlohmann::json metadata = {{"event_type", "incidentd_action"},
                                   {"event_payload", {{"key", "INC-1/announce/t1"}}}};
        auto body =
            emulator
                .api_json("chat.postMessage",
                          {{"channel", "C0INCIDENTS"}, {"text", "x"}, {"metadata", metadata}})
                .json();
        REQUIRE(body["ok"] == true);
        auto history = emulator.api("conversations.history", {{"channel", "C0INCIDENTS"}}).json();
        CHECK(history["messages"][0]["metadata"] == metadata);
        CHECK(emulator
                  .api_json("chat.postMessage", {{"channel", "C0INCIDENTS"},
                                                 {"text", "x"},
                                                 {"metadata", {{"event_payload", 1}}}})
                  .json()["error"] == "invalid_metadata_format");
    }
    SECTION("a user id as the channel posts in the app's direct messages with that user") {
        auto first = post({{"channel", "U0ALICE"}, {"text", "postmortem reminder"}});
        REQUIRE(first["ok"] == true);
        const std::string dm = first["channel"];
        CHECK(dm.starts_with("D"));
        CHECK(post({{"channel", "U0ALICE"}, {"text", "again"}})["channel"] == dm);
        CHECK(post({{"channel", "U0BOB"}, {"text", "bob's"}})["channel"] != dm);
        auto messages = emulator.get("channels/" + dm + "/messages")["messages"];
        REQUIRE(messages.size() == 2);
        CHECK(messages[0]["text"] == "postmortem reminder");
        CHECK(post({{"channel", "U0NOBODY"}, {"text", "x"}})["error"] == "channel_not_found");
    }
}

TEST_CASE("chat.getPermalink builds Slack's archive links") {
    Emulator emulator;
    auto parent = emulator.api("chat.postMessage", {{"channel", "C0INCIDENTS"}, {"text", "p"}})
                      .json()["ts"]
                      .get<std::string>();
    auto reply = emulator
                     .api("chat.postMessage",
                          {{"channel", "C0INCIDENTS"}, {"text", "r"}, {"thread_ts", parent}})
                     .json()["ts"]
                     .get<std::string>();
    auto digits = [](std::string ts) {
        ts.erase(ts.find('.'), 1);
        return ts;
    };
    auto link = [&](const std::string& ts) {
        return emulator.api("chat.getPermalink", {{"channel", "C0INCIDENTS"}, {"message_ts", ts}})
            .json();
    };
    CHECK(link(parent)["permalink"] ==
          "https://emulator.slack.com/archives/C0INCIDENTS/p" + digits(parent));
    CHECK(link(reply)["permalink"] == "https://emulator.slack.com/archives/C0INCIDENTS/p" +
                                          digits(reply) + "?thread_ts=" + parent +
                                          "&cid=C0INCIDENTS");
    CHECK(link("1.000001")["error"] == "message_not_found");
}

TEST_CASE("chat.update edits the bot's own messages only") {
    Emulator emulator;
    auto ts = emulator.api("chat.postMessage", {{"channel", "C0INCIDENTS"}, {"text", "old"}})
                  .json()["ts"]
                  .get<std::string>();
    auto body =
        emulator.api_json("chat.update", {{"channel", "C0INCIDENTS"}, {"ts", ts}, {"text", "new"}})
            .json();
    REQUIRE(body["ok"] == true);
    auto messages = emulator.get("channels/C0INCIDENTS/messages")["messages"];
    CHECK(messages[0]["text"] == "new");
    CHECK(messages[0]["edited"]["user"] == "U0INCIDENTD");

    auto alice =
        emulator.post("messages", {{"user", "alice"}, {"channel", "incidents"}, {"text", "hi"}});
    CHECK(emulator
              .api("chat.update", {{"channel", "C0INCIDENTS"}, {"ts", alice["ts"]}, {"text", "x"}})
              .json()["error"] == "cant_update_message");
}

TEST_CASE("chat.postEphemeral shows a message to one member") {
    Emulator emulator;
    auto body = emulator
                    .api("chat.postEphemeral",
                         {{"channel", "C0INCIDENTS"}, {"user", "U0BOB"}, {"text", "only bob"}})
                    .json();
    REQUIRE(body["ok"] == true);
    CHECK(body["message_ts"].is_string());
    auto state = emulator.get("channels/C0INCIDENTS/messages");
    CHECK(state["messages"].empty());
    REQUIRE(state["ephemeral"].size() == 1);
    CHECK(state["ephemeral"][0]["user"] == "U0BOB");
    CHECK(emulator
              .api("chat.postEphemeral",
                   {{"channel", "C0INCIDENTS"}, {"user", "U0NOBODY"}, {"text", "x"}})
              .json()["error"] == "user_not_found");
}

TEST_CASE("pins, reactions and bookmarks refuse doing the same thing twice") {
    Emulator emulator;
    auto ts = emulator.api("chat.postMessage", {{"channel", "C0INCIDENTS"}, {"text", "pin me"}})
                  .json()["ts"]
                  .get<std::string>();
    std::vector<std::pair<std::string, std::string>> item{{"channel", "C0INCIDENTS"},
                                                          {"timestamp", ts}};
    CHECK(emulator.api("pins.add", item).json()["ok"] == true);
    CHECK(emulator.api("pins.add", item).json()["error"] == "already_pinned");
    item.emplace_back("name", "eyes");
    CHECK(emulator.api("reactions.add", item).json()["ok"] == true);
    CHECK(emulator.api("reactions.add", item).json()["error"] == "already_reacted");
    auto messages = emulator.get("channels/C0INCIDENTS/messages")["messages"];
    CHECK(messages[0]["pinned"] == true);
    CHECK(messages[0]["reactions"][0]["name"] == "eyes");

    auto bookmark = emulator
                        .api("bookmarks.add", {{"channel_id", "C0INCIDENTS"},
                                               {"title", "Runbook"},
                                               {"type", "link"},
                                               {"link", "https://example.org/runbook"}})
                        .json();
    CHECK(bookmark["ok"] == true);
    CHECK(bookmark["bookmark"]["title"] == "Runbook");
    CHECK(
        emulator
            .api(
                "bookmarks.add",
                {{"channel_id", "C0INCIDENTS"}, {"title", "x"}, {"type", "link"}, {"link", "nope"}})
            .json()["error"] == "invalid_link");
}
