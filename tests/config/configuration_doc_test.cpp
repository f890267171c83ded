// docs/configuration.md against the settings table: every key the code reads is documented under
// its section with its default and environment variable, and every documented key is read.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "config/settings.hpp"
#include "config_fixture.hpp"

using namespace incidentd::config;
using incidentd::config::test::ConfigDir;

namespace {

// A row of a key table: "| `key` | …", under "## `[section]`" (section "teams" for the
// [teams.<name>] table, whose first cell may name several keys).
struct DocRow {
    std::vector<std::string> keys;
    std::vector<std::string> cells;  // trimmed, without the surrounding "|"
    std::string section;
    int line;
};

std::string trimmed(std::string_view text) {
    const auto begin = text.find_first_not_of(' ');
    if (begin == std::string_view::npos) return {};
    return std::string(text.substr(begin, text.find_last_not_of(' ') + 1 - begin));
}

// "`a`, `b`" -> {"a", "b"}.
std::vector<std::string> quoted_names(std::string_view cell) {
    std::vector<std::string> out;
    for (std::size_t open; (open = cell.find('`')) != std::string_view::npos;) {
        const std::size_t close = cell.find('`', open + 1);
        REQUIRE(close != std::string_view::npos);
        out.emplace_back(cell.substr(open + 1, close - open - 1));
        cell.remove_prefix(close + 1);
    }
    return out;
}

std::vector<DocRow> documented_keys() {
    std::ifstream in(INCIDENTD_SOURCE_DIR "/docs/configuration.md");
    REQUIRE(in);
    std::vector<DocRow> rows;
    std::string section;  // "" outside the key tables' headings
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (line.starts_with("## ")) {
            section.clear();
            if (line.starts_with("## `[")) {
                section = line.substr(5, line.find(']') - 5);
                if (section.starts_with("teams.")) section = "teams";
            }
            continue;
        }
        if (section.empty() || !line.starts_with("| `")) continue;
        DocRow row{{}, {}, section, number};
        for (std::size_t begin = 1, end; (end = line.find('|', begin)) != std::string::npos;
             begin = end + 1)
            row.cells.push_back(trimmed(std::string_view(line).substr(begin, end - begin)));
        REQUIRE_FALSE(row.cells.empty());
        row.keys = quoted_names(row.cells[0]);
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace

TEST_CASE("docs/configuration.md documents every key with its default and variable, and no other") {
    const std::vector<DocRow> rows = documented_keys();
    REQUIRE_FALSE(rows.empty());
    ConfigDir dir;
    const Config defaults = load_config({std::nullopt, {}, dir.path()});

    auto rows_naming = [&](std::string_view section, std::string_view key) {
        std::vector<const DocRow*> out;
        for (const DocRow& row : rows)
            if (row.section == section && std::ranges::count(row.keys, key) > 0)
                out.push_back(&row);
        return out;
    };

    SECTION("each key of a section, with the columns key | default | meaning | env") {
        for (const Setting& setting : settings()) {
            const auto found = rows_naming(setting.section, setting.key);
            if (found.empty()) {
                FAIL_CHECK("config/settings.cpp reads [" << setting.section << "] " << setting.key
                                                         << " but docs/configuration.md has no "
                                                            "row for it under ## `["
                                                         << setting.section << "]`");
                continue;
            }
            const DocRow& row = *found.front();
            INFO("[" << setting.section << "] " << setting.key << ", docs/configuration.md line "
                     << row.line);
            CHECK(found.size() == 1);
            REQUIRE(row.cells.size() == 4);
            CHECK(row.keys.size() == 1);
            CHECK(row.cells[1] == "`" + setting.show(defaults) + "`");
            CHECK(row.cells[3] == "`" + env_name(setting.section, setting.key) + "`");
        }
    }
    SECTION("each key of [teams.<name>]") {
        for (const TeamSetting& setting : team_settings()) {
            const auto found = rows_naming("teams", setting.key);
            if (found.empty())
                FAIL_CHECK("config/settings.cpp reads [teams.<name>] "
                           << setting.key << " but docs/configuration.md has no row naming it");
            CHECK(found.size() <= 1);
        }
    }
    SECTION("no documented key that the code does not read") {
        for (const DocRow& row : rows)
            for (const std::string& key : row.keys) {
                const bool read =
                    row.section == "teams"
                        ? std::ranges::any_of(team_settings(),
                                              [&](const TeamSetting& s) { return s.key == key; })
                        : std::ranges::any_of(settings(), [&](const Setting& s) {
                              return s.section == row.section && s.key == key;
                          });
                if (!read)
                    FAIL_CHECK("docs/configuration.md line "
                               << row.line << " documents " << key << " under [" << row.section
                               << "], which config/settings.cpp does not read there");
            }
    }
}
