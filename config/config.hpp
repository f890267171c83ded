// The one validated configuration value incidentd runs with, and where each setting came from.
// Defaults are exactly the ones in docs/configuration.md and incidentd.example.toml.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/listen_address.hpp"
#include "config/secret.hpp"

namespace incidentd::config {

struct ServerSettings {
    ListenAddress listen{"0.0.0.0", 3000};
};

struct StoreSettings {
    std::string path = "incidentd.db";  // relative paths are relative to the working directory
    // The Ed25519 key that signs seals; "" = incidentd-seal.key beside the config file (or beside
    // the store without one), created on first start.
    std::string seal_key;
    std::chrono::seconds seal_interval = std::chrono::minutes{30};  // 0s: at declare and close only
};

struct SlackSettings {
    std::string api_url = "https://slack.com/api/";  // always ends in '/': method names follow
    std::string ca_file;                             // "" = the system's CA bundle only
    std::string announce_channel;                    // "" = no announcements
    std::vector<std::string> responders;             // invited to every incident channel
    std::vector<std::string> admins;  // user ids who may close or reopen any incident
};

struct IncidentSettings {
    std::string channel_prefix = "inc";
    std::chrono::seconds archive_after = std::chrono::hours{24};  // 0s archives right after close
    std::chrono::seconds postmortem_due = std::chrono::days{7};
    std::string timezone = "UTC";             // only UTC is accepted for now
    std::string key_event_emoji = "pushpin";  // without colons
};

struct TemplateSettings {
    std::string incident_record;  // path; "" = the built-in template
    std::string postmortem;
};

enum class LogFormat { text, json };

struct LogSettings {
    std::string level = "info";  // an spdlog level name, checked
    LogFormat format = LogFormat::text;
};

// A [teams.<name>] section: what it sets replaces the [incidents] / [templates] value for that
// team's incidents; responders are invited in addition to [slack] responders.
struct TeamOverrides {
    std::optional<std::string> channel_prefix;
    std::optional<std::chrono::seconds> archive_after;
    std::optional<std::chrono::seconds> postmortem_due;
    std::optional<std::string> timezone;
    std::optional<std::string> key_event_emoji;
    std::optional<std::string> incident_record;  // template path, as in [templates]
    std::optional<std::string> postmortem;       // template path, as in [templates]
    std::optional<std::string> announce_channel;
    std::vector<std::string> responders;
    std::string workflow;  // shown by `/incident help`: which artifact, when, by whom
};

// Secrets come only from the environment (NAME or NAME_FILE), never from the TOML file.
struct Secrets {
    Secret bot_token;       // SLACK_BOT_TOKEN, "xoxb-…"
    Secret signing_secret;  // SLACK_SIGNING_SECRET, checks HTTP Events API requests
    Secret app_token;       // SLACK_APP_TOKEN, "xapp-…": its presence turns on Socket Mode
};

enum class Origin { default_value, file, env, command_line };

struct Source {
    Origin origin = Origin::default_value;
    // "incidentd.toml:9" for a file, "INCIDENTD_STORE_PATH" for the env, "--log-level" for the
    // command line
    std::string where;
};

struct Config {
    ServerSettings server;
    StoreSettings store;
    SlackSettings slack;
    IncidentSettings incidents;
    TemplateSettings templates;
    LogSettings log;
    std::map<std::string, TeamOverrides, std::less<>> teams;
    Secrets secrets;

    std::string file;            // the TOML file that was read; "" when none
    std::string file_chosen_by;  // "--config", "INCIDENTD_CONFIG" or "the working directory"

    // Where each non-default value came from, keyed "incidents.archive_after" or
    // "teams.payments.workflow"; keys that are absent hold their default.
    std::map<std::string, Source, std::less<>> sources;

    bool socket_mode() const { return secrets.app_token.is_set(); }
    Source source_of(std::string_view key) const;
};

}  // namespace incidentd::config
