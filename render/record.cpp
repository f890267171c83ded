#include "render/record.hpp"

#include "render/document.hpp"

namespace incidentd::render {

std::string render_record(const core::Incident& incident, std::span<const core::Entry> entries,
                          const RenderOptions& options, const Templates& templates) {
    return render_document(TemplateKind::record, incident, entries, options, templates);
}

}  // namespace incidentd::render
