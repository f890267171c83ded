#include "render/document.hpp"

#include <cstring>  // before ctemplate: its str_ref.h uses strlen without including it

#include <ctemplate/template_dictionary.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>
#include <utility>
#include <vector>

#include "core/key_events.hpp"
#include "core/text_escape.hpp"
#include "render/entry_text.hpp"

namespace incidentd::render {
namespace {

using core::Entry;
using core::EntryKind;
using core::Newlines;
using ctemplate::TemplateDictionary;

void set(TemplateDictionary& d, std::string_view field, std::string_view value) {
    d.SetValue(ctemplate::TemplateString(field.data(), field.size()),
               ctemplate::TemplateString(value.data(), value.size()));
}

void show_if(TemplateDictionary& d, std::string_view section, bool shown) {
    if (shown) d.ShowSection(ctemplate::TemplateString(section.data(), section.size()));
}

std::string line(std::string_view text) {
    return core::escape_markdown(text, Newlines::space);
}

// "2026-11-24 10:00 UTC", or with seconds for timeline entries.
std::string human_time(core::Time t, bool seconds = false) {
    const std::string iso = core::to_iso8601(t);  // 2026-11-24T10:00:05Z
    return iso.substr(0, 10) + ' ' + iso.substr(11, seconds ? 8 : 5) + " UTC";
}

// An http(s) URL made safe as a Markdown link destination; "" for anything else
// (javascript:, data:, relative paths), so a bad URL becomes no link rather than a live one.
std::string link_destination(std::string_view url) {
    auto starts_with = [url](std::string_view scheme) {
        return url.size() > scheme.size() &&
               std::ranges::equal(url.substr(0, scheme.size()), scheme, [](char a, char b) {
                   return (a >= 'A' && a <= 'Z' ? a + ('a' - 'A') : a) == b;
               });
    };
    if (!starts_with("https://") && !starts_with("http://")) return {};
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(url.size());
    for (char c : url) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7f ||
            std::string_view("\"<>\\^`{|}()[]").find(c) != std::string_view::npos) {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0xf];
        } else {
            out += c;
        }
    }
    return out;
}

std::string markdown_link(std::string_view text, const std::string& destination) {
    return "[" + std::string(text) + "](" + destination + ")";
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

// One field of an entry section, and how an entry's value for it is made.
struct EntryField {
    std::string_view name;
    std::string (*value)(const Entry&);
};

const std::array<EntryField, 11> entry_field_makers{{
    {"ENTRY_SEQ", [](const Entry& e) { return std::to_string(e.seq); }},
    {"ENTRY_TS", [](const Entry& e) { return line(e.ts); }},
    {"ENTRY_TIME",
     [](const Entry& e) { return human_time(core::slack_ts_to_time(e.ts).value_or(e.at), true); }},
    // Fixed words from the product's list of kinds: nothing to escape.
    {"ENTRY_KIND", [](const Entry& e) { return std::string(core::to_string(e.kind)); }},
    {"ENTRY_ACTOR",
     [](const Entry& e) { return line(e.actor.name.empty() ? e.actor.id : e.actor.name); }},
    {"ENTRY_ACTOR_ID", [](const Entry& e) { return line(e.actor.id); }},
    {"ENTRY_TEXT", [](const Entry& e) { return entry_text_markdown(e.text); }},
    {"ENTRY_PERMALINK", [](const Entry& e) { return link_destination(e.permalink); }},
    {"ENTRY_LINK",
     [](const Entry& e) {
         const std::string url = link_destination(e.permalink);
         return url.empty() ? url : markdown_link("permalink", url);
     }},
    {"ENTRY_THREAD_TS", [](const Entry& e) { return line(e.thread_ts.value_or("")); }},
    {"ENTRY_REFERS_TO", [](const Entry& e) { return line(e.refers_to.value_or("")); }},
}};

struct EntrySection {
    std::string_view name;
    bool (*shown)(const Entry&);
};

const std::array<EntrySection, 4> entry_sections{{
    {"ENTRY_LINKED", [](const Entry& e) { return !link_destination(e.permalink).empty(); }},
    {"ENTRY_KEY", [](const Entry& e) { return e.key_event; }},
    {"ENTRY_IN_THREAD", [](const Entry& e) { return e.thread_ts.has_value(); }},
    // A reply sent to the channel too is recorded as a message that keeps its thread.
    {"ENTRY_IN_CHANNEL_TOO",
     [](const Entry& e) { return e.kind == EntryKind::message && e.thread_ts.has_value(); }},
}};

// Fills entry sections with only the fields the template names, so a large record costs what
// its template shows and nothing more.
class EntryFiller {
  public:
    EntryFiller(const Templates& templates, TemplateKind kind) {
        for (const EntryField& f : entry_field_makers)
            if (templates.uses(kind, f.name)) fields_.emplace_back(FieldName(f.name), f.value);
        for (const EntrySection& s : entry_sections)
            if (templates.uses(kind, s.name)) sections_.emplace_back(FieldName(s.name), s.shown);
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
    std::vector<std::pair<FieldName, std::string (*)(const Entry&)>> fields_;
    std::vector<std::pair<FieldName, bool (*)(const Entry&)>> sections_;
};

void fill_incident(TemplateDictionary& d, const core::Incident& incident, std::size_t entry_count,
                   const RenderOptions& options) {
    set(d, "ID", incident.id());
    set(d, "TITLE", line(incident.title));
    set(d, "SEVERITY", core::to_string(incident.severity));
    set(d, "STATE", core::to_string(incident.state));
    set(d, "TEAM", incident.team.empty() ? "default" : line(incident.team));

    const std::string channel_name = line(incident.channel_name);
    const std::string channel_url = link_destination(incident.channel_url);
    const std::string channel_text =
        incident.channel_name.empty()
            ? (incident.channel_id.empty() ? "no channel yet" : line(incident.channel_id))
            : "#" + channel_name;
    set(d, "CHANNEL_NAME", channel_name);
    set(d, "CHANNEL_ID", line(incident.channel_id));
    set(d, "CHANNEL_URL", channel_url);
    set(d, "CHANNEL_LINK",
        channel_url.empty() ? channel_text : markdown_link(channel_text, channel_url));
    show_if(d, "CHANNEL_LINKED", !channel_url.empty());

    set(d, "DECLARED_AT", human_time(incident.declared_at));
    set(d, "DECLARED_BY",
        line(incident.declared_by.name.empty() ? incident.declared_by.id
                                               : incident.declared_by.name));
    set(d, "DECLARED_BY_ID", line(incident.declared_by.id));
    set(d, "RESOLVED_AT",
        incident.resolved_at ? human_time(*incident.resolved_at) : "not resolved");
    show_if(d, "RESOLVED", incident.resolved_at.has_value());
    show_if(d, "NOT_RESOLVED", !incident.resolved_at);
    set(d, "CLOSED_AT", incident.closed_at ? human_time(*incident.closed_at) : "not closed");
    show_if(d, "CLOSED", incident.closed_at.has_value());
    show_if(d, "NOT_CLOSED", !incident.closed_at);
    set(d, "ARCHIVED_AT",
        incident.archived_at ? human_time(*incident.archived_at) : "not archived");
    show_if(d, "ARCHIVED", incident.archived_at.has_value());
    const std::optional<core::Time> end =
        incident.resolved_at ? incident.resolved_at : incident.closed_at;
    set(d, "DURATION",
        end ? core::format_duration(
                  std::chrono::floor<std::chrono::seconds>(*end - incident.declared_at))
            : "ongoing");
    set(d, "TIMEZONE", options.timezone);

    const auto commander = incident.roles.find(core::Role::commander);
    set(d, "COMMANDER",
        commander == incident.roles.end()
            ? "unassigned"
            : line(commander->second.name.empty() ? commander->second.id : commander->second.name));
    set(d, "COMMANDER_ID",
        commander == incident.roles.end() ? std::string{} : line(commander->second.id));
    for (core::Role role : core::all_roles) {
        const auto holder = incident.roles.find(role);
        if (holder == incident.roles.end()) continue;
        TemplateDictionary& r = *d.AddSectionDictionary("ROLE");
        set(r, "ROLE_NAME", core::to_string(role));
        set(r, "ROLE_HOLDER",
            line(holder->second.name.empty() ? holder->second.id : holder->second.name));
        set(r, "ROLE_HOLDER_ID", line(holder->second.id));
    }
    show_if(d, "NO_ROLES", incident.roles.empty());

    set(d, "KEY_EVENT_EMOJI", ":" + options.key_event_emoji + ":");
    set(d, "ENTRY_COUNT", std::to_string(entry_count));

    const std::string record_url = link_destination(options.record_url);
    set(d, "RECORD_URL", record_url);
    set(d, "RECORD_LINK",
        record_url.empty() ? "the incident record (`incidentd export " + incident.id() + "`)"
                           : markdown_link("incident record", record_url));
    show_if(d, "RECORD_LINKED", !record_url.empty());
    show_if(d, "RECORD_UNLINKED", record_url.empty());

    const std::string period = core::format_duration(options.postmortem_due);
    std::optional<core::Time> due = incident.postmortem.due_at;
    if (!due && incident.closed_at) due = *incident.closed_at + options.postmortem_due;
    set(d, "POSTMORTEM_DUE", due ? human_time(*due) : period + " after close");
    set(d, "POSTMORTEM_DUE_PERIOD", period);
    const std::string postmortem_url = link_destination(incident.postmortem.url.value_or(""));
    set(d, "POSTMORTEM_URL", postmortem_url);
    set(d, "POSTMORTEM_LINK",
        postmortem_url.empty() ? std::string{} : markdown_link("postmortem", postmortem_url));
    set(d, "POSTMORTEM_STATUS",
        incident.postmortem.done  ? "done"
        : !postmortem_url.empty() ? "in progress"
        : incident.closed_at      ? "draft"
                                  : "not started");
    show_if(d, "POSTMORTEM_LINKED", !postmortem_url.empty());
    show_if(d, "POSTMORTEM_UNLINKED", postmortem_url.empty());
}

}  // namespace

std::string render_document(TemplateKind kind, const core::Incident& incident,
                            std::span<const core::Entry> entries, const RenderOptions& options,
                            const Templates& templates) {
    if (std::string problem = render_options_problem(options); !problem.empty())
        throw std::invalid_argument("render options: " + problem);

    TemplateDictionary dictionary("incident");
    fill_incident(dictionary, incident, entries.size(), options);

    // Sections the template does not name are not filled: a postmortem needs the key events,
    // not a 100,000-entry timeline.
    struct Listed {
        std::string_view section, empty_section;
        bool (*wants)(const Entry&);
        bool filled = false;  // the template names the section
        bool any = false;     // some entry belongs in it
    };
    std::array<Listed, 6> lists{{
        {"ENTRY", "NO_ENTRY", [](const Entry&) { return true; }},
        {"KEY_EVENT", "NO_KEY_EVENT", nullptr},  // core::key_events decides, below
        {"IMPACT", "NO_IMPACT", [](const Entry& e) { return e.kind == EntryKind::impact; }},
        {"SYSTEM", "NO_SYSTEM", [](const Entry& e) { return e.kind == EntryKind::system; }},
        {"ACTION", "NO_ACTION", [](const Entry& e) { return e.kind == EntryKind::action; }},
        {"NOTE", "NO_NOTE", [](const Entry& e) { return e.kind == EntryKind::note; }},
    }};
    for (Listed& l : lists)
        l.filled = templates.uses(kind, l.section);
    const EntryFiller filler(templates, kind);
    std::vector<FieldName> section_names;
    for (const Listed& l : lists)
        section_names.emplace_back(l.section);
    const auto key_events = core::key_events(entries);
    for (const Entry* e : in_ts_order(entries)) {
        std::optional<EntryFiller::Values> values;
        for (std::size_t i = 0; i < lists.size(); ++i) {
            Listed& l = lists[i];
            const bool wanted = l.section == "KEY_EVENT" ? key_events.count(e) > 0 : l.wants(*e);
            if (!wanted) continue;
            l.any = true;
            if (!l.filled) continue;
            if (!values) values = filler.values(*e);
            filler.add(dictionary, section_names[i], *values);
        }
    }
    for (const Listed& l : lists)
        show_if(dictionary, l.empty_section, !l.any);
    return templates.expand(kind, dictionary);
}

}  // namespace incidentd::render
