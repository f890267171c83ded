// Secrets: only from SLACK_* variables or their _FILE forms, checked, never echoed in errors.
#include <catch2/catch.hpp>

#include <filesystem>

#include "config/load.hpp"
#include "config_fixture.hpp"

using namespace incidentd::config;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using incidentd::config::test::ConfigDir;

namespace {
// Distinctive, so a test can tell whether it leaked into a message.
const std::string bot_token = "xoxb-1111-LEAKCHECK-bot";
const std::string app_token = "xapp-1-LEAKCHECK-app";
const std::string signing_secret = "8f742231b10e8888LEAKCHECKabcdef";
}  // namespace

TEST_CASE("secrets are read from the environment") {
    ConfigDir dir;
    const Config config = dir.load_env({{"SLACK_BOT_TOKEN", bot_token},
                                        {"SLACK_SIGNING_SECRET", signing_secret},
                                        {"SLACK_APP_TOKEN", app_token}});
    CHECK(config.secrets.bot_token.reveal() == bot_token);
    CHECK(config.secrets.bot_token.from() == "SLACK_BOT_TOKEN");
    CHECK(config.secrets.signing_secret.reveal() == signing_secret);
    CHECK(config.secrets.app_token.reveal() == app_token);
    CHECK(config.socket_mode());
}

TEST_CASE("a secret can come from the file named by <NAME>_FILE, without its trailing newline") {
    ConfigDir dir;
    const std::string file = dir.write("bot-token", bot_token + "\r\n");
    const Config config = dir.load_env({{"SLACK_BOT_TOKEN_FILE", file}});
    CHECK(config.secrets.bot_token.reveal() == bot_token);
    CHECK(config.secrets.bot_token.from() == "SLACK_BOT_TOKEN_FILE");
    CHECK_FALSE(config.socket_mode());
}

TEST_CASE("an empty secret variable counts as not set") {
    ConfigDir dir;
    const Config config = dir.load_env({{"SLACK_APP_TOKEN", ""}, {"SLACK_BOT_TOKEN_FILE", ""}});
    CHECK_FALSE(config.secrets.app_token.is_set());
    CHECK_FALSE(config.secrets.bot_token.is_set());
    CHECK_FALSE(config.socket_mode());
}

TEST_CASE("bad secrets stop loading with a message that names the variable but not the value") {
    ConfigDir dir;
    auto rejects = [&](Environment env, const std::string& expected) {
        try {
            dir.load_env(std::move(env));
            FAIL("expected a ConfigError starting with: " << expected);
        } catch (const ConfigError& error) {
            const std::string message = error.what();
            CHECK_THAT(message, StartsWith(expected));
            CHECK_THAT(message, !Contains("LEAKCHECK"));
        }
    };
    SECTION("both X and X_FILE set") {
        const std::string file = dir.write("token", bot_token);
        rejects({{"SLACK_BOT_TOKEN", bot_token}, {"SLACK_BOT_TOKEN_FILE", file}},
                "config: SLACK_BOT_TOKEN and SLACK_BOT_TOKEN_FILE are both set; set only one");
    }
    SECTION("a bot token that is not xoxb-") {
        rejects(
            {{"SLACK_BOT_TOKEN", "xoxp-2222-LEAKCHECK"}},
            "config: SLACK_BOT_TOKEN: is a user token (xoxp-), not one starting with \"xoxb-\"");
    }
    SECTION("an app token that is not xapp-, read from a file") {
        const std::string file = dir.write("app", bot_token + "\n");
        rejects({{"SLACK_APP_TOKEN_FILE", file}},
                "config: SLACK_APP_TOKEN_FILE: is a bot token (xoxb-), not one starting with "
                "\"xapp-\"");
    }
    SECTION("a missing secret file") {
        rejects({{"SLACK_SIGNING_SECRET_FILE", (dir.path() / "absent").string()}},
                "config: SLACK_SIGNING_SECRET_FILE: cannot read");
    }
    SECTION("an empty secret file") {
        rejects({{"SLACK_SIGNING_SECRET_FILE", dir.write("empty", "\n")}},
                "config: SLACK_SIGNING_SECRET_FILE: ");
    }
    SECTION("a value with spaces inside") {
        rejects({{"SLACK_SIGNING_SECRET", "LEAKCHECK and more"}},
                "config: SLACK_SIGNING_SECRET: contains spaces or control characters");
    }
}

TEST_CASE("secrets in the config file are refused with a pointer to the environment") {
    ConfigDir dir;
    SECTION("in a section") {
        REQUIRE_THROWS_WITH(
            dir.load("[slack]\nbot_token = \"" + bot_token + "\"\n"),
            StartsWith("config: [slack] bot_token: secrets are never read from the config file") &&
                Contains("SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_FILE") && !Contains("LEAKCHECK"));
        REQUIRE_THROWS_WITH(dir.load("[slack]\nsigning_secret = \"x\"\n"),
                            Contains("set SLACK_SIGNING_SECRET or SLACK_SIGNING_SECRET_FILE"));
        REQUIRE_THROWS_WITH(dir.load("[slack]\napp_token = \"x\"\n"),
                            Contains("set SLACK_APP_TOKEN or SLACK_APP_TOKEN_FILE"));
    }
    SECTION("at the top level") {
        REQUIRE_THROWS_WITH(dir.load("slack_bot_token = \"x\"\n"),
                            StartsWith("config: slack_bot_token: secrets are never read"));
    }
    SECTION("in a team section") {
        REQUIRE_THROWS_WITH(
            dir.load("[teams.payments]\nbot_token = \"x\"\n"),
            StartsWith("config: [teams.payments] bot_token: secrets are never read"));
    }
    SECTION("as an INCIDENTD_ override") {
        REQUIRE_THROWS_WITH(dir.load_env({{"INCIDENTD_SLACK_BOT_TOKEN", bot_token}}),
                            StartsWith("config: INCIDENTD_SLACK_BOT_TOKEN: secrets are read from "
                                       "SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_FILE") &&
                                !Contains("LEAKCHECK"));
    }
}
