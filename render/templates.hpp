// The incident-record and postmortem templates: the built-in ones or a team's own files, checked
// when loaded so that a broken template is a start-up error, never a broken document at close.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ctemplate {
class TemplateDictionary;
}

namespace incidentd::render {

// Template syntax is ctemplate's: {{FIELD}}, {{#SECTION}}…{{/SECTION}}, {{! comment }}, and
// {{#SECTION_separator}}…{{/SECTION_separator}} between repetitions. A line holding only section
// or comment markers leaves no line in the output. Includes ({{>X}}), pragmas ({{%…}}) and
// delimiter changes are refused. Every value is already escaped for Markdown (user text cannot
// start a heading, a list, a link, emphasis, HTML or a table cell); *_URL values are http(s) URLs
// made safe as link destinations, `[text]({{CHANNEL_URL}})`, and are "" when there is none.
// ENTRY_TEXT keeps line breaks as Markdown hard breaks; every other value is one line.
// Times read "2026-11-24 10:00 UTC" (timeline entries add seconds: "2026-11-24 10:00:05 UTC").
// Every field, where it may be used and how its value is made: render/template_fields.cpp,
// listed for operators in docs/templates.md.

enum class TemplateKind { record, postmortem };
std::string_view to_string(TemplateKind kind);  // "incident-record", "postmortem"

struct TemplatesResult;

class Templates {
  public:
    // The templates compiled into the binary.
    static Templates builtin();

    // Reads each template from its path; an empty path means the built-in template.
    static TemplatesResult load(const std::filesystem::path& record_path,
                                const std::filesystem::path& postmortem_path);

    // Templates given as text; `origin` names them in errors ("built-in", a path, …).
    static TemplatesResult from_text(std::string_view record_text, std::string_view record_origin,
                                     std::string_view postmortem_text,
                                     std::string_view postmortem_origin);

    // The template as written (before standalone lines are collapsed).
    const std::string& source(TemplateKind kind) const;
    // Whether the template names `field`; lets a renderer skip filling what nobody reads.
    bool uses(TemplateKind kind, std::string_view field) const;
    // The template expanded with `dictionary`.
    std::string expand(TemplateKind kind, const ctemplate::TemplateDictionary& dictionary) const;

    struct Compiled;

  private:
    explicit Templates(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}
    // Immutable once built, so copies share it and expansion needs no locking of ours.
    std::shared_ptr<const Compiled> compiled_;
};

// A load either gives templates or says what is wrong with which file and what to do.
struct TemplatesResult {
    std::optional<Templates> templates;
    std::string error;  // set when templates is empty
};

}  // namespace incidentd::render
