// Every message and view incidentd builds, at the sizes people and configurations can reach,
// checked against Slack's documented Block Kit limits (tests/support/block_kit_limits.hpp).
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "bot/ui/app_home.hpp"
#include "bot/ui/declare_modal.hpp"
#include "bot/ui/incident_modals.hpp"
#include "bot/ui/summary_message.hpp"
#include "support/block_kit_limits.hpp"

using namespace incidentd;
using namespace std::chrono_literals;
using nlohmann::json;
using test::Surface;

namespace {

const core::Time now = std::chrono::sys_days{std::chrono::November / 24 / 2026} + 10h;
const std::vector<std::string> none;

std::string repeated(const std::string& piece, int times) {
    std::string out;
    for (int i = 0; i < times; ++i)
        out += piece;
    return out;
}

// An incident with everything at its longest: a 5,000-character title of `piece`, every role
// held by someone known only by a long hostile name, a long team and postmortem link.
core::Incident everything_long(std::int64_t number, core::State state, const std::string& piece) {
    core::Incident incident;
    incident.number = number;
    incident.title = repeated(piece, 5000);
    incident.severity = core::Severity::sev1;
    incident.state = state;
    incident.team = repeated("<", 300);
    incident.channel_id = "C0INC" + std::to_string(number);
    incident.summary_ts = "1795514400.000100";
    incident.declared_by = core::Actor{"", repeated("&", 500)};
    incident.declared_at = now - 49h;
    for (core::Role role : core::all_roles)
        incident.roles[role] = core::Actor{"", repeated(">", 500)};
    if (state != core::State::active) incident.resolved_at = now - 2h;
    if (state == core::State::closed || state == core::State::archived) {
        incident.closed_at = now - 1h;
        incident.postmortem.due_at = now - 1h + std::chrono::days{number % 14 - 7};
    }
    incident.postmortem.url = "https://example.com/?" + repeated("&", 1980);
    return incident;
}

}  // namespace

TEST_CASE("every message and view incidentd builds stays within Block Kit's limits") {
    const std::string piece = GENERATE(as<std::string>{}, "a", "é", "&", "<", "日", "👩‍🚒");
    INFO("title made of " << piece);

    SECTION("the summary, in every state") {
        for (core::State state : {core::State::active, core::State::resolved, core::State::closed,
                                  core::State::archived}) {
            INFO(core::to_string(state));
            const auto summary =
                bot::summary_message(everything_long(7, state, piece), now, repeated("h", 4000),
                                     {48h, std::chrono::days{30}});
            CHECK(test::block_kit_problems({{"text", summary.text}, {"blocks", summary.blocks}},
                                           Surface::message_blocks) == none);
        }
    }

    SECTION("the declare modal, with 50 teams with long names and a long pre-filled title") {
        core::Declare initial;
        initial.title = repeated(piece, 5000);
        initial.severity = core::Severity::sev1;
        const std::size_t name_length = GENERATE(64u, 140u, 300u);
        std::vector<std::string> teams;
        for (int i = 0; i < 50; ++i)
            teams.push_back(std::to_string(i) + "-" + std::string(name_length, 'x'));
        initial.team = teams.back();
        const json view = bot::declare_modal({teams, initial, repeated("C", 4000)});
        CHECK(test::block_kit_problems(view, Surface::modal) == none);
        SECTION("and with more teams than a menu holds") {
            for (int i = 50; i < 250; ++i)
                teams.push_back("team-" + std::to_string(i));
            CHECK(test::block_kit_problems(bot::declare_modal({teams, initial, "C0GENERAL"}),
                                           Surface::modal) == none);
        }
    }

    SECTION("each incident modal") {
        const core::Incident incident = everything_long(7, core::State::active, piece);
        CHECK(test::block_kit_problems(bot::update_status_modal(incident), Surface::modal) == none);
        CHECK(test::block_kit_problems(bot::change_severity_modal(incident), Surface::modal) ==
              none);
        CHECK(test::block_kit_problems(bot::assign_role_modal(incident), Surface::modal) == none);
    }

    SECTION("the App Home with 200 incidents") {
        std::vector<core::Incident> incidents;
        for (int i = 1; i <= 200; ++i)
            incidents.push_back(
                everything_long(i, i % 2 ? core::State::active : core::State::closed, piece));
        const json view = bot::app_home_view(repeated("U", 300), incidents, now,
                                             "https://" + repeated("w", 1000) + ".slack.com/");
        CHECK(test::block_kit_problems(view, Surface::home) == none);
        CHECK(view.at("blocks").size() > 2 * bot::max_home_listed);
    }
}

TEST_CASE("the limits checker finds each kind of violation and says where") {
    json blocks = json::array();
    blocks.push_back(
        {{"type", "header"}, {"text", {{"type", "plain_text"}, {"text", std::string(151, 'h')}}}});
    blocks.push_back(
        {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", std::string(3001, 's')}}}});
    json button = {{"type", "button"},
                   {"action_id", "same"},
                   {"text", {{"type", "plain_text"}, {"text", std::string(76, 'b')}}},
                   {"confirm",
                    {{"title", {{"type", "plain_text"}, {"text", "Sure?"}}},
                     {"text", {{"type", "plain_text"}, {"text", std::string(301, 't')}}},
                     {"confirm", {{"type", "plain_text"}, {"text", "Yes"}}},
                     {"deny", {{"type", "plain_text"}, {"text", "No"}}}}}};
    blocks.push_back({{"type", "actions"}, {"elements", {button, button}}});
    blocks.push_back({{"type", "carousel"}});

    SECTION("in a message") {
        for (int i = 0; i < 47; ++i)
            blocks.push_back({{"type", "divider"}});
        const auto problems = test::block_kit_problems(blocks, Surface::message_blocks);
        CHECK(problems == std::vector<std::string>{
                              "blocks: 51 blocks, over 50",
                              "blocks[0].text.text: 151 characters, over 150",
                              "blocks[1].text.text: 3001 characters, over 3000",
                              "blocks[2].elements[0].confirm.text.text: 301 characters, over 300",
                              "blocks[2].elements[0].text.text: 76 characters, over 75",
                              "blocks[2].elements[1].action_id: \"same\" repeated",
                              "blocks[2].elements[1].confirm.text.text: 301 characters, over 300",
                              "blocks[2].elements[1].text.text: 76 characters, over 75",
                              "blocks[3].type: \"carousel\" is not a block this checker knows",
                          });
    }

    SECTION("in a modal") {
        json select = {{"type", "static_select"},
                       {"action_id", "pick"},
                       {"options",
                        {{{"text", {{"type", "plain_text"}, {"text", "One"}}},
                          {"value", std::string(151, 'v')}}}},
                       {"initial_option",
                        {{"text", {{"type", "plain_text"}, {"text", "Two"}}}, {"value", "2"}}}};
        json view = {{"type", "modal"},
                     {"title", {{"type", "plain_text"}, {"text", std::string(25, 't')}}},
                     {"private_metadata", std::string(3001, 'm')},
                     {"blocks",
                      {{{"type", "input"},
                        {"block_id", "b"},
                        {"label", {{"type", "mrkdwn"}, {"text", "Pick"}}},
                        {"element", select}}}}};
        const auto problems = test::block_kit_problems(view, Surface::modal);
        CHECK(problems == std::vector<std::string>{
                              "title.text: 25 characters, over 24",
                              "private_metadata: 3001 characters, over 3000",
                              "blocks[0].label.type: must be plain_text",
                              "blocks[0].element.options[0].value: 151 characters, over 150",
                              "blocks[0].element.initial_option: not one of the options",
                              "submit: missing: a modal with inputs needs a submit button",
                          });
    }

    SECTION("nothing is reported for what is within the limits") {
        const json fine = json::array(
            {{{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", "All good"}}}}});
        CHECK(test::block_kit_problems(fine, Surface::message_blocks) == none);
    }
}
