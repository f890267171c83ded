// The TOML file reader. toml++ does the parsing; this walks the document against the settings
// table so that a typo or a misplaced secret stops start-up instead of being ignored.
#include "config/file_source.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <sstream>
#include <string_view>
#include <vector>

#include "config/config_error.hpp"
#include "config/messages.hpp"
#include "config/settings.hpp"
#include "config/value_checks.hpp"

namespace incidentd::config {
namespace {

std::string place(const std::string& path, const toml::source_region& region) {
    return path + ":" + std::to_string(region.begin.line);
}

// The node's TOML type with its article: "an integer", "a string", "an array".
std::string a_type(const toml::node& node) {
    std::ostringstream out;
    out << node.type();
    const std::string name = out.str();
    return (std::string_view("aeiou").find(name.front()) == std::string_view::npos ? "a " : "an ") +
           name;
}

// The node as the setting wants it, or a problem saying what was expected.
std::variant<RawValue, std::string> raw_value(const toml::node& node, bool is_list) {
    if (!is_list) {
        if (const auto* text = node.as_string()) return RawValue{text->get()};
        return std::string("expected a string in double quotes, got ") + a_type(node);
    }
    const auto* array = node.as_array();
    if (array == nullptr)
        return "expected a list of strings like [\"U0123ABCD\"], got " + a_type(node);
    std::vector<std::string> items;
    for (const auto& item : *array) {
        const auto* text = item.as_string();
        if (text == nullptr)
            return "expected a list of strings like [\"U0123ABCD\"], found " + a_type(item);
        items.push_back(text->get());
    }
    return RawValue{std::move(items)};
}

[[noreturn]] void fail_secret(std::string_view table, std::string_view key, const Source& source) {
    throw ConfigError(key_message(table, key, source,
                                  "secrets are never read from the config file; remove it and "
                                  "set " +
                                      secret_variables_for(key) + " in the environment"));
}

[[noreturn]] void fail_unknown(std::string_view table, std::string_view key, const Source& source,
                               const std::vector<std::string>& known) {
    std::string list;
    for (const auto& name : known)
        list += (list.empty() ? "" : ", ") + name;
    throw ConfigError("config: [" + std::string(table) + "] " + std::string(key) + ": unknown key" +
                      did_you_mean(key, known) + " (" + source.where + "; known keys: " + list +
                      ")");
}

void apply_section(Config& config, std::string_view section, const toml::table& table,
                   const std::string& path) {
    std::vector<std::string> known;
    for (const auto& setting : settings())
        if (setting.section == section) known.emplace_back(setting.key);
    for (const auto& [key, node] : table) {
        const Source source{Origin::file, place(path, key.source())};
        const Setting* match = nullptr;
        for (const auto& setting : settings())
            if (setting.section == section && setting.key == key.str()) match = &setting;
        if (match == nullptr) {
            if (looks_like_secret(key.str())) fail_secret(section, key.str(), source);
            fail_unknown(section, key.str(), source, known);
        }
        auto value = raw_value(node, match->is_list);
        if (auto* problem = std::get_if<std::string>(&value))
            throw ConfigError(key_message(section, key.str(), source, *problem));
        if (auto problem = match->assign(config, std::get<RawValue>(value)))
            throw ConfigError(key_message(section, key.str(), source, *problem));
        config.sources[std::string(section) + "." + std::string(key.str())] = source;
    }
}

void apply_team(Config& config, std::string_view name, const toml::table& table,
                const std::string& path) {
    const std::string table_name = "teams." + std::string(name);
    std::vector<std::string> known;
    for (const auto& setting : team_settings())
        known.emplace_back(setting.key);
    TeamOverrides& team = config.teams[std::string(name)];
    for (const auto& [key, node] : table) {
        const Source source{Origin::file, place(path, key.source())};
        const TeamSetting* match = nullptr;
        for (const auto& setting : team_settings())
            if (setting.key == key.str()) match = &setting;
        if (match == nullptr) {
            if (looks_like_secret(key.str())) fail_secret(table_name, key.str(), source);
            fail_unknown(table_name, key.str(), source, known);
        }
        auto value = raw_value(node, match->is_list);
        if (auto* problem = std::get_if<std::string>(&value))
            throw ConfigError(key_message(table_name, key.str(), source, *problem));
        if (auto problem = match->assign(team, std::get<RawValue>(value)))
            throw ConfigError(key_message(table_name, key.str(), source, *problem));
        config.sources[table_name + "." + std::string(key.str())] = source;
    }
}

void apply_teams(Config& config, const toml::table& teams, const std::string& path) {
    for (const auto& [name, node] : teams) {
        const std::string where = place(path, name.source());
        if (auto problem = team_name_problem(name.str()))
            throw ConfigError("config: [teams." + std::string(name.str()) + "]: " + *problem +
                              " (" + where + ")");
        const auto* table = node.as_table();
        if (table == nullptr)
            throw ConfigError("config: [teams] " + std::string(name.str()) +
                              ": expected a [teams." + std::string(name.str()) + "] section, got " +
                              a_type(node) + " (" + where + ")");
        apply_team(config, name.str(), *table, path);
    }
}

}  // namespace

void apply_file(Config& config, std::string_view text, const std::string& path) {
    toml::table document;
    try {
        document = toml::parse(text, std::string_view{path});
    } catch (const toml::parse_error& error) {
        const auto& begin = error.source().begin;
        throw ConfigError("config: " + path + ":" + std::to_string(begin.line) + ":" +
                          std::to_string(begin.column) + ": " + std::string(error.description()));
    }
    std::vector<std::string> sections;
    for (auto name : section_names())
        sections.emplace_back(name);
    for (const auto& [key, node] : document) {
        const std::string name(key.str());
        const std::string where = place(path, key.source());
        const auto* table = node.as_table();
        if (std::find(sections.begin(), sections.end(), name) == sections.end()) {
            if (looks_like_secret(name))
                throw ConfigError("config: " + name +
                                  ": secrets are never read from the config file; remove it and "
                                  "set " +
                                  secret_variables_for(name) + " in the environment (" + where +
                                  ")");
            if (table == nullptr) {
                std::string hint = "; put it under its [section]";
                for (const auto& setting : settings())
                    if (setting.key == name)
                        hint = "; it belongs under [" + std::string(setting.section) + "]";
                throw ConfigError("config: " + name + ": a key outside any section (" + where +
                                  ")" + hint);
            }
            std::string list;
            for (const auto& section : sections)
                list += (list.empty() ? "[" : ", [") + section + "]";
            throw ConfigError("config: [" + name + "]: unknown section" +
                              did_you_mean(name, sections) + " (" + where +
                              "; known sections: " + list + ")");
        }
        if (table == nullptr)
            throw ConfigError("config: " + name + ": expected a [" + name + "] section, got " +
                              a_type(node) + " (" + where + ")");
        if (name == "teams")
            apply_teams(config, *table, path);
        else
            apply_section(config, name, *table, path);
    }
}

}  // namespace incidentd::config
