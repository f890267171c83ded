// `incidentd verify --slack` against the real thread: the seals serve posted are read back through
// the emulator's Web API and compared with the store. Deleting the last seal row passes the
// store-only verify (entries after the last stored seal are protected by the chain only) but not
// the comparison with Slack, which the database's administrator does not control.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

#include "support/durability.hpp"
#include "support/eventually.hpp"
#include "support/incidentd.hpp"

using namespace std::chrono_literals;
using Catch::Contains;
using incidentd::test::contains;
using incidentd::test::plain_http;
using incidentd::test::ServeStack;
using incidentd::test::StackOptions;
using nlohmann::json;

namespace {

// Seal posts in the incident thread, counted in the emulator.
int seals_in_thread(ServeStack& stack, const std::string& channel) {
    int count = 0;
    for (const auto& m : stack.messages(channel))
        if (m.contains("bot_id") && contains(m.value("text", ""), "`incidentd-seal-v1 ")) ++count;
    return count;
}

// How many seals the record has once it is wholly sealed (its last seal covers every entry) and
// each seal is in the thread; 0 while a change still waits for its seal or its post.
int sealed_and_posted(ServeStack& stack, const std::string& channel) {
    const json record = stack.incidentd().export_json("INC-1");
    const json& seals = record["seals"];
    if (seals.empty() || seals.back()["entries"] != record["entries"].size()) return 0;
    const int posted = seals_in_thread(stack, channel);
    return posted == static_cast<int>(seals.size()) ? posted : 0;
}

}  // namespace

TEST_CASE(
    "verify --slack finds the thread's seals in the store, and a seal deleted from the store in "
    "the thread",
    "[serve][seal]") {
    ServeStack stack(plain_http());
    const std::string channel = stack.declare("sev2 Checkout latency");
    stack.say("bob", channel, "p99 at 3s since the deploy");
    REQUIRE(stack.slash("alice", channel, "close").value("ok", false));
    // Sealed at declare and at close: both posts in the thread before anything is compared.
    const bool both_posted = incidentd::test::eventually(
        [&] { return seals_in_thread(stack, channel) == 2; }, 15s, 50ms);
    INFO(stack.incidentd_log());
    REQUIRE(both_posted);
    stack.crash();  // the attacker works on the file alone

    const auto untouched = stack.incidentd().run({"verify", "--slack", "INC-1"});
    INFO(untouched.out << untouched.err);
    CHECK(untouched.status == 0);
    CHECK_THAT(untouched.out, Contains("the 2 seals in the incident thread match the store"));

    {
        SQLite::Database db(stack.store_path(), SQLite::OPEN_READWRITE);
        db.exec("DELETE FROM seals WHERE incident = 1 AND number = 2");
    }
    const auto store_only = stack.incidentd().run({"verify", "INC-1"});
    INFO(store_only.out);
    CHECK(store_only.status == 0);  // what the store alone cannot tell
    const auto against_slack = stack.incidentd().run({"verify", "--slack", "INC-1"});
    INFO(against_slack.out << against_slack.err);
    CHECK(against_slack.status == 1);
    CHECK_THAT(against_slack.out, Contains("seal 2 in the incident thread is not in the store"));
}

TEST_CASE(
    "While an incident is open its record is sealed again once an interval after it changed, "
    "and not while nothing changes",
    "[serve][seal]") {
    StackOptions options = plain_http();
    options.seal_interval = "1s";
    ServeStack stack(options);
    const std::string channel = stack.declare("sev3 Webhooks delayed");
    // The set-up's own entries (joins, notes) come just after the declare seal and are sealed
    // within an interval: wait until all of it is recorded, sealed and posted.
    int settled = 0;
    const auto quiet = [&] {
        settled = stack.wait_delivered(channel, 1s) &&
                          incidentd::test::unfinished_outbox(stack.store_path()).empty()
                      ? sealed_and_posted(stack, channel)
                      : 0;
        return settled > 0;
    };
    INFO(stack.incidentd_log());
    REQUIRE(incidentd::test::eventually(quiet, 20s, 100ms));

    const int before = settled;
    stack.say("bob", channel, "queue at 40k");
    REQUIRE(incidentd::test::eventually([&] { return quiet() && settled > before; }, 15s, 100ms));
    CHECK(settled == before + 1);  // one change, one seal
    // Three intervals with nothing said: no seal more.
    std::this_thread::sleep_for(3s);
    CHECK(seals_in_thread(stack, channel) == before + 1);
    CHECK(stack.incidentd().run({"verify", "--slack", "INC-1"}).status == 0);
}
