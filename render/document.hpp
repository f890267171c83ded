// A Markdown document from a template: the incident and its entries become the template's fields
// (the table in render/template_fields.cpp), escaped for Markdown, then the template is expanded.
#pragma once

#include <span>
#include <string>

#include "core/entry.hpp"
#include "core/incident.hpp"
#include "core/seal.hpp"
#include "render/render_options.hpp"
#include "render/templates.hpp"

namespace incidentd::render {

// Throws std::invalid_argument naming the problem when render_options_problem(options) has one:
// options are checked where they are configured, so reaching here with bad ones is a bug.
std::string render_document(TemplateKind kind, const core::Incident& incident,
                            std::span<const core::Entry> entries, const RenderOptions& options,
                            const Templates& templates, std::span<const core::Seal> seals = {});

}  // namespace incidentd::render
