#include "bot/runtime/live_config.hpp"

#include <utility>

#include "config/team_settings.hpp"

namespace incidentd::bot {
namespace {

// Keeps the running value of a setting that only a restart can change, noting when they differ.
template <class T>
void keep(const T& running, T& loaded, std::string name, std::vector<std::string>& differing) {
    if (!(running == loaded)) differing.push_back(std::move(name));
    loaded = running;
}

void keep_secret(const config::Secret& running, config::Secret& loaded, std::string name,
                 std::vector<std::string>& differing) {
    // Compared, never shown: the message names the variable only.
    if (running.reveal() != loaded.reveal()) differing.push_back(std::move(name));
    loaded = running;
}

}  // namespace

const TeamRendering& LiveConfig::rendering_for(std::string_view team) const {
    if (auto found = rendering.find(team); found != rendering.end()) return found->second;
    return rendering.at("");
}

std::variant<LiveConfigPtr, TemplateProblems> make_live_config(config::Config config) {
    auto live = std::make_shared<LiveConfig>();
    TemplateProblems problems;
    std::vector<std::string> teams = config::team_names(config);
    teams.insert(teams.begin(), "");
    for (const auto& team : teams) {
        TeamRendering rendering = team_rendering(config, team);
        if (!rendering.templates.templates)
            problems.push_back((team.empty() ? "" : "[teams." + team + "] ") +
                               rendering.templates.error);
        else
            live->rendering.emplace(team, std::move(rendering));
    }
    if (!problems.empty()) return problems;
    live->config = std::move(config);
    return LiveConfigPtr{std::move(live)};
}

Reload prepare_reload(const config::Config& running, config::Config loaded) {
    Reload reload;
    auto& differing = reload.needs_restart;
    keep(running.server.listen, loaded.server.listen, "[server] listen", differing);
    keep(running.store.path, loaded.store.path, "[store] path", differing);
    keep(running.store.seal_key, loaded.store.seal_key, "[store] seal_key", differing);
    keep(running.slack.api_url, loaded.slack.api_url, "[slack] api_url", differing);
    keep(running.slack.ca_file, loaded.slack.ca_file, "[slack] ca_file", differing);
    keep(running.log.format, loaded.log.format, "[log] format", differing);
    keep_secret(running.secrets.bot_token, loaded.secrets.bot_token, "SLACK_BOT_TOKEN", differing);
    keep_secret(running.secrets.signing_secret, loaded.secrets.signing_secret,
                "SLACK_SIGNING_SECRET", differing);
    keep_secret(running.secrets.app_token, loaded.secrets.app_token, "SLACK_APP_TOKEN", differing);
    reload.config = std::move(loaded);
    return reload;
}

}  // namespace incidentd::bot
