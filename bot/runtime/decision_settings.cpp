#include "bot/runtime/decision_settings.hpp"

#include "config/team_settings.hpp"

namespace incidentd::bot {

core::DecisionSettings decision_settings(const config::Config& config, std::string_view team) {
    const auto settings = config::settings_for_team_or_default(config, team);
    core::DecisionSettings out;
    out.channel_prefix = settings.incidents.channel_prefix;
    out.archive_after = settings.incidents.archive_after;
    out.postmortem_due = settings.incidents.postmortem_due;
    out.responders = settings.responders;
    out.announce_channel = settings.announce_channel;
    out.known_teams = config::team_names(config);
    out.workflow = settings.workflow;
    out.key_event_emoji = settings.incidents.key_event_emoji;
    out.admins = config.slack.admins;
    return out;
}

}  // namespace incidentd::bot
