#include "render/document.hpp"

#include <cstring>  // before ctemplate: its str_ref.h uses strlen without including it

#include <ctemplate/template_dictionary.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>
#include <vector>

#include "core/key_events.hpp"
#include "render/template_fields.hpp"

namespace incidentd::render {
namespace {

using core::Entry;
using ctemplate::TemplateDictionary;

void set(TemplateDictionary& d, std::string_view field, std::string_view value) {
    d.SetValue(ctemplate::TemplateString(field.data(), field.size()),
               ctemplate::TemplateString(value.data(), value.size()));
}

void show_if(TemplateDictionary& d, std::string_view section, bool shown) {
    if (shown) d.ShowSection(ctemplate::TemplateString(section.data(), section.size()));
}

// Numeric order of Slack ts "secs.micros"; an unreadable ts sorts by when it was received.
std::pair<long long, long long> ts_key(const Entry& e) {
    const std::string_view ts = e.ts;
    const std::size_t dot = ts.find('.');
    long long secs = 0, micros = 0;
    const std::string_view whole = ts.substr(0, dot);
    auto [end, ec] = std::from_chars(whole.data(), whole.data() + whole.size(), secs);
    bool ok = ec == std::errc{} && end == whole.data() + whole.size() && !whole.empty();
    if (ok && dot != std::string_view::npos) {
        const std::string_view frac = ts.substr(dot + 1);
        ok = frac.size() <= 6 && !frac.empty();
        for (std::size_t i = 0; ok && i < 6; ++i) {
            const char c = i < frac.size() ? frac[i] : '0';
            ok = c >= '0' && c <= '9';
            micros = micros * 10 + (c - '0');
        }
    }
    if (ok) return {secs, micros};
    const auto ms = e.at.time_since_epoch().count();
    return {ms / 1000, ms % 1000 * 1000};
}

std::vector<const Entry*> in_ts_order(std::span<const Entry> entries) {
    std::vector<std::pair<std::pair<long long, long long>, const Entry*>> keyed;
    keyed.reserve(entries.size());
    for (const Entry& e : entries)
        keyed.emplace_back(ts_key(e), &e);
    std::ranges::stable_sort(keyed, [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second->seq < b.second->seq;
    });
    std::vector<const Entry*> out;
    out.reserve(keyed.size());
    for (const auto& [key, e] : keyed)
        out.push_back(e);
    return out;
}

// A field name whose ctemplate id is computed once: setting 100,000 entries' fields by plain
// strings would hash each name and take ctemplate's global name-table lock every time.
class FieldName : public ctemplate::TemplateString {
  public:
    explicit FieldName(std::string_view name) : TemplateString(name.data(), name.size()) {
        CacheGlobalId();
    }
};

// Fills entry sections with only the fields the template names, so a large record costs what
// its template shows and nothing more.
class EntryFiller {
  public:
    EntryFiller(const Templates& templates, TemplateKind kind) {
        for (const TemplateField& f : template_fields()) {
            if (!templates.uses(kind, f.name)) continue;
            if (const auto* text = std::get_if<fill::EntryText>(&f.fill))
                fields_.emplace_back(FieldName(f.name), *text);
            else if (const auto* shown = std::get_if<fill::EntryShown>(&f.fill))
                sections_.emplace_back(FieldName(f.name), *shown);
        }
    }

    // An entry's values, made once and copied into every section that lists the entry.
    struct Values {
        std::vector<std::string> fields;
        std::vector<bool> sections;
    };
    Values values(const Entry& e) const {
        Values v;
        v.fields.reserve(fields_.size());
        for (const auto& f : fields_)
            v.fields.push_back(f.second(e));
        for (const auto& s : sections_)
            v.sections.push_back(s.second(e));
        return v;
    }

    void add(TemplateDictionary& parent, const FieldName& section, const Values& v) const {
        TemplateDictionary& d = *parent.AddSectionDictionary(section);
        for (std::size_t i = 0; i < fields_.size(); ++i)
            d.SetValue(fields_[i].first,
                       ctemplate::TemplateString(v.fields[i].data(), v.fields[i].size()));
        for (std::size_t i = 0; i < sections_.size(); ++i)
            if (v.sections[i]) d.ShowSection(sections_[i].first);
    }

  private:
    std::vector<std::pair<FieldName, fill::EntryText>> fields_;
    std::vector<std::pair<FieldName, fill::EntryShown>> sections_;
};

// One section per assigned role, holding the table's role fields.
void fill_roles(TemplateDictionary& d, std::string_view section, const core::Incident& incident) {
    for (core::Role role : core::all_roles) {
        const auto holder = incident.roles.find(role);
        if (holder == incident.roles.end()) continue;
        TemplateDictionary& r =
            *d.AddSectionDictionary(ctemplate::TemplateString(section.data(), section.size()));
        for (const TemplateField& f : template_fields())
            if (const auto* text = std::get_if<fill::RoleText>(&f.fill))
                set(r, f.name, (*text)(role, holder->second));
    }
}

// Every field outside the entry lists; they cost little, so all are set whatever the template.
void fill_incident(TemplateDictionary& d, const DocumentFacts& facts) {
    for (const TemplateField& f : template_fields()) {
        if (const auto* text = std::get_if<fill::Text>(&f.fill))
            set(d, f.name, (*text)(facts));
        else if (const auto* shown = std::get_if<fill::Shown>(&f.fill))
            show_if(d, f.name, (*shown)(facts));
        else if (std::holds_alternative<fill::EachRole>(f.fill))
            fill_roles(d, f.name, facts.incident);
    }
}

// A repeated section of entries, and whether the template names it and any entry belongs in it.
struct EntryList {
    std::string_view name;
    FieldName section;
    fill::Lists wants;
    bool filled;       // the template names the section
    bool any = false;  // some entry belongs in it
};

}  // namespace

std::string render_document(TemplateKind kind, const core::Incident& incident,
                            std::span<const core::Entry> entries, const RenderOptions& options,
                            const Templates& templates, std::span<const core::Seal> seals) {
    if (std::string problem = render_options_problem(options); !problem.empty())
        throw std::invalid_argument("render options: " + problem);

    TemplateDictionary dictionary("incident");
    const auto key_events = core::key_events(entries);
    const DocumentFacts facts{incident, entries.size(), options, key_events,
                              seals.empty() ? nullptr : &seals.back()};
    fill_incident(dictionary, facts);

    // Sections the template does not name are not filled: a postmortem needs the key events,
    // not a 100,000-entry timeline.
    std::vector<EntryList> lists;
    for (const TemplateField& f : template_fields())
        if (const auto* wants = std::get_if<fill::Lists>(&f.fill))
            lists.push_back({f.name, FieldName(f.name), *wants, templates.uses(kind, f.name)});
    const EntryFiller filler(templates, kind);
    for (const Entry* e : in_ts_order(entries)) {
        std::optional<EntryFiller::Values> values;
        for (EntryList& l : lists) {
            if (!l.wants(facts, *e)) continue;
            l.any = true;
            if (!l.filled) continue;
            if (!values) values = filler.values(*e);
            filler.add(dictionary, l.section, *values);
        }
    }
    for (const TemplateField& f : template_fields()) {
        const auto* none = std::get_if<fill::NoneIn>(&f.fill);
        if (none == nullptr) continue;
        const auto list = std::ranges::find(lists, none->list, &EntryList::name);
        show_if(dictionary, f.name, list != lists.end() && !list->any);
    }
    return templates.expand(kind, dictionary);
}

}  // namespace incidentd::render
