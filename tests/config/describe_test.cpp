// describe(): the effective configuration as TOML with the origin of every value, and secrets
// only as "set (from …)" / "not set".
#include <catch2/catch.hpp>

#include "config/describe.hpp"
#include "config_fixture.hpp"

using namespace incidentd::config;
using Catch::Matchers::Contains;
using incidentd::config::test::ConfigDir;

namespace {
const std::string bot_token = "xoxb-9999-DISTINCTIVE-SECRET-VALUE";
const std::string signing_secret = "DISTINCTIVE-SIGNING-SECRET-VALUE";
}  // namespace

TEST_CASE("describe never shows a secret value") {
    ConfigDir dir;
    const std::string token_file = dir.write("token", bot_token + "\n");
    const Config config =
        dir.load("[store]\npath = \"x.db\"\n",
                 {{"SLACK_BOT_TOKEN_FILE", token_file}, {"SLACK_SIGNING_SECRET", signing_secret}});
    const std::string text = describe(config);
    CHECK_THAT(text, !Contains("DISTINCTIVE"));
    CHECK_THAT(text, Contains("SLACK_BOT_TOKEN: set (from SLACK_BOT_TOKEN_FILE)"));
    CHECK_THAT(text, Contains("SLACK_SIGNING_SECRET: set (from SLACK_SIGNING_SECRET)"));
    CHECK_THAT(text, Contains("SLACK_APP_TOKEN: not set"));
    CHECK_THAT(text, Contains("HTTP Events API"));
}

TEST_CASE("describe says where each value came from") {
    ConfigDir dir;
    const Config config = dir.load(
        R"([store]
path = "file.db"
[incidents]
archive_after = "36h"
[teams.payments]
announce_channel = "C0PAYMENTS"
)",
        {{"INCIDENTD_SERVER_LISTEN", "[::1]:4000"}, {"SLACK_APP_TOKEN", "xapp-1-DISTINCTIVE"}});
    const std::string text = describe(config);
    CHECK_THAT(text, Contains("# file: " + config.file + " (chosen by --config)"));
    CHECK_THAT(text, Contains("path = \"file.db\"  # from " + config.file + ":2"));
    CHECK_THAT(text, Contains("archive_after = \"36h\"  # from " + config.file + ":4"));
    CHECK_THAT(text, Contains("listen = \"[::1]:4000\"  # from env INCIDENTD_SERVER_LISTEN"));
    CHECK_THAT(text, Contains("postmortem_due = \"7d\"  # default"));
    CHECK_THAT(text, Contains("[teams.payments]\nannounce_channel = \"C0PAYMENTS\"  # from "));
    CHECK_THAT(text, Contains("Socket Mode"));
    CHECK_THAT(text, !Contains("DISTINCTIVE"));
}

TEST_CASE("describe's output loads back as the same settings") {
    ConfigDir dir;
    const Config original = dir.load(R"([server]
listen = "127.0.0.1:0"
[slack]
api_url = "http://localhost:9001/api/"
responders = ["U0ONE", "U0TWO"]
[incidents]
channel_prefix = "sev"
archive_after = "1h30m"
postmortem_due = "2w"
key_event_emoji = "round_pushpin"
[log]
format = "json"
[teams.payments]
archive_after = "0s"
workflow = "Line one\n\"quoted\" line two"
)");
    const Config again = dir.load(describe(original));
    CHECK(again.server.listen == original.server.listen);
    CHECK(again.slack.api_url == original.slack.api_url);
    CHECK(again.slack.responders == original.slack.responders);
    CHECK(again.incidents.channel_prefix == "sev");
    CHECK(again.incidents.archive_after == original.incidents.archive_after);
    CHECK(again.incidents.postmortem_due == std::chrono::days{14});
    CHECK(again.incidents.key_event_emoji == "round_pushpin");
    CHECK(again.log.format == LogFormat::json);
    REQUIRE(again.teams.count("payments") == 1);
    CHECK(again.teams.at("payments").archive_after == std::chrono::seconds{0});
    CHECK(again.teams.at("payments").workflow == "Line one\n\"quoted\" line two");
}
