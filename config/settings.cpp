// Every configurable key, with its check and its TOML form. Adding a key means adding a row here
// (and a field in config.hpp); readers and describe() pick it up from this table.
#include "config/settings.hpp"

#include <toml++/toml.h>

#include <array>
#include <sstream>
#include <utility>

#include "config/value_checks.hpp"
#include "core/channel_name.hpp"
#include "core/time.hpp"

namespace incidentd::config {
namespace {

const std::string& text_of(const RawValue& value) {
    return std::get<std::string>(value);
}
const std::vector<std::string>& list_of(const RawValue& value) {
    return std::get<std::vector<std::string>>(value);
}

Problem check_duration(const std::string& text, bool zero_allowed, std::chrono::seconds& out) {
    const auto parsed = core::parse_duration(text);
    if (!parsed) return in_quotes(text) + " is not a duration like 24h or 30m";
    if (!zero_allowed && parsed->count() == 0)
        return in_quotes(text) + " is zero; give a duration longer than 0s, like 7d";
    out = *parsed;
    return std::nullopt;
}

Problem check_prefix(const std::string& text) {
    return core::channel_prefix_error(text);
}

Problem check_channel(const std::string& text) {
    if (text.empty()) return std::nullopt;  // no announcements
    return channel_id_problem(text);
}

Problem check_users(const std::vector<std::string>& ids) {
    for (const auto& id : ids)
        if (auto problem = user_id_problem(id)) return problem;
    return std::nullopt;
}

Problem check_emoji(const std::string& text, std::string& out) {
    std::string name = emoji_name(text);
    if (auto problem = emoji_name_problem(name)) return problem;
    out = std::move(name);
    return std::nullopt;
}

Problem check_path(const std::string& text) {
    // Existence is checked once every source has been applied: a later source may replace it.
    if (text.find('\0') != std::string::npos) return in_quotes(text) + " contains a NUL byte";
    return std::nullopt;
}

// Stores `text` into `out` when `check` finds nothing wrong.
template <typename Value>
Problem store_if(Problem problem, Value& out, const Value& value) {
    if (!problem) out = value;
    return problem;
}

const std::array<Setting, 18> all_settings{{
    {"server", "listen", false,
     [](Config& c, const RawValue& v) -> Problem {
         std::string problem;
         const auto parsed = parse_listen_address(text_of(v), problem);
         if (!parsed) return problem;
         c.server.listen = *parsed;
         return std::nullopt;
     },
     [](const Config& c) { return toml_string(c.server.listen.text()); }},
    {"store", "path", false,
     [](Config& c, const RawValue& v) -> Problem {
         if (text_of(v).empty())
             return std::string("is empty; name the SQLite file, e.g. \"incidentd.db\"");
         return store_if(check_path(text_of(v)), c.store.path, text_of(v));
     },
     [](const Config& c) { return toml_string(c.store.path); }},
    {"store", "seal_key", false,
     [](Config& c, const RawValue& v) {
         return store_if(check_path(text_of(v)), c.store.seal_key, text_of(v));
     },
     [](const Config& c) { return toml_string(c.store.seal_key); }},
    {"store", "seal_interval", false,
     [](Config& c, const RawValue& v) {
         return check_duration(text_of(v), true, c.store.seal_interval);
     },
     [](const Config& c) { return toml_string(duration_text(c.store.seal_interval)); }},
    {"slack", "api_url", false,
     [](Config& c, const RawValue& v) -> Problem {
         if (auto problem = api_url_problem(text_of(v))) return problem;
         c.slack.api_url = text_of(v);
         if (!c.slack.api_url.ends_with('/')) c.slack.api_url += '/';
         return std::nullopt;
     },
     [](const Config& c) { return toml_string(c.slack.api_url); }},
    {"slack", "ca_file", false,
     [](Config& c, const RawValue& v) {
         return store_if(check_path(text_of(v)), c.slack.ca_file, text_of(v));
     },
     [](const Config& c) { return toml_string(c.slack.ca_file); }},
    {"slack", "announce_channel", false,
     [](Config& c, const RawValue& v) {
         return store_if(check_channel(text_of(v)), c.slack.announce_channel, text_of(v));
     },
     [](const Config& c) { return toml_string(c.slack.announce_channel); }},
    {"slack", "responders", true,
     [](Config& c, const RawValue& v) {
         return store_if(check_users(list_of(v)), c.slack.responders, list_of(v));
     },
     [](const Config& c) { return toml_list(c.slack.responders); }},
    {"slack", "admins", true,
     [](Config& c, const RawValue& v) {
         return store_if(check_users(list_of(v)), c.slack.admins, list_of(v));
     },
     [](const Config& c) { return toml_list(c.slack.admins); }},
    {"incidents", "channel_prefix", false,
     [](Config& c, const RawValue& v) {
         return store_if(check_prefix(text_of(v)), c.incidents.channel_prefix, text_of(v));
     },
     [](const Config& c) { return toml_string(c.incidents.channel_prefix); }},
    {"incidents", "archive_after", false,
     [](Config& c, const RawValue& v) {
         return check_duration(text_of(v), true, c.incidents.archive_after);
     },
     [](const Config& c) { return toml_string(duration_text(c.incidents.archive_after)); }},
    {"incidents", "postmortem_due", false,
     [](Config& c, const RawValue& v) {
         return check_duration(text_of(v), false, c.incidents.postmortem_due);
     },
     [](const Config& c) { return toml_string(duration_text(c.incidents.postmortem_due)); }},
    {"incidents", "timezone", false,
     [](Config& c, const RawValue& v) {
         return store_if(timezone_problem(text_of(v)), c.incidents.timezone, text_of(v));
     },
     [](const Config& c) { return toml_string(c.incidents.timezone); }},
    {"incidents", "key_event_emoji", false,
     [](Config& c, const RawValue& v) {
         return check_emoji(text_of(v), c.incidents.key_event_emoji);
     },
     [](const Config& c) { return toml_string(c.incidents.key_event_emoji); }},
    {"templates", "incident_record", false,
     [](Config& c, const RawValue& v) {
         return store_if(check_path(text_of(v)), c.templates.incident_record, text_of(v));
     },
     [](const Config& c) { return toml_string(c.templates.incident_record); }},
    {"templates", "postmortem", false,
     [](Config& c, const RawValue& v) {
         return store_if(check_path(text_of(v)), c.templates.postmortem, text_of(v));
     },
     [](const Config& c) { return toml_string(c.templates.postmortem); }},
    {"log", "level", false,
     [](Config& c, const RawValue& v) {
         return store_if(log_level_problem(text_of(v)), c.log.level, text_of(v));
     },
     [](const Config& c) { return toml_string(c.log.level); }},
    {"log", "format", false,
     [](Config& c, const RawValue& v) -> Problem {
         if (text_of(v) == "text")
             c.log.format = LogFormat::text;
         else if (text_of(v) == "json")
             c.log.format = LogFormat::json;
         else
             return in_quotes(text_of(v)) + " is not a log format; use \"text\" or \"json\"";
         return std::nullopt;
     },
     [](const Config& c) {
         return toml_string(c.log.format == LogFormat::json ? "json" : "text");
     }},
}};

std::optional<std::string> show_optional(const std::optional<std::string>& value) {
    if (!value) return std::nullopt;
    return toml_string(*value);
}

std::optional<std::string> show_optional(const std::optional<std::chrono::seconds>& value) {
    if (!value) return std::nullopt;
    return toml_string(duration_text(*value));
}

// Stores into an optional team override, so "set to the default" and "not set" stay distinct.
template <typename T>
Problem store_optional(Problem problem, std::optional<T>& out, const std::string& text) {
    if (!problem) out = text;
    return problem;
}

Problem team_duration(const std::string& text, bool zero_allowed,
                      std::optional<std::chrono::seconds>& out) {
    std::chrono::seconds parsed{};
    if (auto problem = check_duration(text, zero_allowed, parsed)) return problem;
    out = parsed;
    return std::nullopt;
}

const std::array<TeamSetting, 10> all_team_settings{{
    {"channel_prefix", false,
     [](TeamOverrides& t, const RawValue& v) {
         return store_optional(check_prefix(text_of(v)), t.channel_prefix, text_of(v));
     },
     [](const TeamOverrides& t) { return show_optional(t.channel_prefix); }},
    {"archive_after", false,
     [](TeamOverrides& t, const RawValue& v) {
         return team_duration(text_of(v), true, t.archive_after);
     },
     [](const TeamOverrides& t) { return show_optional(t.archive_after); }},
    {"postmortem_due", false,
     [](TeamOverrides& t, const RawValue& v) {
         return team_duration(text_of(v), false, t.postmortem_due);
     },
     [](const TeamOverrides& t) { return show_optional(t.postmortem_due); }},
    {"timezone", false,
     [](TeamOverrides& t, const RawValue& v) {
         return store_optional(timezone_problem(text_of(v)), t.timezone, text_of(v));
     },
     [](const TeamOverrides& t) { return show_optional(t.timezone); }},
    {"key_event_emoji", false,
     [](TeamOverrides& t, const RawValue& v) -> Problem {
         std::string name;
         if (auto problem = check_emoji(text_of(v), name)) return problem;
         t.key_event_emoji = name;
         return std::nullopt;
     },
     [](const TeamOverrides& t) { return show_optional(t.key_event_emoji); }},
    {"incident_record", false,
     [](TeamOverrides& t, const RawValue& v) {
         return store_optional(check_path(text_of(v)), t.incident_record, text_of(v));
     },
     [](const TeamOverrides& t) { return show_optional(t.incident_record); }},
    {"postmortem", false,
     [](TeamOverrides& t, const RawValue& v) {
         return store_optional(check_path(text_of(v)), t.postmortem, text_of(v));
     },
     [](const TeamOverrides& t) { return show_optional(t.postmortem); }},
    {"announce_channel", false,
     [](TeamOverrides& t, const RawValue& v) {
         return store_optional(check_channel(text_of(v)), t.announce_channel, text_of(v));
     },
     [](const TeamOverrides& t) { return show_optional(t.announce_channel); }},
    {"responders", true,
     [](TeamOverrides& t, const RawValue& v) {
         return store_if(check_users(list_of(v)), t.responders, list_of(v));
     },
     [](const TeamOverrides& t) -> std::optional<std::string> {
         if (t.responders.empty()) return std::nullopt;
         return toml_list(t.responders);
     }},
    {"workflow", false,
     [](TeamOverrides& t, const RawValue& v) -> Problem {
         t.workflow = text_of(v);
         return std::nullopt;
     },
     [](const TeamOverrides& t) -> std::optional<std::string> {
         if (t.workflow.empty()) return std::nullopt;
         return toml_string(t.workflow);
     }},
}};

const std::array<std::string_view, 7> all_sections{"server",    "store", "slack", "incidents",
                                                   "templates", "log",   "teams"};

std::string upper_env_part(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c >= 'a' && c <= 'z')
            out += static_cast<char>(c - 'a' + 'A');
        else if (c == '-')
            out += '_';
        else
            out += c;
    }
    return out;
}

}  // namespace

std::span<const Setting> settings() {
    return all_settings;
}
std::span<const TeamSetting> team_settings() {
    return all_team_settings;
}
std::span<const std::string_view> section_names() {
    return all_sections;
}

std::string env_name(std::string_view section, std::string_view key) {
    return "INCIDENTD_" + upper_env_part(section) + "_" + upper_env_part(key);
}

std::string team_env_name(std::string_view team, std::string_view key) {
    return "INCIDENTD_TEAMS_" + upper_env_part(team) + "_" + upper_env_part(key);
}

std::string toml_string(std::string_view text) {
    std::ostringstream out;
    out << toml::toml_formatter{toml::value<std::string>(std::string(text)),
                                toml::format_flags::allow_unicode_strings};
    return out.str();
}

std::string toml_list(const std::vector<std::string>& items) {
    toml::array array;
    for (const auto& item : items)
        array.push_back(item);
    std::ostringstream out;
    out << toml::toml_formatter{array, toml::format_flags::allow_unicode_strings};
    return out.str();
}

std::string duration_text(std::chrono::seconds d) {
    long long s = d.count();
    if (s == 0) return "0s";
    std::string out;
    static constexpr std::array<std::pair<char, long long>, 4> units{
        {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}}};
    // Days only from two days up, so the default reads "24h" as documented.
    const bool use_days = s >= 2 * 86400;
    for (auto [unit, size] : units) {
        if (unit == 'd' && !use_days) continue;
        if (s >= size) out += std::to_string(s / size) + unit;
        s %= size;
    }
    return out;
}

}  // namespace incidentd::config
