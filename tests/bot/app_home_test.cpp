// Specification of bot/ui/app_home: the Home tab of open incidents and postmortems due.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "bot/ui/app_home.hpp"

using namespace incidentd;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// 2026-11-24T10:00:00Z
const core::Time now = std::chrono::sys_days{std::chrono::November / 24 / 2026} + 10h;

core::Incident incident(std::int64_t number, core::Severity severity, core::State state) {
    core::Incident i;
    i.number = number;
    i.title = "Incident " + std::to_string(number);
    i.severity = severity;
    i.state = state;
    i.channel_id = "C0INC" + std::to_string(number);
    i.declared_by = core::Actor{"U0ALICE", "alice"};
    i.declared_at = now - 2h - 15min - 30s;
    return i;
}

core::Incident closed_with_postmortem(std::int64_t number, core::Time due) {
    core::Incident i = incident(number, core::Severity::sev2, core::State::closed);
    i.closed_at = due - std::chrono::days{7};
    i.postmortem.due_at = due;
    return i;
}

// The mrkdwn of every section, in order.
std::vector<std::string> sections(const json& view) {
    std::vector<std::string> out;
    for (const auto& block : view.at("blocks"))
        if (block.at("type") == "section") out.push_back(block.at("text").at("text"));
    return out;
}

std::vector<std::string> headers(const json& view) {
    std::vector<std::string> out;
    for (const auto& block : view.at("blocks"))
        if (block.at("type") == "header") out.push_back(block.at("text").at("text"));
    return out;
}

std::vector<std::string> contexts(const json& view) {
    std::vector<std::string> out;
    for (const auto& block : view.at("blocks"))
        if (block.at("type") == "context") out.push_back(block.at("elements").at(0).at("text"));
    return out;
}

}  // namespace

TEST_CASE("with nothing going on, the Home tab says so") {
    const json view = bot::app_home_view("U0BOB", {}, now, "");
    CHECK(view.at("type") == "home");
    CHECK(headers(view) ==
          std::vector<std::string>{"Incidents", "Open incidents (0)", "Postmortems due (0)"});
    CHECK(sections(view) == std::vector<std::string>{"No open incidents.", "No postmortems due."});
}

TEST_CASE("an open incident shows severity, id, title, state, age, commander and channel") {
    core::Incident active = incident(7, core::Severity::sev2, core::State::active);
    active.roles[core::Role::commander] = core::Actor{"U0CAROL", "carol"};
    const json view = bot::app_home_view("U0BOB", {active}, now, "");
    REQUIRE(sections(view).size() == 2);
    CHECK(sections(view).at(0) ==
          "*SEV2* · *INC-7* · Incident 7\nactive · 2h 15m old · Commander: <@U0CAROL> · <#C0INC7>");
    SECTION("without a commander it says unassigned") {
        CHECK_THAT(sections(bot::app_home_view(
                                "U0BOB", {incident(8, core::Severity::sev3, core::State::resolved)},
                                now, ""))
                       .at(0),
                   Catch::Contains("resolved · 2h 15m old · Commander: unassigned"));
    }
    SECTION("the id links to the pinned summary when the workspace is known") {
        active.summary_ts = "1795514400.000100";
        CHECK_THAT(
            sections(bot::app_home_view("U0BOB", {active}, now, "https://acme.slack.com/")).at(0),
            Catch::StartsWith(
                "*SEV2* · <https://acme.slack.com/archives/C0INC7/p1795514400000100|INC-7> · "));
    }
}

TEST_CASE("the incidents the person is part of are marked") {
    core::Incident commanded = incident(1, core::Severity::sev1, core::State::active);
    commanded.roles[core::Role::commander] = core::Actor{"U0BOB", "bob"};
    commanded.roles[core::Role::scribe] = core::Actor{"U0BOB", "bob"};
    core::Incident declared = incident(2, core::Severity::sev2, core::State::active);
    declared.declared_by = core::Actor{"U0BOB", "bob"};
    core::Incident other = incident(3, core::Severity::sev3, core::State::active);
    const auto lines = sections(bot::app_home_view("U0BOB", {commanded, declared, other}, now, ""));
    REQUIRE(lines.size() == 4);
    CHECK_THAT(lines.at(0), Catch::StartsWith(":star: ") &&
                                Catch::EndsWith(" · _you are commander and scribe_"));
    CHECK_THAT(lines.at(1),
               Catch::StartsWith(":star: ") && Catch::EndsWith(" · _you declared it_"));
    CHECK_THAT(lines.at(2), !Catch::Contains(":star:") && !Catch::Contains("_you"));
}

TEST_CASE("open incidents come most severe first, then the longest running") {
    core::Incident newer_sev1 = incident(1, core::Severity::sev1, core::State::active);
    newer_sev1.declared_at = now - 1h;
    core::Incident older_sev1 = incident(2, core::Severity::sev1, core::State::resolved);
    older_sev1.declared_at = now - 3h;
    core::Incident sev3 = incident(3, core::Severity::sev3, core::State::active);
    const auto lines =
        sections(bot::app_home_view("U0BOB", {sev3, newer_sev1, older_sev1}, now, ""));
    CHECK_THAT(lines.at(0), Catch::Contains("INC-2"));
    CHECK_THAT(lines.at(1), Catch::Contains("INC-1"));
    CHECK_THAT(lines.at(2), Catch::Contains("INC-3"));
}

TEST_CASE("postmortems due show their due date, how overdue, and their owner") {
    core::Incident overdue = closed_with_postmortem(4, now - std::chrono::days{2});
    overdue.roles[core::Role::commander] = core::Actor{"U0BOB", "bob"};
    core::Incident upcoming = closed_with_postmortem(5, now + std::chrono::days{3});
    core::Incident done = closed_with_postmortem(6, now - std::chrono::days{1});
    done.postmortem.done = true;
    core::Incident archived = closed_with_postmortem(9, now + std::chrono::days{5});
    archived.state = core::State::archived;
    const json view = bot::app_home_view("U0BOB", {upcoming, done, overdue, archived}, now, "");
    CHECK(headers(view).at(2) == "Postmortems due (3)");
    const auto lines = sections(view);
    REQUIRE(lines.size() == 4);
    CHECK(lines.at(0) == "No open incidents.");
    CHECK(lines.at(1) ==
          ":star: *INC-4* · Incident 4\nDue <!date^1795341600^{date_short_pretty} "
          "{time}|2026-11-22T10:00:00Z> — *overdue by 2d* · Owner: <@U0BOB> · _yours_");
    CHECK(lines.at(2) ==
          "*INC-5* · Incident 5\nDue <!date^1795773600^{date_short_pretty} "
          "{time}|2026-11-27T10:00:00Z> · Owner: <@U0ALICE>");
    CHECK_THAT(lines.at(3), Catch::StartsWith("*INC-9* "));
}

TEST_CASE("user text on the Home tab is escaped and titles shortened") {
    core::Incident hostile = incident(7, core::Severity::sev2, core::State::active);
    hostile.title = "<!channel> & " + std::string(500, 'x');
    hostile.roles[core::Role::commander] = core::Actor{"", "<@U0ALL>"};
    const std::string line = sections(bot::app_home_view("U0BOB", {hostile}, now, "")).at(0);
    CHECK_THAT(line, Catch::Contains("&lt;!channel&gt; &amp; xxx") &&
                         Catch::Contains("Commander: &lt;@U0ALL&gt;") &&
                         !Catch::Contains("<!channel>") && Catch::Contains("x…\nactive"));
}

TEST_CASE("long lists are cut, saying how many more there are and where to see them") {
    std::vector<core::Incident> many;
    for (int i = 1; i <= 45; ++i)
        many.push_back(incident(i, core::Severity::sev3, core::State::active));
    for (int i = 100; i < 150; ++i)
        many.push_back(closed_with_postmortem(i, now + std::chrono::hours{i}));
    const json view = bot::app_home_view("U0BOB", many, now, "");
    CHECK(sections(view).size() == 2 * bot::max_home_listed);
    CHECK(headers(view).at(1) == "Open incidents (45)");
    CHECK(contexts(view).at(1) == "…and 5 more: `/incident list`");
    CHECK(contexts(view).at(2) == "…and 10 more: `/incident list`");
    CHECK(view.at("blocks").size() <= 100);
}
