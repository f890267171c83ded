#include "bot/runtime/team_rendering.hpp"

#include "config/team_settings.hpp"

namespace incidentd::bot {

TeamRendering team_rendering(const config::Config& config, std::string_view team) {
    const auto settings = config::settings_for_team_or_default(config, team);
    render::RenderOptions options;
    options.postmortem_due = settings.incidents.postmortem_due;
    options.timezone = settings.incidents.timezone;
    options.key_event_emoji = settings.incidents.key_event_emoji;
    return {
        render::Templates::load(settings.templates.incident_record, settings.templates.postmortem),
        options};
}

}  // namespace incidentd::bot
