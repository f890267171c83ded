#include "render/templates.hpp"

#include <cstring>  // before ctemplate: its str_ref.h uses strlen without including it

#include <ctemplate/template.h>
#include <ctemplate/template_cache.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "render/builtin_templates.hpp"
#include "render/template_check.hpp"

namespace incidentd::render {

struct Templates::Compiled {
    ctemplate::TemplateCache cache;  // this value's own cache: two Templates never collide
    std::array<std::string, 2> sources;
    std::array<std::set<std::string, std::less<>>, 2> used;
};

namespace {

std::size_t index(TemplateKind kind) {
    return kind == TemplateKind::record ? 0 : 1;
}

// Strip mode matters for Markdown: whitespace is meaning, so nothing is stripped.
constexpr ctemplate::Strip strip = ctemplate::DO_NOT_STRIP;

ctemplate::TemplateString key(TemplateKind kind) {
    const std::string_view name = to_string(kind);
    return ctemplate::TemplateString(name.data(), name.size());
}

std::string describe(TemplateKind kind, std::string_view origin) {
    std::string out(to_string(kind));
    out += " template ";
    out += origin == "built-in" ? "(built-in)" : "\"" + std::string(origin) + "\"";
    return out;
}

struct FileText {
    std::string text;
    std::string error;
};

FileText read_file(TemplateKind kind, const std::filesystem::path& path) {
    const std::string what = describe(kind, path.string());
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        return {{}, what + ": is a directory; give the path of a template file"};
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return {{},
                what + ": cannot be read (" + std::strerror(errno) +
                    "); check the path, or leave it empty to use the built-in template"};
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return {{}, what + ": reading failed (" + std::strerror(errno) + ")"};
    return {std::move(text).str(), {}};
}

}  // namespace

std::string_view to_string(TemplateKind kind) {
    return kind == TemplateKind::record ? "incident-record" : "postmortem";
}

Templates Templates::builtin() {
    static const Templates templates = [] {
        TemplatesResult r =
            from_text(builtin_record_template, "built-in", builtin_postmortem_template, "built-in");
        if (!r.templates) throw std::logic_error("the built-in templates are broken: " + r.error);
        return *r.templates;
    }();
    return templates;
}

TemplatesResult Templates::load(const std::filesystem::path& record_path,
                                const std::filesystem::path& postmortem_path) {
    std::array<FileText, 2> files{FileText{std::string(builtin_record_template), {}},
                                  FileText{std::string(builtin_postmortem_template), {}}};
    std::array<std::string, 2> origins{"built-in", "built-in"};
    const std::array paths{&record_path, &postmortem_path};
    for (TemplateKind kind : {TemplateKind::record, TemplateKind::postmortem}) {
        const std::filesystem::path& path = *paths[index(kind)];
        if (path.empty()) continue;
        files[index(kind)] = read_file(kind, path);
        if (!files[index(kind)].error.empty()) return {std::nullopt, files[index(kind)].error};
        origins[index(kind)] = path.string();
    }
    return from_text(files[0].text, origins[0], files[1].text, origins[1]);
}

TemplatesResult Templates::from_text(std::string_view record_text, std::string_view record_origin,
                                     std::string_view postmortem_text,
                                     std::string_view postmortem_origin) {
    auto compiled = std::make_shared<Compiled>();
    const std::array texts{record_text, postmortem_text};
    const std::array origins{record_origin, postmortem_origin};
    for (TemplateKind kind : {TemplateKind::record, TemplateKind::postmortem}) {
        const std::size_t i = index(kind);
        CheckedTemplate checked = check_template(texts[i]);
        if (!checked.error.empty())
            return {std::nullopt, describe(kind, origins[i]) + ": " + checked.error};
        if (!compiled->cache.StringToTemplateCache(
                key(kind), ctemplate::TemplateString(checked.text.data(), checked.text.size()),
                strip))
            return {std::nullopt, describe(kind, origins[i]) +
                                      ": ctemplate cannot parse it (its log line above says "
                                      "where); fix the marker it names"};
        compiled->sources[i] = std::string(texts[i]);
        compiled->used[i] = std::move(checked.used);
    }
    compiled->cache.Freeze();
    return {Templates(std::move(compiled)), {}};
}

const std::string& Templates::source(TemplateKind kind) const {
    return compiled_->sources[index(kind)];
}

bool Templates::uses(TemplateKind kind, std::string_view field) const {
    return compiled_->used[index(kind)].contains(field);
}

std::string Templates::expand(TemplateKind kind,
                              const ctemplate::TemplateDictionary& dictionary) const {
    std::string out;
    if (!compiled_->cache.ExpandNoLoad(key(kind), strip, &dictionary, nullptr, &out))
        throw std::logic_error(std::string(to_string(kind)) +
                               " template failed to expand after it was checked");
    return out;
}

}  // namespace incidentd::render
