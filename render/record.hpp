// The incident record as a Markdown document: what happened, facts only.
#pragma once

#include <span>
#include <string>

#include "core/entry.hpp"
#include "core/incident.hpp"
#include "core/seal.hpp"
#include "render/render_options.hpp"
#include "render/templates.hpp"

namespace incidentd::render {

// `entries` in any order (they are listed by Slack ts); user text is escaped for Markdown.
// `seals` in number order: the last one is shown, so a reader can check the record against it.
std::string render_record(const core::Incident& incident, std::span<const core::Entry> entries,
                          const RenderOptions& options, const Templates& templates,
                          std::span<const core::Seal> seals = {});

}  // namespace incidentd::render
