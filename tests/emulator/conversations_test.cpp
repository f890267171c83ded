// conversations.*: creating, inviting, joining, topics, archiving, reading history.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "support/emulator.hpp"

using incidentd::test::Emulator;

namespace {

std::string create(const Emulator& emulator, const std::string& name, bool is_private = false) {
    auto body = emulator
                    .api("conversations.create",
                         {{"name", name}, {"is_private", is_private ? "true" : "false"}})
                    .json();
    REQUIRE(body["ok"] == true);
    return body["channel"]["id"];
}

}  // namespace

TEST_CASE("conversations.create applies Slack's name rules") {
    Emulator emulator;
    SECTION("a valid name makes a channel the bot is a member of") {
        auto body = emulator.api("conversations.create", {{"name", "inc-42-db_down"}}).json();
        REQUIRE(body["ok"] == true);
        CHECK(body["channel"]["id"].get<std::string>().starts_with("C"));
        CHECK(body["channel"]["name"] == "inc-42-db_down");
        CHECK(body["channel"]["creator"] == "U0INCIDENTD");
        auto members =
            emulator.api("conversations.members", {{"channel", body["channel"]["id"]}}).json();
        CHECK(members["members"] == nlohmann::json::array({"U0INCIDENTD"}));
    }
    SECTION("a private channel gets a G id") {
        CHECK(create(emulator, "secret-inc", true).starts_with("G"));
    }
    SECTION("a taken name is name_taken") {
        create(emulator, "inc-1");
        CHECK(emulator.api("conversations.create", {{"name", "inc-1"}}).json()["error"] ==
              "name_taken");
        CHECK(emulator.api("conversations.create", {{"name", "general"}}).json()["error"] ==
              "name_taken");
    }
    SECTION("bad names earn their invalid_name_* codes") {
        auto error = [&](const std::string& name) {
            return emulator.api("conversations.create", {{"name", name}}).json()["error"];
        };
        CHECK(error("") == "invalid_name_required");
        CHECK(error(std::string(81, 'a')) == "invalid_name_maxlength");
        CHECK(error("Incident") == "invalid_name_specials");
        CHECK(error("inc 1") == "invalid_name_specials");
        CHECK(error("---") == "invalid_name_punctuation");
    }
    SECTION("lowercase letters, digits, '-' and '_' up to 80 characters are accepted as given") {
        for (const std::string& name : std::vector<std::string>{
                 "a", "7", "inc-20240501-db_down", "-inc-", "__1", std::string(80, 'z')}) {
            INFO("name \"" << name << "\"");
            auto body = emulator.api("conversations.create", {{"name", name}}).json();
            CHECK(body["ok"] == true);
            CHECK(body["channel"]["name"] == name);
        }
    }
    SECTION("each name Slack refuses gets the error Slack documents for it") {
        const std::vector<std::pair<std::string, std::string>> refused{
            {std::string(81, 'z'), "invalid_name_maxlength"},
            {std::string(200, 'z'), "invalid_name_maxlength"},
            {"INC", "invalid_name_specials"},
            {"inc-DB", "invalid_name_specials"},
            {"inc.1", "invalid_name_specials"},
            {"#inc", "invalid_name_specials"},
            {"inc/1", "invalid_name_specials"},
            {"inc\t1", "invalid_name_specials"},
            {"caf\u00e9", "invalid_name_specials"},
            {"-", "invalid_name_punctuation"},
            {"_-_", "invalid_name_punctuation"},
        };
        for (const auto& [name, expected] : refused) {
            INFO("name \"" << name << "\"");
            auto body = emulator.api("conversations.create", {{"name", name}}).json();
            CHECK(body["ok"] == false);
            CHECK(body["error"] == expected);
        }
        const auto channels = emulator.get("channels");  // kept: the loop reads inside it
        for (const auto& channel : channels["channels"])
            CHECK((channel["name"] == "general" || channel["name"] == "incidents"));
    }
    SECTION("JSON bodies are accepted") {
        auto body = emulator.api_json("conversations.create", {{"name", "from-json"}}).json();
        CHECK(body["ok"] == true);
    }
}

TEST_CASE("conversations.invite reports Slack's errors") {
    Emulator emulator;
    const std::string channel = create(emulator, "inc-invite");
    auto invite = [&](const std::string& target, const std::string& users) {
        return emulator.api("conversations.invite", {{"channel", target}, {"users", users}}).json();
    };
    SECTION("inviting users adds them and answers the channel") {
        auto body = invite(channel, "U0ALICE,U0BOB");
        REQUIRE(body["ok"] == true);
        CHECK(body["channel"]["num_members"] == 3);
    }
    SECTION("already_in_channel, cant_invite_self, user_not_found") {
        invite(channel, "U0ALICE");
        CHECK(invite(channel, "U0ALICE")["error"] == "already_in_channel");
        CHECK(invite(channel, "U0INCIDENTD")["error"] == "cant_invite_self");
        CHECK(invite(channel, "U0NOBODY")["error"] == "user_not_found");
    }
    SECTION("the bot must be in the channel: not_in_channel") {
        CHECK(invite("C0GENERAL", "U0ALICE")["error"] == "not_in_channel");
    }
    SECTION("an unknown channel is channel_not_found") {
        CHECK(invite("C999", "U0ALICE")["error"] == "channel_not_found");
    }
}

TEST_CASE("joining, topics, purposes and archiving follow Slack's rules") {
    Emulator emulator;
    SECTION("conversations.join adds the bot to a public channel") {
        CHECK(emulator.api("conversations.join", {{"channel", "C0GENERAL"}}).json()["ok"] == true);
        auto members = emulator.api("conversations.members", {{"channel", "C0GENERAL"}}).json();
        CHECK_THAT(members["members"].dump(), Catch::Contains("U0INCIDENTD"));
    }
    SECTION("setTopic stores the topic; over 250 characters is too_long") {
        const std::string channel = create(emulator, "inc-topic");
        auto body =
            emulator.api("conversations.setTopic", {{"channel", channel}, {"topic", "SEV1"}})
                .json();
        CHECK(body["channel"]["topic"]["value"] == "SEV1");
        CHECK(emulator
                  .api("conversations.setPurpose",
                       {{"channel", channel}, {"purpose", std::string(251, 'x')}})
                  .json()["error"] == "too_long");
    }
    SECTION("archive twice is already_archived; #general cannot be archived") {
        const std::string channel = create(emulator, "inc-archive");
        CHECK(emulator.api("conversations.archive", {{"channel", channel}}).json()["ok"] == true);
        CHECK(emulator.api("conversations.archive", {{"channel", channel}}).json()["error"] ==
              "already_archived");
        CHECK(emulator.api("conversations.info", {{"channel", channel}})
                  .json()["channel"]["is_archived"] == true);
        CHECK(emulator.api("chat.postMessage", {{"channel", channel}, {"text", "x"}})
                  .json()["error"] == "is_archived");
        emulator.api("conversations.join", {{"channel", "C0GENERAL"}});
        CHECK(emulator.api("conversations.archive", {{"channel", "C0GENERAL"}}).json()["error"] ==
              "cant_archive_general");
    }
}

TEST_CASE("conversations.history pages newest first with cursors") {
    Emulator emulator({"--rate-limits", "off"});
    const std::string channel = create(emulator, "inc-history");
    std::vector<std::string> posted;
    for (int i = 0; i < 5; ++i) {
        auto body = emulator
                        .api("chat.postMessage",
                             {{"channel", channel}, {"text", "update " + std::to_string(i)}})
                        .json();
        posted.push_back(body["ts"]);
    }
    SECTION("every ts is unique and increasing") {
        for (std::size_t i = 1; i < posted.size(); ++i)
            CHECK(posted[i - 1] < posted[i]);
    }
    SECTION("limit 2 gives three pages, newest first, the last without a cursor") {
        std::vector<std::string> seen;
        std::string cursor;
        int pages = 0;
        do {
            std::vector<std::pair<std::string, std::string>> args{{"channel", channel},
                                                                  {"limit", "2"}};
            if (!cursor.empty()) args.emplace_back("cursor", cursor);
            auto body = emulator.api("conversations.history", args).json();
            REQUIRE(body["ok"] == true);
            for (const auto& m : body["messages"])
                seen.push_back(m["ts"]);
            cursor = body["response_metadata"]["next_cursor"];
            CHECK(body["has_more"] == !cursor.empty());
            ++pages;
        } while (!cursor.empty() && pages < 10);
        CHECK(pages == 3);
        CHECK(seen == std::vector<std::string>(posted.rbegin(), posted.rend()));
    }
    SECTION("a made-up cursor is invalid_cursor") {
        CHECK(emulator.api("conversations.history", {{"channel", channel}, {"cursor", "zzz"}})
                  .json()["error"] == "invalid_cursor");
    }
    SECTION("thread replies stay out of history and come oldest first from replies") {
        auto reply = emulator.api("chat.postMessage",
                                  {{"channel", channel}, {"text", "r1"}, {"thread_ts", posted[0]}});
        emulator.api("chat.postMessage",
                     {{"channel", channel}, {"text", "r2"}, {"thread_ts", posted[0]}});
        auto history = emulator.api("conversations.history", {{"channel", channel}}).json();
        CHECK(history["messages"].size() == 5);
        CHECK(history["messages"].back()["reply_count"] == 2);
        auto thread =
            emulator.api("conversations.replies", {{"channel", channel}, {"ts", posted[0]}}).json();
        REQUIRE(thread["messages"].size() == 3);
        CHECK(thread["messages"][0]["ts"] == posted[0]);
        CHECK(thread["messages"][1]["text"] == "r1");
        CHECK(thread["messages"][2]["text"] == "r2");
        CHECK(thread["messages"][1]["thread_ts"] == posted[0]);
    }
    SECTION("a JSON body is ignored by read methods, as Slack does: channel_not_found") {
        CHECK(emulator.api_json("conversations.history", {{"channel", channel}}).json()["error"] ==
              "channel_not_found");
    }
}

TEST_CASE("conversations.list shows public channels and the private ones the bot is in") {
    Emulator emulator;
    const std::string secret = create(emulator, "inc-secret", true);
    const std::string archived = create(emulator, "inc-old");
    emulator.api("conversations.archive", {{"channel", archived}});
    auto names = [](const nlohmann::json& body) {
        std::vector<std::string> out;
        for (const auto& c : body["channels"])
            out.push_back(c["name"]);
        return out;
    };
    CHECK(names(emulator.api("conversations.list").json()) ==
          std::vector<std::string>{"general", "incidents", "inc-old"});
    CHECK(names(emulator
                    .api("conversations.list", {{"types", "public_channel,private_channel"},
                                                {"exclude_archived", "true"}})
                    .json()) == std::vector<std::string>{"general", "incidents", "inc-secret"});
    auto first = emulator.api("conversations.list", {{"limit", "2"}}).json();
    CHECK(first["channels"].size() == 2);
    auto rest = emulator
                    .api("conversations.list",
                         {{"limit", "2"}, {"cursor", first["response_metadata"]["next_cursor"]}})
                    .json();
    CHECK(names(rest) == std::vector<std::string>{"inc-old"});
    CHECK(rest["response_metadata"]["next_cursor"] == "");
}
