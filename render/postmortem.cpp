#include "render/postmortem.hpp"

#include "render/document.hpp"

namespace incidentd::render {

std::string render_postmortem(const core::Incident& incident, std::span<const core::Entry> entries,
                              const RenderOptions& options, const Templates& templates,
                              std::span<const core::Seal> seals) {
    return render_document(TemplateKind::postmortem, incident, entries, options, templates, seals);
}

}  // namespace incidentd::render
