// views.open with trigger_ids (3 s, single use), views.update with hashes, views.publish.
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
