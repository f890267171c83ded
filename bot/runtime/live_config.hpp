// The configuration a running incidentd works with, together with every team's loaded templates:
// one immutable snapshot, replaced whole on SIGHUP, so a request sees one version from start to
// end and a bad reload never replaces a good configuration.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "bot/runtime/team_rendering.hpp"
#include "config/config.hpp"

namespace incidentd::bot {

struct LiveConfig {
    config::Config config;
    std::map<std::string, TeamRendering, std::less<>> rendering;  // by team; "" = the default

    // The team's templates and options; an unknown team (removed from the file since its
    // incident was declared) renders with the default team's.
    const TeamRendering& rendering_for(std::string_view team) const;
};

using LiveConfigPtr = std::shared_ptr<const LiveConfig>;

// Every template problem, one line each, naming the team and the file.
using TemplateProblems = std::vector<std::string>;

// Loads and checks every team's templates for `config`.
std::variant<LiveConfigPtr, TemplateProblems> make_live_config(config::Config config);

// A configuration read again on SIGHUP, ready to replace `running`. Settings a running process
// cannot change (its listening socket, its database, its Slack endpoint and trust, the log format
// and the secrets) keep their running values; `needs_restart` names those that differ.
struct Reload {
    config::Config config;
    std::vector<std::string> needs_restart;  // "[server] listen", "SLACK_BOT_TOKEN", …
};
Reload prepare_reload(const config::Config& running, config::Config loaded);

}  // namespace incidentd::bot
