// The fields a record or postmortem template can use: the one list that the dictionary filler,
// the template check and the documentation table in render/templates.hpp all follow.
#pragma once

#include <span>
#include <string_view>

namespace incidentd::render {

struct TemplateField {
    std::string_view name;    // as written in a template: {{TITLE}}, {{#ENTRY}}
    std::string_view scope;   // where it can be used: "" = anywhere, else inside a section
                              // whose `opens` is this scope (e.g. "ENTRY", "ROLE")
    bool is_section = false;  // {{#NAME}}…{{/NAME}} rather than {{NAME}}
    std::string_view opens;   // for a repeated section: the scope of the fields inside it
};

std::span<const TemplateField> template_fields();

// ctemplate's own variables, usable anywhere.
inline constexpr std::string_view builtin_newline_field = "BI_NEWLINE";
inline constexpr std::string_view builtin_space_field = "BI_SPACE";

}  // namespace incidentd::render
