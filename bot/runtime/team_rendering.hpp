// What a team's documents are rendered with: its templates and options, from the configuration
// ([templates] and [incidents], overridden by its [teams.<name>] section).
#pragma once

#include <string>
#include <string_view>

#include "config/config.hpp"
#include "render/render_options.hpp"
#include "render/templates.hpp"

namespace incidentd::bot {

struct TeamRendering {
    render::TemplatesResult templates;  // .error names the template file and the problem
    render::RenderOptions options;
};

TeamRendering team_rendering(const config::Config& config, std::string_view team);

}  // namespace incidentd::bot
