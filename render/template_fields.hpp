// The fields a record or postmortem template can use, as one table: each field's name, where the
// docs list it, what it holds and the function that makes its value. The template check, the
// document filler (render/document.cpp) and the test of docs/templates.md all read this table.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <variant>

#include "core/entry.hpp"
#include "core/incident.hpp"
#include "core/role.hpp"
#include "core/seal.hpp"
#include "render/render_options.hpp"

namespace incidentd::render {

// What the fields outside the repeated sections are made from.
struct DocumentFacts {
    const core::Incident& incident;
    std::size_t entry_count;
    const RenderOptions& options;
    const std::unordered_set<const core::Entry*>& key_events;  // core::key_events(entries)
    const core::Seal* seal;  // the record's latest seal; null when it has none
};

// How a field gets its value. Which of these a field has also says where a template may use it
// and whether it is a section, so the check cannot accept a field where the filler never sets it.
namespace fill {
using Text = std::string (*)(const DocumentFacts&);  // {{X}} anywhere
using Shown = bool (*)(const DocumentFacts&);        // {{#X}}: shown once or not at all
struct EachRole {};  // {{#X}}: repeated for each assigned role, in core::all_roles order
using RoleText = std::string (*)(core::Role, const core::Actor& holder);  // {{X}} inside EachRole
using Lists = bool (*)(const DocumentFacts&, const core::Entry&);  // {{#X}}: one per listed entry
// {{#X}}: shown when the Lists section named `list` has no entry.
struct NoneIn {
    std::string_view list;
};
using EntryText = std::string (*)(const core::Entry&);  // {{X}} inside a Lists section
using EntryShown = bool (*)(const core::Entry&);        // {{#X}} inside a Lists section
}  // namespace fill

using Fill = std::variant<fill::Text, fill::Shown, fill::EachRole, fill::RoleText, fill::Lists,
                          fill::NoneIn, fill::EntryText, fill::EntryShown>;

// The scopes a field can be used in: anywhere, or inside a section that opens one.
inline constexpr std::string_view anywhere_scope = "";
inline constexpr std::string_view role_scope = "ROLE";
inline constexpr std::string_view entry_scope = "ENTRY";

struct TemplateField {
    std::string_view name;         // as written in a template: {{TITLE}}, {{#ENTRY}}
    std::string_view group;        // the "### " heading of docs/templates.md that lists it
    std::string_view description;  // its row's value cell there, as Markdown
    Fill fill;

    // {{#NAME}}…{{/NAME}} rather than {{NAME}}.
    constexpr bool is_section() const {
        return !std::holds_alternative<fill::Text>(fill) &&
               !std::holds_alternative<fill::RoleText>(fill) &&
               !std::holds_alternative<fill::EntryText>(fill);
    }
    // Where it can be used: anywhere_scope, or inside a section whose opens() is this scope.
    constexpr std::string_view scope() const {
        if (std::holds_alternative<fill::RoleText>(fill)) return role_scope;
        if (std::holds_alternative<fill::EntryText>(fill) ||
            std::holds_alternative<fill::EntryShown>(fill))
            return entry_scope;
        return anywhere_scope;
    }
    // For a repeated section: the scope of the fields inside it; "" for any other field.
    constexpr std::string_view opens() const {
        if (std::holds_alternative<fill::EachRole>(fill)) return role_scope;
        if (std::holds_alternative<fill::Lists>(fill)) return entry_scope;
        return {};
    }
};

// Every field, in the order docs/templates.md lists them.
std::span<const TemplateField> template_fields();

// ctemplate's own variables, usable anywhere.
inline constexpr std::string_view builtin_newline_field = "BI_NEWLINE";
inline constexpr std::string_view builtin_space_field = "BI_SPACE";

}  // namespace incidentd::render
