// The incident record as a Markdown document: what happened, facts only.
#pragma once

#include <span>
#include <string>

#include "core/entry.hpp"
#include "core/incident.hpp"
#include "render/render_options.hpp"
#include "render/templates.hpp"

namespace incidentd::render {

// `entries` in any order (they are listed by Slack ts); user text is escaped for Markdown.
std::string render_record(const core::Incident& incident, std::span<const core::Entry> entries,
                          const RenderOptions& options, const Templates& templates);

}  // namespace incidentd::render
