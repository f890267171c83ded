// Exactly once in effect when Slack's answer is lost: Slack carries out a post, a bookmark or a
// file share and then answers HTTP 500, `internal_error`, or closes the connection without an
// answer. incidentd must look for the effect before doing it again, and do it only if it is not
// there; the same when it is SIGKILLed right after the faulty answer. An ephemeral message, which
// cannot be looked up, is sent again: shown twice is harmless, lost is not.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/durability.hpp"
#include "support/eventually.hpp"
#include "support/incidentd.hpp"

using namespace std::chrono_literals;
using incidentd::test::ServeStack;
using incidentd::test::StackOptions;
using nlohmann::json;

namespace {

constexpr auto patience = 30s;
constexpr const char* postmortem_url = "https://wiki.example.com/postmortems/inc-1";

bool eventually(const std::function<bool()>& done) {
    return incidentd::test::eventually(done, patience, 20ms);
}

// The effect takes place, then the answer is `then` (server_error, internal_error,
// drop_connection), for the next call of `method`.
void lose_next_answer(ServeStack& stack, const std::string& method, const std::string& then) {
    const json armed = stack.emulator().post(
        "faults", {{"kind", "effect_then_fail"}, {"method", method}, {"then", then}});
    REQUIRE(armed.value("ok", false) == true);
}

// Calls of `method` answered in a way that leaves their outcome unknown: a 5xx, internal_error,
// or no answer at all.
int lost_answers(ServeStack& stack, const std::string& method) {
    int count = 0;
    for (const auto& call : stack.read("calls?method=" + method, "calls"))
        if (call.value("dropped", false) || call["status"] >= 500 ||
            (call["answer"].is_object() && call["answer"].value("error", "") == "internal_error"))
            ++count;
    return count;
}

void slash_ok(ServeStack& stack, const std::string& channel, const std::string& text) {
    const json answer = stack.slash("alice", channel, text);
    INFO("/incident " << text << " -> " << answer.dump());
    REQUIRE(answer.value("ok", false) == true);
}

void outbox_settles(ServeStack& stack) {
    const bool settled =
        eventually([&] { return incidentd::test::unfinished_outbox(stack.store_path()).empty(); });
    INFO(stack.incidentd_log());
    for (const auto& row : incidentd::test::unfinished_outbox(stack.store_path()))
        INFO("unfinished: " << row);
    REQUIRE(settled);
}

// The idempotency key in a stored message's metadata; "" for a message without one.
std::string key_of(const json& message) {
    const json metadata = message.value("metadata", json::object());
    if (!metadata.is_object()) return "";
    return metadata.value("event_payload", json::object()).value("key", "");
}

json channel_state(ServeStack& stack, const std::string& id) {
    for (const auto& c : stack.read("channels", "channels"))
        if (c["id"] == id) return c;
    return json::object();
}

// One incident in which each effect-repeating method meets the lost answer once: the update's
// posts (chat.postMessage), the postmortem's bookmark (bookmarks.add), and the record and
// postmortem files at close (files.completeUploadExternal). With `kill`, incidentd is SIGKILLed
// as soon as the emulator has given the faulty answer, and started again.
void run_with_lost_answers(const std::string& then, bool kill) {
    StackOptions options = incidentd::test::plain_http();
    options.archive_after = "1h";  // the channel stays, so its messages can be counted
    ServeStack stack(options);
    const std::string channel = stack.declare("sev2 Card payments declined");
    outbox_settles(stack);

    const auto meet = [&](const std::string& method, const std::function<void()>& act) {
        lose_next_answer(stack, method, then);
        act();
        if (kill) {
            REQUIRE(eventually([&] { return lost_answers(stack, method) >= 1; }));
            stack.crash_and_restart();
        }
        outbox_settles(stack);
        CHECK(lost_answers(stack, method) == 1);
    };
    meet("chat.postMessage",
         [&] { slash_ok(stack, channel, "update Declines down to 2% after the failover"); });
    meet("bookmarks.add",
         [&] { slash_ok(stack, channel, std::string("postmortem link ") + postmortem_url); });
    meet("files.completeUploadExternal", [&] { slash_ok(stack, channel, "close"); });
    CHECK(stack.read("faults", "faults").empty());  // every fault armed was met

    // Each post once: incidentd's posts carry their action's key, so a key twice is a post twice.
    std::map<std::string, int> posts_by_key;
    for (const std::string& where : {channel, std::string("C0GENERAL")})
        for (const auto& m : stack.messages(where))
            if (const std::string key = key_of(m); !key.empty()) ++posts_by_key[key];
    for (const auto& [key, times] : posts_by_key) {
        INFO("message with key \"" << key << "\"");
        CHECK(times == 1);
    }
    int update_posts = 0;
    for (const auto& m : stack.messages("C0GENERAL"))
        if (m.value("text", "").find("Declines down to 2%") != std::string::npos) ++update_posts;
    CHECK(update_posts == 1);

    int bookmarks = 0;
    const json state = channel_state(stack, channel);  // kept: the loop reads into it
    for (const auto& b : state["bookmarks"])
        if (b["link"] == postmortem_url) ++bookmarks;
    CHECK(bookmarks == 1);

    int records = 0;
    int postmortems = 0;
    for (const auto& file : stack.read("files", "files")) {
        if (!file.value("completed", false)) continue;
        const std::string name = file.value("name", "");
        if (name.find("incident-record") != std::string::npos) ++records;
        if (name.find("postmortem-draft") != std::string::npos) ++postmortems;
    }
    CHECK(records == 1);
    CHECK(postmortems == 1);

    // Every outbox row is done, and the record verifies.
    CHECK(incidentd::test::unfinished_outbox(stack.store_path()).empty());
    // Compared with an empty list, so a failure prints what verify said.
    CHECK(incidentd::test::verify_failures(stack.incidentd(), stack.store_path()) ==
          std::vector<std::string>{});
    if (!kill) {
        // The look-ups that found the effects are counted (a restart starts the counts anew).
        CHECK(stack.incidentd().metric(
                  "incidentd_slack_lookups_total{method=\"chat.postMessage\",outcome=\"found\"}") >=
              1);
        CHECK(stack.incidentd().metric(
                  "incidentd_slack_lookups_total{method=\"bookmarks.add\",outcome=\"found\"}") ==
              1);
        CHECK(stack.incidentd().metric("incidentd_slack_lookups_total{method=\"files."
                                       "completeUploadExternal\",outcome=\"found\"}") >= 1);
    }
}

}  // namespace

TEST_CASE(
    "a post, a bookmark and a file share that Slack made before answering 500 are each "
    "made once",
    "[durability][lost-answer]") {
    SECTION("incidentd keeps running") {
        run_with_lost_answers("server_error", false);
    }
    SECTION("incidentd is killed right after the answer") {
        run_with_lost_answers("server_error", true);
    }
}

TEST_CASE(
    "a post, a bookmark and a file share that Slack made before answering internal_error "
    "are each made once",
    "[durability][lost-answer]") {
    SECTION("incidentd keeps running") {
        run_with_lost_answers("internal_error", false);
    }
    SECTION("incidentd is killed right after the answer") {
        run_with_lost_answers("internal_error", true);
    }
}

TEST_CASE(
    "a post, a bookmark and a file share whose connection Slack closed after acting are "
    "each made once",
    "[durability][lost-answer]") {
    SECTION("incidentd keeps running") {
        run_with_lost_answers("drop_connection", false);
    }
    SECTION("incidentd is killed right after the answer") {
        run_with_lost_answers("drop_connection", true);
    }
}

TEST_CASE("an ephemeral message whose answer was lost is sent again rather than lost",
          "[durability][lost-answer]") {
    ServeStack stack(incidentd::test::plain_http());
    // The declarer is told in the channel where they typed /incident declare.
    lose_next_answer(stack, "chat.postEphemeral", "server_error");
    stack.declare("sev3 Search results stale");
    outbox_settles(stack);

    int shown = 0;
    const json incidents = channel_state(stack, "C0INCIDENTS");  // kept: the loop reads into it
    for (const auto& e : incidents["ephemeral"])
        if (e["user"] == "U0ALICE" && e.value("text", "").find("is open in") != std::string::npos)
            ++shown;
    // It cannot be looked up: Slack showed it, the answer was lost, and it was sent once more.
    CHECK(shown == 2);
    CHECK(lost_answers(stack, "chat.postEphemeral") == 1);
}
