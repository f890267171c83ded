// views.open and views.push with trigger_ids (3 s, single use), views.update with hashes,
// views.publish for Home tabs.
#include <catch2/catch.hpp>

#include <thread>

#include "support/emulator.hpp"

using incidentd::test::Emulator;

namespace {

const nlohmann::json modal = {{"type", "modal"},
                              {"callback_id", "declare"},
                              {"title", {{"type", "plain_text"}, {"text", "Declare"}}},
                              {"blocks", nlohmann::json::array()}};

}  // namespace

TEST_CASE("views.open takes a fresh trigger_id once") {
    Emulator emulator;
    const std::string trigger = emulator.post("triggers", {{"user", "alice"}})["trigger_id"];
    auto open = [&](const std::string& id) {
        return emulator.api_json("views.open", {{"trigger_id", id}, {"view", modal}}).json();
    };
    SECTION("the first use opens the modal, the second is invalid_trigger_id") {
        auto body = open(trigger);
        REQUIRE(body["ok"] == true);
        CHECK(body["view"]["id"].get<std::string>().starts_with("V"));
        CHECK(body["view"]["callback_id"] == "declare");
        CHECK(open(trigger)["error"] == "invalid_trigger_id");
    }
    SECTION("after 3 seconds it is expired_trigger_id") {
        std::this_thread::sleep_for(std::chrono::milliseconds(3100));
        CHECK(open(trigger)["error"] == "expired_trigger_id");
    }
    SECTION("an unknown trigger is invalid_trigger_id") {
        CHECK(open("123.456.abc")["error"] == "invalid_trigger_id");
    }
}

TEST_CASE("views.update checks the hash and views.publish sets the Home tab") {
    Emulator emulator;
    const std::string trigger = emulator.post("triggers", {{"user", "bob"}})["trigger_id"];
    auto view =
        emulator.api_json("views.open", {{"trigger_id", trigger}, {"view", modal}}).json()["view"];
    nlohmann::json changed = modal;
    changed["callback_id"] = "declare-2";
    auto updated =
        emulator
            .api_json("views.update",
                      {{"view_id", view["id"]}, {"hash", view["hash"]}, {"view", changed}})
            .json();
    REQUIRE(updated["ok"] == true);
    CHECK(updated["view"]["callback_id"] == "declare-2");
    CHECK(emulator
              .api_json("views.update",
                        {{"view_id", view["id"]}, {"hash", view["hash"]}, {"view", changed}})
              .json()["error"] == "hash_conflict");
    CHECK(
        emulator.api_json("views.update", {{"view_id", "V0"}, {"view", changed}}).json()["error"] ==
        "not_found");

    nlohmann::json home = {{"type", "home"}, {"blocks", nlohmann::json::array()}};
    CHECK(emulator.api_json("views.publish", {{"user_id", "U0BOB"}, {"view", home}}).json()["ok"] ==
          true);
    CHECK(
        emulator.api_json("views.publish", {{"user_id", "U0X"}, {"view", home}}).json()["error"] ==
        "user_not_found");
}

TEST_CASE("views.publish replaces the user's one Home tab and gives it a new hash") {
    Emulator emulator;
    auto publish = [&](const std::string& text, const nlohmann::json& hash = nullptr) {
        nlohmann::json body = {
            {"user_id", "U0ALICE"},
            {"view",
             {{"type", "home"},
              {"blocks",
               {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", text}}}}}}}}};
        if (!hash.is_null()) body["hash"] = hash;
        return emulator.api_json("views.publish", body).json();
    };
    auto first = publish("No open incidents");
    REQUIRE(first["ok"] == true);
    auto second = publish("INC-1 SEV2 open for 5m", first["view"]["hash"]);
    REQUIRE(second["ok"] == true);
    CHECK(second["view"]["id"] == first["view"]["id"]);
    CHECK(second["view"]["hash"] != first["view"]["hash"]);
    CHECK(publish("stale", first["view"]["hash"])["error"] == "hash_conflict");

    auto home = emulator.get("home?user=alice");
    REQUIRE(home["ok"] == true);
    CHECK(home["view"]["blocks"][0]["text"]["text"] == "INC-1 SEV2 open for 5m");
    CHECK(home["view"]["hash"] == second["view"]["hash"]);
    CHECK(emulator.get("views")["views"].size() == 1);
    CHECK(emulator.get("home?user=bob")["ok"] == false);
}

TEST_CASE("views.push stacks up to three modals on the one the trigger came from") {
    Emulator emulator;
    auto first =
        emulator
            .api_json("views.open",
                      {{"trigger_id", emulator.post("triggers", {{"user", "alice"}})["trigger_id"]},
                       {"view", modal}})
            .json()["view"];
    auto push = [&]() {
        const std::string trigger = emulator.post("triggers", {{"user", "alice"}})["trigger_id"];
        return emulator.api_json("views.push", {{"trigger_id", trigger}, {"view", modal}}).json();
    };
    auto second = push();
    REQUIRE(second["ok"] == true);
    CHECK(second["view"]["root_view_id"] == first["id"]);
    CHECK(second["view"]["previous_view_id"] == first["id"]);
    auto third = push();
    REQUIRE(third["ok"] == true);
    CHECK(third["view"]["previous_view_id"] == second["view"]["id"]);
    CHECK(push()["error"] == "push_limit_reached");

    SECTION("without an open modal there is nothing to push onto") {
        const std::string trigger = emulator.post("triggers", {{"user", "bob"}})["trigger_id"];
        CHECK(emulator.api_json("views.push", {{"trigger_id", trigger}, {"view", modal}})
                  .json()["error"] == "not_found");
    }
}
