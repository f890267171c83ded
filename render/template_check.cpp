#include "render/template_check.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "core/near_miss.hpp"
#include "render/template_fields.hpp"

namespace incidentd::render {
namespace {

enum class MarkerType { variable, open, close, comment, unsupported };

struct Marker {
    MarkerType type;
    std::string_view name;  // without sigil and modifiers
    std::string_view raw;   // the whole marker, braces included
};

struct OpenSection {
    std::string_view name;
    std::string_view scope;  // the scope its fields come from
    std::size_t line;
};

std::string quoted(std::string_view raw) {
    return std::string(raw);
}

std::optional<Marker> classify(std::string_view raw, std::string& error) {
    std::string_view inner = raw.substr(2, raw.size() - 4);
    if (inner.empty()) {
        error = "empty marker {{}}";
        return std::nullopt;
    }
    MarkerType type = MarkerType::variable;
    switch (inner.front()) {
        case '#':
            type = MarkerType::open;
            break;
        case '/':
            type = MarkerType::close;
            break;
        case '!':
            return Marker{MarkerType::comment, {}, raw};
        case '>':
        case '%':
        case '=':
            return Marker{MarkerType::unsupported, {}, raw};
        default:
            break;
    }
    if (type != MarkerType::variable) inner.remove_prefix(1);
    const std::string_view name = inner.substr(0, inner.find(':'));
    const bool well_formed = !name.empty() && std::ranges::all_of(name, [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
               c == '_';
    });
    if (!well_formed) {
        error = quoted(raw) + " is not a field: names are letters, digits and _ with no spaces";
        return std::nullopt;
    }
    if (type != MarkerType::variable && name.size() != inner.size()) {
        error = quoted(raw) + ": sections take no modifiers";
        return std::nullopt;
    }
    return Marker{type, name, raw};
}

const TemplateField* find_field(std::string_view name) {
    for (const TemplateField& f : template_fields())
        if (f.name == name) return &f;
    return nullptr;
}

bool visible(std::string_view scope, const std::vector<OpenSection>& open) {
    if (scope.empty()) return true;
    return std::ranges::any_of(open, [&](const OpenSection& s) { return s.scope == scope; });
}

std::string scope_sections(std::string_view scope) {
    std::string out;
    for (const TemplateField& f : template_fields()) {
        if (f.opens() != scope) continue;
        if (!out.empty()) out += ", ";
        out += "{{#" + std::string(f.name) + "}}";
    }
    return out;
}

// "unknown field {{TITEL}} (did you mean TITLE?); fields here: ID, TITLE, …"
std::string unknown_field(const Marker& m, const std::vector<OpenSection>& open) {
    std::string names;
    std::vector<std::string_view> candidates;
    for (const TemplateField& f : template_fields()) {
        if (!visible(f.scope(), open)) continue;
        if (f.is_section() != (m.type == MarkerType::open)) continue;
        if (!names.empty()) names += ", ";
        names += f.name;
        candidates.push_back(f.name);
    }
    const std::string_view closest = core::closest_match(m.name, candidates).value_or("");
    std::string out = "unknown " + std::string(m.type == MarkerType::open ? "section " : "field ") +
                      quoted(m.raw);
    if (!closest.empty()) out += " (did you mean " + std::string(closest) + "?)";
    out += "; " + std::string(m.type == MarkerType::open ? "sections" : "fields") +
           " that exist here: " + names + " (see the field table in docs/templates.md)";
    return out;
}

// The error for marker `m`, or "" when it names a field usable where it stands.
std::string check_marker(const Marker& m, std::vector<OpenSection>& open, std::size_t line) {
    if (m.type == MarkerType::comment) return {};
    if (m.type == MarkerType::unsupported)
        return quoted(m.raw) +
               ": includes, pragmas and delimiter changes are not supported (values are already "
               "escaped for Markdown)";
    if (m.type == MarkerType::close) {
        if (open.empty()) return quoted(m.raw) + " closes a section that was never opened";
        if (open.back().name != m.name)
            return quoted(m.raw) + " closes " + std::string(m.name) +
                   " but the open section is {{#" + std::string(open.back().name) +
                   "}} from line " + std::to_string(open.back().line);
        open.pop_back();
        return {};
    }
    if (m.type == MarkerType::variable &&
        (m.name == builtin_newline_field || m.name == builtin_space_field))
        return {};
    const std::string_view current_scope = open.empty() ? std::string_view{} : open.back().scope;
    // ctemplate expands FOO_separator between repetitions of FOO.
    if (m.type == MarkerType::open && !open.empty() &&
        m.name == std::string(open.back().name) + "_separator") {
        open.push_back({m.name, current_scope, line});
        return {};
    }
    const TemplateField* field = find_field(m.name);
    if (field == nullptr) return unknown_field(m, open);
    if (field->is_section() && m.type == MarkerType::variable)
        return std::string(m.name) + " is a section: write {{#" + std::string(m.name) + "}}…{{/" +
               std::string(m.name) + "}}";
    if (!field->is_section() && m.type == MarkerType::open)
        return std::string(m.name) + " is a field, not a section: write {{" + std::string(m.name) +
               "}}";
    if (!visible(field->scope(), open))
        return quoted(m.raw) + " can only be used inside " + scope_sections(field->scope());
    if (m.type == MarkerType::open)
        open.push_back({m.name, field->opens().empty() ? current_scope : field->opens(), line});
    return {};
}

}  // namespace

CheckedTemplate check_template(std::string_view text) {
    CheckedTemplate result;
    result.text.reserve(text.size());
    std::vector<OpenSection> open;
    std::size_t line_number = 0;
    auto fail = [&](const std::string& why) {
        result.error = "line " + std::to_string(line_number) + ": " + why;
        result.text.clear();
        return result;
    };

    while (!text.empty()) {
        ++line_number;
        const std::size_t newline = text.find('\n');
        const bool has_newline = newline != std::string_view::npos;
        const std::string_view line = text.substr(0, newline);
        text = has_newline ? text.substr(newline + 1) : std::string_view{};

        std::string markers_only;  // this line's markers, in case it is a standalone line
        bool standalone = true, any_marker = false;
        for (std::size_t pos = 0; pos < line.size();) {
            const std::size_t start = line.find("{{", pos);
            const std::string_view before = line.substr(pos, start - pos);
            if (before.find_first_not_of(" \t\r") != std::string_view::npos) standalone = false;
            if (start == std::string_view::npos) break;
            const std::size_t end = line.find("}}", start + 2);
            if (end == std::string_view::npos)
                return fail("\"{{\" is not closed by \"}}\" on the same line");
            std::string error;
            const auto marker = classify(line.substr(start, end + 2 - start), error);
            if (!marker) return fail(error);
            if (std::string why = check_marker(*marker, open, line_number); !why.empty())
                return fail(why);
            if (marker->type != MarkerType::comment) result.used.emplace(marker->name);
            if (marker->type == MarkerType::variable) standalone = false;
            any_marker = true;
            markers_only += marker->raw;
            pos = end + 2;
        }
        if (any_marker && standalone) {
            result.text += markers_only;
        } else {
            result.text += line;
            if (has_newline) result.text += '\n';
        }
    }
    if (!open.empty()) {
        line_number = open.back().line;
        return fail("{{#" + std::string(open.back().name) + "}} is never closed (add {{/" +
                    std::string(open.back().name) + "}})");
    }
    return result;
}

}  // namespace incidentd::render
