// The environment reader: every INCIDENTD_ variable must be one of the settings table's names.
#include "config/env_source.hpp"

#include <optional>
#include <string_view>
#include <vector>

#include "config/config_error.hpp"
#include "config/messages.hpp"
#include "config/settings.hpp"
#include "config/value_checks.hpp"

namespace incidentd::config {
namespace {

constexpr std::string_view prefix = "INCIDENTD_";
constexpr std::string_view teams_prefix = "INCIDENTD_TEAMS_";

// "U1, U2,,U3" -> {"U1", "U2", "U3"}: spaces around items and empty items are dropped.
std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> items;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view item = text.substr(0, comma);
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
            item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
            item.remove_suffix(1);
        if (!item.empty()) items.emplace_back(item);
    }
    return items;
}

RawValue raw_value(const std::string& text, bool is_list) {
    if (is_list) return split_list(text);
    return text;
}

std::string lowercase_team(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c >= 'A' && c <= 'Z')
            out += static_cast<char>(c - 'A' + 'a');
        else if (c == '_')
            out += '-';
        else
            out += c;
    }
    return out;
}

// INCIDENTD_TEAMS_<TEAM>_<KEY> -> the team and its setting; the longest matching key wins, so
// ..._POSTMORTEM_DUE is postmortem_due, not a team named "x-postmortem" with key "due".
struct TeamVariable {
    std::string team;
    const TeamSetting* setting;
};

std::optional<TeamVariable> parse_team_variable(std::string_view name) {
    const std::string_view rest = name.substr(teams_prefix.size());
    std::optional<TeamVariable> best;
    std::size_t best_length = 0;
    for (const auto& setting : team_settings()) {
        std::string suffix = "_";
        for (char c : setting.key)
            suffix += c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        if (rest.size() > suffix.size() && rest.ends_with(suffix) && suffix.size() > best_length) {
            best =
                TeamVariable{lowercase_team(rest.substr(0, rest.size() - suffix.size())), &setting};
            best_length = suffix.size();
        }
    }
    return best;
}

void apply_team_variable(Config& config, const std::string& name, const std::string& value) {
    const auto variable = parse_team_variable(name);
    if (!variable) {
        std::string keys;
        for (const auto& setting : team_settings())
            keys += (keys.empty() ? "" : ", ") + std::string(setting.key);
        throw ConfigError("config: " + name +
                          ": not a team setting; write INCIDENTD_TEAMS_<TEAM>_<KEY> with KEY one "
                          "of " +
                          keys + " in upper case");
    }
    if (auto problem = team_name_problem(variable->team))
        throw ConfigError("config: " + name + ": the team " + *problem);
    const Source source{Origin::env, name};
    TeamOverrides& team = config.teams[variable->team];
    if (auto problem =
            variable->setting->assign(team, raw_value(value, variable->setting->is_list)))
        throw ConfigError(key_message("", "", source, *problem));
    config.sources["teams." + variable->team + "." + std::string(variable->setting->key)] = source;
}

}  // namespace

void apply_env(Config& config, const Environment& env) {
    std::vector<std::string> known{"INCIDENTD_CONFIG"};
    for (const auto& setting : settings())
        known.push_back(env_name(setting.section, setting.key));

    for (const auto& [name, value] : env) {
        if (!name.starts_with(prefix) || name == "INCIDENTD_CONFIG") continue;
        if (name.starts_with(teams_prefix)) {
            apply_team_variable(config, name, value);
            continue;
        }
        const Setting* match = nullptr;
        for (const auto& setting : settings())
            if (env_name(setting.section, setting.key) == name) match = &setting;
        if (match == nullptr) {
            if (looks_like_secret(name))
                throw ConfigError("config: " + name + ": secrets are read from " +
                                  secret_variables_for(name) + ", not from INCIDENTD_ variables");
            throw ConfigError("config: " + name + ": no such setting" + did_you_mean(name, known) +
                              " (overrides are named INCIDENTD_<SECTION>_<KEY>, e.g. "
                              "INCIDENTD_STORE_PATH)");
        }
        const Source source{Origin::env, name};
        if (auto problem = match->assign(config, raw_value(value, match->is_list)))
            throw ConfigError(key_message(match->section, match->key, source, *problem));
        config.sources[std::string(match->section) + "." + std::string(match->key)] = source;
    }
}

}  // namespace incidentd::config
