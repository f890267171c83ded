// describe(): walks the settings table, so every key appears, in the documented order.
#include "config/describe.hpp"

#include "config/settings.hpp"

namespace incidentd::config {
namespace {

std::string origin_comment(const Source& source) {
    switch (source.origin) {
        case Origin::file:
            return "# from " + source.where;
        case Origin::env:
            return "# from env " + source.where;
        case Origin::command_line:
            return "# from the command line (" + source.where + ")";
        case Origin::default_value:
            break;
    }
    return "# default";
}

}  // namespace

std::string describe(const Config& config) {
    std::string out = "# incidentd: the configuration in effect\n";
    out += config.file.empty()
               ? "# file: none (defaults and environment only)\n"
               : "# file: " + config.file + " (chosen by " + config.file_chosen_by + ")\n";
    for (const auto section : section_names()) {
        if (section == "teams") continue;
        out += "\n[" + std::string(section) + "]\n";
        for (const auto& setting : settings()) {
            if (setting.section != section) continue;
            const std::string key = std::string(section) + "." + std::string(setting.key);
            out += std::string(setting.key) + " = " + setting.show(config) + "  " +
                   origin_comment(config.source_of(key)) + "\n";
        }
    }
    for (const auto& [name, team] : config.teams) {
        out += "\n[teams." + name + "]\n";
        for (const auto& setting : team_settings()) {
            const auto value = setting.show(team);
            if (!value) continue;
            const std::string key = "teams." + name + "." + std::string(setting.key);
            out += std::string(setting.key) + " = " + *value + "  " +
                   origin_comment(config.source_of(key)) + "\n";
        }
    }
    out += "\n# Secrets come only from the environment and are never shown.\n";
    out += "# SLACK_BOT_TOKEN: " + config.secrets.bot_token.masked() + "\n";
    out += "# SLACK_SIGNING_SECRET: " + config.secrets.signing_secret.masked() + "\n";
    out += "# SLACK_APP_TOKEN: " + config.secrets.app_token.masked() + "\n";
    out += config.socket_mode() ? "# Transport: Socket Mode (SLACK_APP_TOKEN is set)\n"
                                : "# Transport: HTTP Events API at POST /slack/events on " +
                                      config.server.listen.text() + "\n";
    return out;
}

}  // namespace incidentd::config
