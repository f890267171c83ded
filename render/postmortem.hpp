// The postmortem draft as a Markdown document: the record's facts pre-filled, the analysis
// sections left as blameless prompts for the team.
#pragma once

#include <span>
#include <string>

#include "core/entry.hpp"
#include "core/incident.hpp"
#include "core/seal.hpp"
#include "render/render_options.hpp"
#include "render/templates.hpp"

namespace incidentd::render {

// Due date: incident.postmortem.due_at when set, else closed_at + options.postmortem_due.
// `seals` in number order: the last one is shown, so a reader can check the record against it.
std::string render_postmortem(const core::Incident& incident, std::span<const core::Entry> entries,
                              const RenderOptions& options, const Templates& templates,
                              std::span<const core::Seal> seals = {});

}  // namespace incidentd::render
