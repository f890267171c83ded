// [teams.<name>] sections: overrides of [incidents] and [templates], added responders,
// announcement channel and workflow, from the file and from INCIDENTD_TEAMS_<TEAM>_<KEY>.
#include <catch2/catch.hpp>

#include <chrono>

#include "config/team_settings.hpp"
#include "config_fixture.hpp"

using namespace incidentd::config;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using incidentd::config::test::ConfigDir;

TEST_CASE("a team's settings are the global ones with its overrides applied") {
    ConfigDir dir;
    const std::string postmortem = dir.write("payments-postmortem.md", "# {{TITLE}}");
    const Config config = dir.load(R"([slack]
announce_channel = "C0ALL"
responders = ["U0GLOBAL", "U0ONCALL1"]
[incidents]
archive_after = "12h"
[teams.payments]
channel_prefix = "pay"
postmortem_due = "3d"
key_event_emoji = ":star:"
postmortem = ")" + postmortem + R"("
announce_channel = "C0PAYMENTS"
responders = ["U0ONCALL1", "U0PAY"]
workflow = "Record: the channel. Postmortem: within 7 days, owner = commander."
[teams.search]
)");

    SECTION("overridden keys take the team's value, others the global one") {
        const auto team = settings_for_team(config, "payments");
        REQUIRE(team);
        CHECK(team->team == "payments");
        CHECK(team->incidents.channel_prefix == "pay");
        CHECK(team->incidents.postmortem_due == std::chrono::days{3});
        CHECK(team->incidents.archive_after == std::chrono::hours{12});
        CHECK(team->incidents.key_event_emoji == "star");
        CHECK(team->templates.postmortem == postmortem);
        CHECK(team->templates.incident_record.empty());
        CHECK(team->announce_channel == "C0PAYMENTS");
        CHECK(team->workflow ==
              "Record: the channel. Postmortem: within 7 days, owner = commander.");
    }
    SECTION("team responders are invited in addition to the global ones, once each") {
        CHECK(settings_for_team(config, "payments")->responders ==
              std::vector<std::string>{"U0GLOBAL", "U0ONCALL1", "U0PAY"});
    }
    SECTION("a team with an empty section runs with the global settings") {
        const auto team = settings_for_team(config, "search");
        REQUIRE(team);
        CHECK(team->incidents.channel_prefix == "inc");
        CHECK(team->announce_channel == "C0ALL");
        CHECK(team->workflow.empty());
    }
    SECTION("the default team is the global settings, an unknown team is nothing") {
        CHECK(settings_for_team(config, "")->incidents.postmortem_due == std::chrono::days{7});
        CHECK_FALSE(settings_for_team(config, "marketing"));
    }
    SECTION("an unknown team falls back to the default settings where a fallback is asked for") {
        const TeamSettings fallback = settings_for_team_or_default(config, "marketing");
        CHECK(fallback.team.empty());
        CHECK(fallback.announce_channel == "C0ALL");
        CHECK(settings_for_team_or_default(config, "payments").incidents.channel_prefix == "pay");
    }
}

TEST_CASE("team settings can be set from the environment and beat the file") {
    ConfigDir dir;
    const Config config =
        dir.load("[teams.platform-infra]\npostmortem_due = \"5d\"\n",
                 {{"INCIDENTD_TEAMS_PLATFORM_INFRA_POSTMORTEM_DUE", "2d"},
                  {"INCIDENTD_TEAMS_PLATFORM_INFRA_RESPONDERS", "U0A,U0B"},
                  {"INCIDENTD_TEAMS_PAYMENTS_WORKFLOW", "Page the payments lead."}});
    REQUIRE(config.teams.count("platform-infra") == 1);
    CHECK(config.teams.at("platform-infra").postmortem_due == std::chrono::days{2});
    CHECK(config.teams.at("platform-infra").responders == std::vector<std::string>{"U0A", "U0B"});
    CHECK(config.teams.at("payments").workflow == "Page the payments lead.");
    CHECK(config.source_of("teams.platform-infra.postmortem_due").where ==
          "INCIDENTD_TEAMS_PLATFORM_INFRA_POSTMORTEM_DUE");
}

TEST_CASE("bad team sections are rejected with the team and key named") {
    ConfigDir dir;
    SECTION("a team name that is not a lowercase slug") {
        REQUIRE_THROWS_WITH(
            dir.load("[teams.Payments]\nworkflow = \"x\"\n"),
            StartsWith("config: [teams.Payments]: \"Payments\" is not a team name"));
    }
    SECTION("a bad value in a team") {
        REQUIRE_THROWS_WITH(
            dir.load("[teams.payments]\narchive_after = \"later\"\n"),
            StartsWith("config: [teams.payments] archive_after: \"later\" is not a duration"));
        REQUIRE_THROWS_WITH(dir.load("[teams.payments]\nresponders = [\"alice\"]\n"),
                            StartsWith("config: [teams.payments] responders: \"alice\" is not a "
                                       "Slack user id"));
        REQUIRE_THROWS_WITH(dir.load("[teams.payments]\nchannel_prefix = \"Pay\"\n"),
                            StartsWith("config: [teams.payments] channel_prefix: \"Pay\""));
    }
    SECTION("an unknown key in a team") {
        REQUIRE_THROWS_WITH(dir.load("[teams.payments]\nworkflw = \"x\"\n"),
                            StartsWith("config: [teams.payments] workflw: unknown key; did you "
                                       "mean workflow?"));
    }
    SECTION("a team's template that does not exist") {
        REQUIRE_THROWS_WITH(dir.load("[teams.payments]\nincident_record = \"none.md\"\n"),
                            StartsWith("config: [teams.payments] incident_record: \"none.md\" does "
                                       "not exist"));
    }
    SECTION("a team that is not a section") {
        REQUIRE_THROWS_WITH(
            dir.load("[teams]\npayments = \"C0PAY\"\n"),
            StartsWith("config: [teams] payments: expected a [teams.payments] section"));
    }
    SECTION("a bad team variable in the environment") {
        REQUIRE_THROWS_WITH(
            dir.load_env({{"INCIDENTD_TEAMS_PAYMENTS_ANNOUNCE_CHANNEL", "#pay"}}),
            "config: INCIDENTD_TEAMS_PAYMENTS_ANNOUNCE_CHANNEL: \"#pay\" is a channel "
            "name; use the channel id (C… or G…), shown at the bottom of the "
            "channel's details");
        REQUIRE_THROWS_WITH(
            dir.load_env({{"INCIDENTD_TEAMS_PAYMENTS_COLOUR", "red"}}),
            StartsWith("config: INCIDENTD_TEAMS_PAYMENTS_COLOUR: not a team setting"));
    }
}
