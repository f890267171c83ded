// load_config: which file is read, defaults, file values, environment overrides, and the errors
// that stop start-up (unknown keys and sections, syntax errors, bad values).
#include <catch2/catch.hpp>

#include <chrono>

#include "config/load.hpp"
#include "config_fixture.hpp"

using namespace incidentd::config;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using incidentd::config::test::ConfigDir;

TEST_CASE("with no file and no environment every setting has the documented default") {
    ConfigDir dir;
    const Config config = dir.load_env({});
    CHECK(config.file.empty());
    CHECK(config.server.listen.host == "0.0.0.0");
    CHECK(config.server.listen.port == 3000);
    CHECK(config.store.path == "incidentd.db");
    CHECK(config.slack.api_url == "https://slack.com/api/");
    CHECK(config.slack.ca_file.empty());
    CHECK(config.slack.announce_channel.empty());
    CHECK(config.slack.responders.empty());
    CHECK(config.incidents.channel_prefix == "inc");
    CHECK(config.incidents.archive_after == std::chrono::hours{24});
    CHECK(config.incidents.postmortem_due == std::chrono::days{7});
    CHECK(config.incidents.timezone == "UTC");
    CHECK(config.incidents.key_event_emoji == "pushpin");
    CHECK(config.templates.incident_record.empty());
    CHECK(config.templates.postmortem.empty());
    CHECK(config.log.level == "info");
    CHECK(config.log.format == LogFormat::text);
    CHECK(config.teams.empty());
    CHECK_FALSE(config.secrets.bot_token.is_set());
    CHECK_FALSE(config.socket_mode());
    CHECK(config.source_of("store.path").origin == Origin::default_value);
}

TEST_CASE("values in the file replace the defaults and remember their line") {
    ConfigDir dir;
    const std::string record = dir.write("record.md.tpl", "{{TITLE}}");
    const Config config = dir.load(R"([server]
listen = "[::1]:8080"
[store]
path = "data/incidents.db"
[slack]
api_url = "http://127.0.0.1:9000/api"
announce_channel = "C0INCIDENTS"
responders = ["U0ONCALL1", "W0ONCALL2"]
[incidents]
channel_prefix = "sev"
archive_after = "1h30m"
postmortem_due = "3d"
timezone = "UTC"
key_event_emoji = ":star:"
[templates]
incident_record = ")" + record + R"("
[log]
level = "debug"
format = "json"
)");
    CHECK(config.server.listen == ListenAddress{"::1", 8080});
    CHECK(config.store.path == "data/incidents.db");
    CHECK(config.slack.api_url == "http://127.0.0.1:9000/api/");
    CHECK(config.slack.announce_channel == "C0INCIDENTS");
    CHECK(config.slack.responders == std::vector<std::string>{"U0ONCALL1", "W0ONCALL2"});
    CHECK(config.incidents.channel_prefix == "sev");
    CHECK(config.incidents.archive_after == std::chrono::minutes{90});
    CHECK(config.incidents.postmortem_due == std::chrono::days{3});
    CHECK(config.incidents.key_event_emoji == "star");
    CHECK(config.templates.incident_record == record);
    CHECK(config.log.level == "debug");
    CHECK(config.log.format == LogFormat::json);

    const Source source = config.source_of("incidents.archive_after");
    CHECK(source.origin == Origin::file);
    CHECK_THAT(source.where, Contains("incidentd.toml:11"));
    CHECK(config.source_of("templates.postmortem").origin == Origin::default_value);
}

TEST_CASE(
    "the config file is chosen by --config, then INCIDENTD_CONFIG, then the working directory") {
    ConfigDir dir;
    const std::string named = dir.write("named.toml", "[store]\npath = \"named.db\"\n");
    const std::string from_env = dir.write("env.toml", "[store]\npath = \"env.db\"\n");
    dir.write("incidentd.toml", "[store]\npath = \"local.db\"\n");

    SECTION("--config wins over INCIDENTD_CONFIG") {
        const Config config = load_config({named, {{"INCIDENTD_CONFIG", from_env}}, dir.path()});
        CHECK(config.store.path == "named.db");
        CHECK(config.file == named);
        CHECK(config.file_chosen_by == "--config");
    }
    SECTION("INCIDENTD_CONFIG wins over incidentd.toml in the working directory") {
        const Config config =
            load_config({std::nullopt, {{"INCIDENTD_CONFIG", from_env}}, dir.path()});
        CHECK(config.store.path == "env.db");
        CHECK(config.file_chosen_by == "INCIDENTD_CONFIG");
    }
    SECTION("incidentd.toml in the working directory is read when nothing names a file") {
        const Config config = load_config({std::nullopt, {}, dir.path()});
        CHECK(config.store.path == "local.db");
        CHECK(config.file_chosen_by == "the working directory");
    }
    SECTION("a named file that does not exist is an error, not a silent fallback") {
        REQUIRE_THROWS_WITH(load_config({(dir.path() / "missing.toml").string(), {}, dir.path()}),
                            StartsWith("config: --config: cannot read") &&
                                Contains("missing.toml") && Contains("no such file"));
        REQUIRE_THROWS_WITH(
            load_config({std::nullopt, {{"INCIDENTD_CONFIG", "nowhere.toml"}}, dir.path()}),
            StartsWith("config: INCIDENTD_CONFIG: cannot read \"nowhere.toml\""));
    }
}

TEST_CASE("environment overrides beat the file") {
    ConfigDir dir;
    const std::string toml = R"([store]
path = "file.db"
[incidents]
archive_after = "2h"
[slack]
responders = ["U0FILE"]
)";
    const Config config = dir.load(toml, {{"INCIDENTD_STORE_PATH", "env.db"},
                                          {"INCIDENTD_INCIDENTS_ARCHIVE_AFTER", "0s"},
                                          {"INCIDENTD_SLACK_RESPONDERS", "U0ONE, U0TWO,,"},
                                          {"INCIDENTD_SERVER_LISTEN", "127.0.0.1:0"},
                                          {"PATH", "/usr/bin"}});
    CHECK(config.store.path == "env.db");
    CHECK(config.incidents.archive_after == std::chrono::seconds{0});
    CHECK(config.slack.responders == std::vector<std::string>{"U0ONE", "U0TWO"});
    CHECK(config.server.listen == ListenAddress{"127.0.0.1", 0});
    CHECK(config.source_of("store.path").origin == Origin::env);
    CHECK(config.source_of("store.path").where == "INCIDENTD_STORE_PATH");
}

TEST_CASE("a bad value names the key, the problem and where it was set") {
    ConfigDir dir;
    SECTION("in the file") {
        REQUIRE_THROWS_WITH(
            dir.load("[incidents]\n\narchive_after = \"soon\"\n"),
            StartsWith("config: [incidents] archive_after: \"soon\" is not a duration like 24h or "
                       "30m (") &&
                Contains("incidentd.toml:3)"));
    }
    SECTION("in the environment") {
        REQUIRE_THROWS_WITH(dir.load_env({{"INCIDENTD_INCIDENTS_ARCHIVE_AFTER", "soon"}}),
                            "config: INCIDENTD_INCIDENTS_ARCHIVE_AFTER: \"soon\" is not a duration "
                            "like 24h or 30m");
    }
}

TEST_CASE("every invalid value is rejected with its key named") {
    ConfigDir dir;
    auto rejects = [&](const std::string& section, const std::string& line,
                       const std::string& expected) {
        INFO(section << " " << line);
        REQUIRE_THROWS_WITH(dir.load("[" + section + "]\n" + line + "\n"),
                            StartsWith("config: [" + section + "] ") && Contains(expected));
    };
    SECTION("durations") {
        rejects("incidents", "postmortem_due = \"7 days\"",
                "postmortem_due: \"7 days\" is not a duration");
        rejects("incidents", "postmortem_due = \"0s\"", "postmortem_due: \"0s\" is zero");
        rejects("incidents", "archive_after = 24",
                "archive_after: expected a string in double quotes, got an integer");
        rejects("incidents", "archive_after = [\"24h\"]",
                "archive_after: expected a string in double quotes, got an array");
        rejects("incidents", "archive_after = true",
                "archive_after: expected a string in double quotes, got a boolean");
    }
    SECTION("listen addresses") {
        rejects("server", "listen = \"3000\"", "listen: \"3000\" has no port");
        rejects("server", "listen = \"::1:3000\"", "write it as \"[::1]:3000\"");
        rejects("server", "listen = \"0.0.0.0:70000\"", "a port is a number from 0 to 65535");
        rejects("server", "listen = \":3000\"", "has no host");
        rejects("server", "listen = \"[example]:3000\"", "not an IPv6 address");
        rejects("server", "listen = \"999.1.1.1:3000\"", "not a host name or IP address");
    }
    SECTION("api_url: https, or http only to loopback") {
        rejects("slack", "api_url = \"http://slack.example.com/api/\"",
                "api_url: \"http://slack.example.com/api/\" uses plain http:// to "
                "\"slack.example.com\", which is not a loopback host");
        rejects("slack", "api_url = \"http://10.0.0.1/api/\"", "not a loopback host");
        rejects("slack", "api_url = \"ftp://slack.com/api/\"", "is not an https:// URL");
        rejects("slack", "api_url = \"https:///api/\"", "has no host");
        CHECK(dir.load("[slack]\napi_url = \"http://localhost:9/api/\"\n").slack.api_url ==
              "http://localhost:9/api/");
        CHECK(dir.load("[slack]\napi_url = \"http://[::1]:9/\"\n").slack.api_url ==
              "http://[::1]:9/");
        CHECK(dir.load("[slack]\napi_url = \"http://127.9.9.9/\"\n").slack.api_url ==
              "http://127.9.9.9/");
    }
    SECTION("channel prefix") {
        rejects("incidents", "channel_prefix = \"INC\"",
                "channel_prefix: \"INC\" has upper-case letters");
        rejects("incidents", "channel_prefix = \"a-very-long-prefix-for-channels\"",
                "channel_prefix:");
        rejects("incidents", "channel_prefix = \"inc ident\"", "channel_prefix:");
    }
    SECTION("channel ids") {
        rejects("slack", "announce_channel = \"#incidents\"",
                "announce_channel: \"#incidents\" is a channel name");
        rejects("slack", "announce_channel = \"c0abc\"", "Slack channel ids are upper-case");
        rejects("slack", "announce_channel = \"D0DIRECT\"", "is not a Slack channel id");
    }
    SECTION("user ids") {
        rejects("slack", "responders = [\"U0OK\", \"@alice\"]",
                "responders: \"@alice\" is a user name");
        rejects("slack", "responders = [\"C0CHANNEL\"]", "is not a Slack user id");
        rejects("slack", "responders = \"U0ONE\"", "expected a list of strings");
        rejects("slack", "responders = [1]", "expected a list of strings");
    }
    SECTION("timezone, emoji and log settings") {
        rejects("incidents", "timezone = \"Europe/Berlin\"",
                "timezone: \"Europe/Berlin\" is not supported");
        rejects("incidents", "key_event_emoji = \"Pushpin\"",
                "key_event_emoji: \"Pushpin\" has upper-case letters");
        rejects("incidents", "key_event_emoji = \"::\"", "key_event_emoji: is empty");
        rejects("log", "level = \"verbose\"", "level: \"verbose\" is not a log level");
        rejects("log", "format = \"xml\"", "format: \"xml\" is not a log format");
    }
    SECTION("store path") {
        rejects("store", "path = \"\"", "path: is empty");
    }
}

TEST_CASE("files named by the configuration must exist and be readable") {
    ConfigDir dir;
    SECTION("a CA file") {
        REQUIRE_THROWS_WITH(
            dir.load("[slack]\nca_file = \"no-such-ca.pem\"\n"),
            StartsWith("config: [slack] ca_file: \"no-such-ca.pem\" does not exist"));
        const std::string ca = dir.write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
        CHECK(dir.load("[slack]\nca_file = \"" + ca + "\"\n").slack.ca_file == ca);
    }
    SECTION("templates, and a directory is not a template") {
        REQUIRE_THROWS_WITH(
            dir.load("[templates]\npostmortem = \"gone.md\"\n"),
            StartsWith("config: [templates] postmortem: \"gone.md\" does not exist"));
        REQUIRE_THROWS_WITH(
            dir.load("[templates]\nincident_record = \"" + dir.path().string() + "\"\n"),
            Contains("incident_record:") && Contains("is not a regular file"));
    }
    SECTION("a missing file set from the environment names the variable") {
        REQUIRE_THROWS_WITH(
            dir.load_env({{"INCIDENTD_SLACK_CA_FILE", "nope.pem"}}),
            StartsWith("config: INCIDENTD_SLACK_CA_FILE: \"nope.pem\" does not exist"));
    }
    SECTION("an environment override can replace a missing file from the config file") {
        const std::string ca = dir.write("real.pem", "pem");
        CHECK(dir.load("[slack]\nca_file = \"missing.pem\"\n", {{"INCIDENTD_SLACK_CA_FILE", ca}})
                  .slack.ca_file == ca);
    }
}

TEST_CASE("unknown keys and sections are errors, so typos cannot pass silently") {
    ConfigDir dir;
    SECTION("an unknown key names the key, file:line and the likely intended key") {
        REQUIRE_THROWS_WITH(
            dir.load("[slack]\napi_url = \"https://slack.com/api/\"\napi_ur = \"x\"\n"),
            StartsWith("config: [slack] api_ur: unknown key; did you mean api_url?") &&
                Contains("incidentd.toml:3"));
    }
    SECTION("an unknown section") {
        REQUIRE_THROWS_WITH(
            dir.load("[incident]\narchive_after = \"1h\"\n"),
            StartsWith("config: [incident]: unknown section; did you mean incidents?") &&
                Contains("incidentd.toml:1"));
    }
    SECTION("a key outside any section says where it belongs") {
        REQUIRE_THROWS_WITH(dir.load("listen = \"0.0.0.0:3000\"\n"),
                            StartsWith("config: listen: a key outside any section") &&
                                Contains("it belongs under [server]"));
    }
    SECTION("an unknown INCIDENTD_ variable") {
        REQUIRE_THROWS_WITH(dir.load_env({{"INCIDENTD_STORE_PTH", "x.db"}}),
                            StartsWith("config: INCIDENTD_STORE_PTH: no such setting; did you mean "
                                       "INCIDENTD_STORE_PATH?"));
    }
}

TEST_CASE("a TOML syntax error names file:line:column") {
    ConfigDir dir;
    REQUIRE_THROWS_WITH(dir.load("[store]\npath = \"a.db\"\n\n[slack\n"),
                        StartsWith("config: ") && Contains("incidentd.toml:4:"));
    REQUIRE_THROWS_WITH(dir.load("[store]\npath = a.db\n"),
                        StartsWith("config: ") && Contains("incidentd.toml:2:8: "));
}
