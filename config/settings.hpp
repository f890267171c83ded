// The table of every configurable key: its section, name, shape, how a raw value is checked and
// stored, and how the stored value is written back as TOML. The file reader, the environment
// reader and describe() all work from this one list, so they cannot disagree.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/config.hpp"

namespace incidentd::config {

// A value before checking: a string, or a list of strings (a TOML array, or a comma-separated
// environment variable).
using RawValue = std::variant<std::string, std::vector<std::string>>;

// A problem sentence to follow "<key>: ", or nothing when the value was stored.
using Problem = std::optional<std::string>;

struct Setting {
    std::string_view section;
    std::string_view key;
    bool is_list;
    Problem (*assign)(Config&, const RawValue&);
    std::string (*show)(const Config&);  // the current value as a TOML literal
};

// A key inside [teams.<name>].
struct TeamSetting {
    std::string_view key;
    bool is_list;
    Problem (*assign)(TeamOverrides&, const RawValue&);
    std::optional<std::string> (*show)(
        const TeamOverrides&);  // nothing when the team leaves it unset
};

std::span<const Setting> settings();
std::span<const TeamSetting> team_settings();

// The sections a file may have, in the order describe() writes them ("teams" last).
std::span<const std::string_view> section_names();

// INCIDENTD_<SECTION>_<KEY> in upper case; for teams INCIDENTD_TEAMS_<TEAM>_<KEY>, with '-' in
// the team name written as '_'.
std::string env_name(std::string_view section, std::string_view key);
std::string team_env_name(std::string_view team, std::string_view key);

// TOML literals for describe(): a basic string with escapes, a list of them, a duration that
// parses back to the same number of seconds ("1d12h", "0s").
std::string toml_string(std::string_view text);
std::string toml_list(const std::vector<std::string>& items);
std::string duration_text(std::chrono::seconds d);

}  // namespace incidentd::config
