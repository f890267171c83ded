#include "render/record.hpp"

#include "render/document.hpp"

namespace incidentd::render {

std::string render_record(const core::Incident& incident, std::span<const core::Entry> entries,
                          const RenderOptions& options, const Templates& templates,
                          std::span<const core::Seal> seals) {
    return render_document(TemplateKind::record, incident, entries, options, templates, seals);
}

}  // namespace incidentd::render
