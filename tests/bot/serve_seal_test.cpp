// `incidentd verify --slack` against the real thread: the seals serve posted are read back through
// the emulator's Web API and compared with the store. Deleting the last seal row passes the
// store-only verify (entries after the last stored seal are protected by the chain only) but not
// the comparison with Slack, which the database's administrator does not control.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>
#include <thread>

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
    REQUIRE(stack.wait_delivered(channel));
    // The set-up's own entries (joins, notes) come just after the declare seal and are sealed
    // within an interval; wait until two looks 1.5 s apart see the same count.
    int settled = 0;
    for (int look = 0; look < 20 && settled == 0; ++look) {
        const int before = seals_in_thread(stack, channel);
        std::this_thread::sleep_for(1500ms);
        if (before >= 1 && seals_in_thread(stack, channel) == before) settled = before;
    }
    INFO(stack.incidentd_log());
    REQUIRE(settled >= 1);

    stack.say("bob", channel, "queue at 40k");
    REQUIRE(incidentd::test::eventually(
        [&] { return seals_in_thread(stack, channel) == settled + 1; }, 10s, 50ms));
    // Three intervals with nothing said: no seal more.
    std::this_thread::sleep_for(3s);
    CHECK(seals_in_thread(stack, channel) == settled + 1);
    CHECK(stack.incidentd().run({"verify", "--slack", "INC-1"}).status == 0);
}
