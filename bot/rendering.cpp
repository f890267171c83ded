#include "bot/rendering.hpp"

#include "config/team_settings.hpp"

namespace incidentd::bot {

TeamRendering team_rendering(const config::Config& config, std::string_view team) {
    // An incident of a team whose section was since removed renders with the defaults.
    const auto settings =
        config::settings_for_team(config, team).value_or(*config::settings_for_team(config, ""));
    render::RenderOptions options;
    options.postmortem_due = settings.incidents.postmortem_due;
    options.timezone = settings.incidents.timezone;
    options.key_event_emoji = settings.incidents.key_event_emoji;
    return {
        render::Templates::load(settings.templates.incident_record, settings.templates.postmortem),
        options};
}

}  // namespace incidentd::bot
