// incidentd.example.toml, the documented configuration: it must name every key with its default,
// and its commented-out team section must name every team key with values that load.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "config/file_source.hpp"
#include "config/settings.hpp"
#include "config_fixture.hpp"

using namespace incidentd::config;
using incidentd::config::test::ConfigDir;

namespace {

const std::string example_path = INCIDENTD_SOURCE_DIR "/incidentd.example.toml";

std::string example_text() {
    std::ifstream in(example_path, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The example's team section as a user enables it: from "# [teams.payments]" on, each "# " line
// with its "# " removed; "## " lines are the section's own comments and stay out.
std::string uncommented_team_example(const std::string& text) {
    std::istringstream lines(text);
    std::string line, out;
    bool inside = false;
    while (std::getline(lines, line)) {
        if (line == "# [teams.payments]") inside = true;
        if (!inside || line.starts_with("## ")) continue;
        if (!line.starts_with("# ")) break;
        out += line.substr(2) + "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("the example configuration sets every key to its default") {
    ConfigDir dir;
    const Config example = load_config({example_path, {}, dir.path()});
    const Config defaults = load_config({std::nullopt, {}, dir.path()});
    REQUIRE(defaults.file.empty());
    for (const Setting& setting : settings()) {
        const std::string key = std::string(setting.section) + "." + std::string(setting.key);
        INFO("[" << setting.section << "] " << setting.key);
        CHECK(example.source_of(key).origin == Origin::file);
        CHECK(setting.show(example) == setting.show(defaults));
    }
    CHECK(example.teams.empty());
}

TEST_CASE("the example's team section names every team key and loads once uncommented") {
    const std::string team_toml = uncommented_team_example(example_text());
    INFO(team_toml);
    Config config;
    // apply_file, not load_config: the example's template paths name files a team would write.
    REQUIRE_NOTHROW(apply_file(config, team_toml, "team example"));
    REQUIRE(config.teams.contains("payments"));
    for (const TeamSetting& setting : team_settings()) {
        INFO("[teams.payments] " << setting.key);
        CHECK(config.source_of("teams.payments." + std::string(setting.key)).origin ==
              Origin::file);
        CHECK(setting.show(config.teams.at("payments")).has_value());
    }
}

TEST_CASE("the example names each key's environment variable") {
    const std::string text = example_text();
    for (const Setting& setting : settings()) {
        const std::string variable = env_name(setting.section, setting.key);
        INFO(variable);
        CHECK(text.find("Env: " + variable) != std::string::npos);
    }
}
