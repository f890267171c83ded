// Block Kit limits checked on what the app sends: chat.* answer invalid_blocks (too_many_blocks
// past 50) and views.* invalid_arguments, each problem named in response_metadata.messages.
#include <catch2/catch.hpp>

#include "support/emulator.hpp"

using incidentd::test::Emulator;

namespace {

nlohmann::json plain(const std::string& text) {
    return {{"type", "plain_text"}, {"text", text}};
}

nlohmann::json section(const std::string& text) {
    return {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", text}}}};
}

// A one-block array (a braced single json would be taken as a copy of it).
nlohmann::json one(const nlohmann::json& block) {
    return nlohmann::json::array({block});
}

nlohmann::json button(const std::string& action_id, const std::string& text) {
    return {{"type", "button"}, {"action_id", action_id}, {"text", plain(text)}};
}

nlohmann::json post(const Emulator& emulator, const nlohmann::json& blocks) {
    return emulator
        .api_json("chat.postMessage",
                  {{"channel", "C0INCIDENTS"}, {"text", "t"}, {"blocks", blocks}})
        .json();
}

std::string repeat(std::size_t n, const std::string& unit = "a") {
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += unit;
    return out;
}

nlohmann::json modal_titled(const std::string& title) {
    return {{"type", "modal"}, {"title", plain(title)}, {"blocks", nlohmann::json::array()}};
}

}  // namespace

TEST_CASE("chat.postMessage takes blocks within Slack's limits and names each problem past them") {
    Emulator emulator({"--rate-limits", "off"});
    SECTION("section text of 3,000 characters passes, 3,001 is invalid_blocks") {
        CHECK(post(emulator, one(section(repeat(3000))))["ok"] == true);
        auto refused = post(emulator, one(section(repeat(3001))));
        CHECK(refused["error"] == "invalid_blocks");
        CHECK(refused["response_metadata"]["messages"] ==
              nlohmann::json{
                  "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"});
        CHECK(emulator.get("channels/incidents/messages")["messages"].size() == 1);
    }
    SECTION("lengths count characters, not bytes") {
        CHECK(post(emulator, one(section(repeat(3000, "\xC3\xA9"))))["ok"] == true);
    }
    SECTION("a header of 151 characters") {
        auto refused =
            post(emulator, {section("ok"), {{"type", "header"}, {"text", plain(repeat(151))}}});
        CHECK(refused["response_metadata"]["messages"][0] ==
              "[ERROR] must be less than 151 characters [json-pointer:/blocks/1/text/text]");
    }
    SECTION("a header in mrkdwn") {
        auto refused =
            post(emulator, {{{"type", "header"}, {"text", {{"type", "mrkdwn"}, {"text", "*x*"}}}}});
        CHECK(refused["error"] == "invalid_blocks");
        CHECK_THAT(refused["response_metadata"]["messages"][0].get<std::string>(),
                   Catch::Contains("/blocks/0/text/type"));
    }
    SECTION("a button text of 76 characters and a repeated action_id") {
        auto refused =
            post(emulator,
                 {{{"type", "actions"},
                   {"elements", {button("resolve", repeat(76)), button("resolve", "Again")}}}});
        CHECK(refused["error"] == "invalid_blocks");
        auto messages = refused["response_metadata"]["messages"];
        REQUIRE(messages.size() == 2);
        CHECK(messages[0] ==
              "[ERROR] must be less than 76 characters "
              "[json-pointer:/blocks/0/elements/0/text/text]");
        CHECK_THAT(messages[1].get<std::string>(),
                   Catch::Contains("\"resolve\" is not unique") &&
                       Catch::Contains("[json-pointer:/blocks/0/elements/1/action_id]"));
    }
    SECTION("a section with neither text nor fields, and an unknown block type") {
        auto refused = post(emulator, {{{"type", "section"}}, {{"type", "banner"}}});
        auto messages = refused["response_metadata"]["messages"];
        REQUIRE(messages.size() == 2);
        CHECK(messages[0] ==
              "[ERROR] missing required field: text or fields [json-pointer:/blocks/0]");
        CHECK_THAT(messages[1].get<std::string>(), Catch::Contains("banner"));
    }
    SECTION("a confirm dialog without its deny button") {
        nlohmann::json close = button("close", "Close");
        close["confirm"] = {
            {"title", plain("Close?")}, {"text", plain("Sure?")}, {"confirm", plain("Yes")}};
        auto refused = post(emulator, {{{"type", "actions"}, {"elements", one(close)}}});
        CHECK(refused["response_metadata"]["messages"][0] ==
              "[ERROR] missing required field: deny [json-pointer:/blocks/0/elements/0/confirm]");
    }
    SECTION("51 blocks are too_many_blocks") {
        nlohmann::json blocks = nlohmann::json::array();
        for (int i = 0; i < 51; ++i)
            blocks.push_back({{"type", "divider"}});
        auto refused = post(emulator, blocks);
        CHECK(refused["error"] == "too_many_blocks");
        CHECK(refused["response_metadata"]["messages"][0] ==
              "[ERROR] no more than 50 items allowed [json-pointer:/blocks]");
        blocks.erase(blocks.begin());
        CHECK(post(emulator, blocks)["ok"] == true);
    }
}

TEST_CASE("chat.update checks its blocks and leaves the message alone when they are invalid") {
    Emulator emulator;
    auto posted = post(emulator, one(section("INC-1 open")));
    REQUIRE(posted["ok"] == true);
    auto refused = emulator
                       .api_json("chat.update", {{"channel", "C0INCIDENTS"},
                                                 {"ts", posted["ts"]},
                                                 {"text", "t"},
                                                 {"blocks", one(section(repeat(3001)))}})
                       .json();
    CHECK(refused["error"] == "invalid_blocks");
    auto messages = emulator.get("channels/incidents/messages")["messages"];
    CHECK(messages[0]["blocks"][0]["text"]["text"] == "INC-1 open");
}

TEST_CASE("views methods check the view and answer invalid_arguments naming each problem") {
    Emulator emulator;
    auto open = [&](const nlohmann::json& view) {
        const std::string trigger = emulator.post("triggers", {{"user", "alice"}})["trigger_id"];
        return emulator.api_json("views.open", {{"trigger_id", trigger}, {"view", view}}).json();
    };
    SECTION("a modal title of 24 characters passes, 25 does not") {
        CHECK(open(modal_titled(repeat(24)))["ok"] == true);
        auto refused = open(modal_titled(repeat(25)));
        CHECK(refused["error"] == "invalid_arguments");
        CHECK(refused["response_metadata"]["messages"] ==
              nlohmann::json{
                  "[ERROR] must be less than 25 characters [json-pointer:/view/title/text]"});
    }
    SECTION("a modal needs a title and a submit button for its inputs") {
        nlohmann::json view = {
            {"type", "modal"},
            {"blocks",
             {{{"type", "input"},
               {"block_id", "title"},
               {"element", {{"type", "plain_text_input"}, {"action_id", "title"}}}}}}};
        auto messages = open(view)["response_metadata"]["messages"];
        REQUIRE(messages.size() == 3);
        CHECK(messages[0] == "[ERROR] missing required field: title [json-pointer:/view]");
        CHECK(messages[1] == "[ERROR] missing required field: label [json-pointer:/view/blocks/0]");
        CHECK_THAT(messages[2].get<std::string>(),
                   Catch::Contains("missing required field: submit"));
    }
    SECTION("an input block needs an input element") {
        nlohmann::json view = modal_titled("Declare");
        view["submit"] = plain("Declare");
        view["blocks"] = {
            {{"type", "input"}, {"label", plain("Title")}, {"element", button("go", "Go")}}};
        CHECK_THAT(open(view)["response_metadata"]["messages"][0].get<std::string>(),
                   Catch::Contains("/view/blocks/0/element/type"));
    }
    SECTION("private_metadata past 3,000 characters and callback_id past 255") {
        nlohmann::json view = modal_titled("Declare");
        view["private_metadata"] = repeat(3001);
        view["callback_id"] = repeat(256);
        auto messages = open(view)["response_metadata"]["messages"];
        REQUIRE(messages.size() == 2);
        CHECK(messages[0] ==
              "[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]");
        CHECK(messages[1] ==
              "[ERROR] must be less than 256 characters [json-pointer:/view/callback_id]");
    }
    SECTION("101 blocks are too many for a modal") {
        nlohmann::json view = modal_titled("Declare");
        for (int i = 0; i < 101; ++i)
            view["blocks"].push_back({{"type", "divider"}});
        CHECK(open(view)["response_metadata"]["messages"][0] ==
              "[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]");
    }
    SECTION("views.open takes modals only and views.publish Home tabs only") {
        nlohmann::json home = {{"type", "home"}, {"blocks", one(section("Open incidents"))}};
        CHECK(open(home)["error"] == "invalid_arguments");
        auto published =
            emulator
                .api_json("views.publish", {{"user_id", "U0ALICE"}, {"view", modal_titled("x")}})
                .json();
        CHECK(published["error"] == "invalid_arguments");
        CHECK(published["response_metadata"]["messages"][0] ==
              "[ERROR] must be a valid enum value: home [json-pointer:/view/type]");
        CHECK(emulator.api_json("views.publish", {{"user_id", "U0ALICE"}, {"view", home}})
                  .json()["ok"] == true);
    }
    SECTION("views.update checks the new view") {
        auto opened = open(modal_titled("Declare"));
        REQUIRE(opened["ok"] == true);
        auto refused = emulator
                           .api_json("views.update", {{"view_id", opened["view"]["id"]},
                                                      {"view", modal_titled(repeat(30))}})
                           .json();
        CHECK(refused["error"] == "invalid_arguments");
    }
}
