// Specification of bot/outbox/outbox_codec: actions stored as outbox rows and read back.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <set>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "bot/outbox/outbox_codec.hpp"

using namespace incidentd;

namespace {

const std::string unicode = "Café ☕ 日本語 — \"quoted\" \\ <@U0BOB> &amp;\nnext line 🚨";

// One of each action type, with text that exercises escaping and multi-byte UTF-8.
std::vector<core::Action> one_of_each() {
    return {
        core::CreateChannel{"INC-7/create-channel/t1", "inc-20261124-café", true},
        core::InviteUsers{"INC-7/invite/t1", {"U0ALICE", "U0BOB"}},
        core::InviteUsers{"INC-7/invite/t2", {}},
        core::SetTopic{"INC-7/set-topic/t1", unicode},
        core::PostSummary{"INC-7/post-summary/t1"},
        core::UpdateSummary{"INC-7/update-summary/" + unicode},
        core::PostMessage{"INC-7/post-message/t1", unicode, core::Destination::incident_channel,
                          ""},
        core::PostMessage{"INC-7/post-message/t2", unicode, core::Destination::incident_thread, ""},
        core::PostMessage{"INC-7/post-message/t3", unicode, core::Destination::announce_channel,
                          "C0ANNOUNCE"},
        core::PostMessage{"INC-7/post-message/t4", unicode, core::Destination::direct_message,
                          "U0ALICE"},
        core::PostEphemeral{"INC-7/post-ephemeral/t1", "C0INC7", "U0BOB", unicode},
        core::ArchiveChannel{"INC-7/archive/job-3"},
        core::UploadDocuments{"INC-7/upload/t1", true, false},
        core::UploadDocuments{"INC-7/upload/t2", false, true},
        core::Bookmark{"INC-7/bookmark/t1", unicode, "https://example.com/pm?a=1&b=2"},
        core::PostSeal{"INC-7/post-seal/2", 2, unicode},
    };
}

template <class Expr>
void check_refused(Expr&& decode, const std::string& naming) {
    CHECK_THROWS_AS(decode(), std::invalid_argument);
    CHECK_THROWS_WITH(decode(), Catch::Contains(naming));
}

}  // namespace

TEST_CASE("every action type round-trips through its outbox row exactly") {
    std::set<std::size_t> types;
    for (const core::Action& action : one_of_each()) {
        types.insert(action.index());
        const store::OutboxCall call = bot::outbox_call(7, action);
        INFO(call.method << " " << call.args);
        CHECK(call.incident == 7);
        CHECK(call.method == core::action_name(action));
        CHECK(call.idempotency_key == core::idempotency_key(action));
        CHECK(bot::action_from_outbox(call.method, call.args) == action);
    }
    CHECK(types.size() == std::variant_size_v<core::Action>);
}

TEST_CASE("the args are a JSON object of the action's fields, destinations by name") {
    const auto args = [](const core::Action& action) {
        return nlohmann::json::parse(bot::outbox_call(7, action).args);
    };
    CHECK(args(core::CreateChannel{"k", "inc-x", false}) ==
          nlohmann::json{{"key", "k"}, {"name", "inc-x"}, {"is_private", false}});
    CHECK(args(core::UploadDocuments{"k", true, false}) ==
          nlohmann::json{{"key", "k"}, {"record", true}, {"postmortem", false}});
    const std::vector<std::pair<core::Destination, std::string>> names{
        {core::Destination::incident_channel, "incident_channel"},
        {core::Destination::incident_thread, "incident_thread"},
        {core::Destination::announce_channel, "announce_channel"},
        {core::Destination::direct_message, "direct_message"},
    };
    for (const auto& [to, name] : names)
        CHECK(args(core::PostMessage{"k", "hi", to, "C1"}) ==
              nlohmann::json{{"key", "k"}, {"text", "hi"}, {"to", name}, {"channel_id", "C1"}});
}

TEST_CASE("unicode text is stored as itself, not as \\u escapes") {
    const store::OutboxCall call = bot::outbox_call(7, core::SetTopic{"k", "日本 🚨"});
    CHECK_THAT(call.args, Catch::Contains("日本 🚨"));
}

TEST_CASE("bytes that are not UTF-8 are stored as replacement characters, not refused") {
    const store::OutboxCall call = bot::outbox_call(7, core::SetTopic{"k", "bad \xff byte"});
    CHECK(bot::action_from_outbox(call.method, call.args) ==
          core::Action{core::SetTopic{"k", "bad \xEF\xBF\xBD byte"}});
}

TEST_CASE("a row this version did not write is refused, naming what is wrong") {
    const auto decode = [](std::string method, std::string args) {
        return [=] { return bot::action_from_outbox(method, args); };
    };
    SECTION("an unknown method") {
        check_refused(decode("send-fax", R"({"key":"k"})"), "\"send-fax\"");
    }
    SECTION("args that are not JSON") {
        check_refused(decode("archive", R"({"key":)"), "not JSON");
    }
    SECTION("args that are not an object") {
        check_refused(decode("archive", R"(["k"])"), "not a JSON object");
    }
    SECTION("a missing field") {
        check_refused(decode("create-channel", R"({"key":"k","is_private":false})"),
                      "field \"name\" is missing");
    }
    SECTION("a field of the wrong type") {
        check_refused(decode("create-channel", R"({"key":"k","name":"x","is_private":"yes"})"),
                      "field \"is_private\"");
        check_refused(decode("invite", R"({"key":"k","user_ids":["U1",2]})"), "field \"user_ids\"");
        check_refused(decode("archive", R"({"key":null})"), "field \"key\"");
    }
    SECTION("a destination this version does not know") {
        check_refused(
            decode("post-message", R"({"key":"k","text":"t","to":"everyone","channel_id":""})"),
            "field \"to\": \"everyone\" is not a destination");
    }
    SECTION("a field this version does not know") {
        check_refused(decode("archive", R"({"key":"k","after":"1h"})"), "field \"after\"");
    }
    SECTION("the method is named with the field") {
        check_refused(decode("bookmark", R"({"key":"k","title":"t"})"), "\"bookmark\"");
    }
}
