// Team overrides applied over the global settings.
#include "config/team_settings.hpp"

#include <algorithm>

namespace incidentd::config {

std::optional<TeamSettings> settings_for_team(const Config& config, std::string_view team) {
    TeamSettings out{std::string(team),       config.incidents,
                     config.templates,        config.slack.announce_channel,
                     config.slack.responders, ""};
    if (team.empty()) return out;
    const auto found = config.teams.find(team);
    if (found == config.teams.end()) return std::nullopt;
    const TeamOverrides& overrides = found->second;
    out.incidents.channel_prefix = overrides.channel_prefix.value_or(out.incidents.channel_prefix);
    out.incidents.archive_after = overrides.archive_after.value_or(out.incidents.archive_after);
    out.incidents.postmortem_due = overrides.postmortem_due.value_or(out.incidents.postmortem_due);
    out.incidents.timezone = overrides.timezone.value_or(out.incidents.timezone);
    out.incidents.key_event_emoji =
        overrides.key_event_emoji.value_or(out.incidents.key_event_emoji);
    out.templates.incident_record =
        overrides.incident_record.value_or(out.templates.incident_record);
    out.templates.postmortem = overrides.postmortem.value_or(out.templates.postmortem);
    out.announce_channel = overrides.announce_channel.value_or(out.announce_channel);
    for (const auto& id : overrides.responders)
        if (std::find(out.responders.begin(), out.responders.end(), id) == out.responders.end())
            out.responders.push_back(id);
    out.workflow = overrides.workflow;
    return out;
}

TeamSettings settings_for_team_or_default(const Config& config, std::string_view team) {
    if (auto settings = settings_for_team(config, team)) return *settings;
    return *settings_for_team(config, "");
}

std::vector<std::string> team_names(const Config& config) {
    std::vector<std::string> names;
    for (const auto& [name, overrides] : config.teams)
        names.push_back(name);
    return names;
}

}  // namespace incidentd::config
