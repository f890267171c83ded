// The table of template fields as a contract: docs/templates.md lists exactly its fields, and a
// template can name each one where the table allows and gets the value the table's row makes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "core/key_events.hpp"
#include "core/seal.hpp"
#include "render/record.hpp"
#include "render/template_fields.hpp"
#include "render/templates.hpp"
#include "sample_incident.hpp"

using namespace incidentd;

namespace {

// One row of a table under "## Fields" in docs/templates.md.
struct DocRow {
    std::string name;  // without backticks or {{# }}
    bool section;      // written as `{{#NAME}}`
    std::string heading;
    std::string value;
    int line;
};

std::vector<DocRow> documented_fields() {
    std::ifstream in(INCIDENTD_SOURCE_DIR "/docs/templates.md");
    REQUIRE(in);
    std::vector<DocRow> rows;
    bool in_fields = false;
    std::string heading;
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (line.starts_with("## ")) {
            in_fields = line == "## Fields";
        } else if (line.starts_with("### ")) {
            heading = line.substr(4);
        } else if (in_fields && line.starts_with("| `") && line.ends_with(" |")) {
            const std::size_t name_end = line.find("` | ", 3);
            REQUIRE(name_end != std::string::npos);
            std::string name = line.substr(3, name_end - 3);
            const bool section = name.starts_with("{{#") && name.ends_with("}}");
            if (section) name = name.substr(3, name.size() - 5);
            const std::size_t value_begin = name_end + 4;
            rows.push_back({name, section, heading,
                            line.substr(value_begin, line.size() - 2 - value_begin), number});
        }
    }
    return rows;
}

const render::TemplateField* code_field(std::string_view name) {
    for (const render::TemplateField& f : render::template_fields())
        if (f.name == name) return &f;
    return nullptr;
}

// An incident, its entries and the options it is rendered with.
struct Case {
    std::string what;
    core::Incident incident;
    std::vector<core::Entry> entries;
    render::RenderOptions options;
    std::vector<core::Seal> seals = {};
};

std::vector<Case> cases() {
    Case closed{"a closed incident with entries, roles and links",
                sample::closed_incident(),
                sample::entries(),
                {}};
    closed.options.record_url = "https://acme.slack.com/archives/C0CHECKOUT/p1795514400000900";
    closed.incident.postmortem.url = "https://wiki.example.com/postmortems/inc-7";
    closed.incident.archived_at = sample::at(std::chrono::hours(26));
    const core::SigningKey key = core::SigningKey::generate();
    closed.seals = {key.seal(7, 1, 3, closed.entries[2].hash, sample::at(std::chrono::hours(2)))};

    Case open{"an open incident with no channel, no roles and no entries",
              sample::closed_incident(),
              {},
              {}};
    open.incident.state = core::State::active;
    open.incident.resolved_at.reset();
    open.incident.closed_at.reset();
    open.incident.roles.clear();
    open.incident.channel_id.clear();
    open.incident.channel_name.clear();
    open.incident.channel_url.clear();
    open.incident.team.clear();
    return {closed, open};
}

std::string render_with(const Case& c, const std::string& record_template) {
    const auto loaded = render::Templates::from_text(record_template, "test", "{{ID}}", "test");
    INFO(record_template << ": " << loaded.error);
    REQUIRE(loaded.templates);
    return render::render_record(c.incident, c.entries, c.options, *loaded.templates, c.seals);
}

// Each element of a repeated section ends with this, so that its pieces can be told apart.
constexpr char end_of_piece = '\x1e';

std::vector<std::string> pieces(const std::string& text) {
    std::vector<std::string> out;
    std::size_t begin = 0;
    for (std::size_t end; (end = text.find(end_of_piece, begin)) != std::string::npos;
         begin = end + 1)
        out.push_back(text.substr(begin, end - begin));
    CHECK(begin == text.size());
    return out;
}

std::string repeated(std::string_view text, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i)
        out += text;
    return out;
}

std::vector<std::string> sorted(std::vector<std::string> values) {
    std::ranges::sort(values);
    return values;
}

// {{X}} for a value, {{#X}}shown{{/X}} for a section: how each field is named on its own.
std::string on_its_own(const render::TemplateField& f) {
    const std::string name(f.name);
    if (!f.is_section()) return "{{" + name + "}}";
    return "{{#" + name + "}}shown{{/" + name + "}}";
}

}  // namespace

TEST_CASE("docs/templates.md lists exactly the code's template fields, with their values") {
    const std::vector<DocRow> rows = documented_fields();
    REQUIRE_FALSE(rows.empty());

    for (const render::TemplateField& field : render::template_fields()) {
        const std::string name(field.name);
        const auto count = std::ranges::count(rows, name, &DocRow::name);
        if (count == 0) {
            FAIL_CHECK("render/template_fields.cpp has " << name
                                                         << " but docs/templates.md has no row for "
                                                            "it (under ### "
                                                         << field.group << ")");
            continue;
        }
        INFO("the row of " << name << " in docs/templates.md");
        CHECK(count == 1);
        const DocRow& row = *std::ranges::find(rows, name, &DocRow::name);
        INFO("line " << row.line);
        CHECK(row.heading == field.group);
        CHECK(row.section == field.is_section());
        CHECK(row.value == field.description);
    }
    for (const DocRow& row : rows)
        if (code_field(row.name) == nullptr)
            FAIL_CHECK("docs/templates.md line " << row.line << " documents " << row.name
                                                 << ", which render/template_fields.cpp does "
                                                    "not have");
}

TEST_CASE("every template field renders the value its table row makes, where the table allows") {
    namespace fill = render::fill;
    for (const Case& c : cases()) {
        INFO(c.what);
        const auto key_events = core::key_events(c.entries);
        const render::DocumentFacts facts{c.incident, c.entries.size(), c.options, key_events,
                                          c.seals.empty() ? nullptr : &c.seals.back()};

        // The sections that open a scope, and the elements each repeats for.
        struct EntryList {
            std::string name;
            std::vector<const core::Entry*> listed;
        };
        std::vector<EntryList> lists;
        std::string role_section;
        for (const render::TemplateField& f : render::template_fields()) {
            if (const auto* wants = std::get_if<fill::Lists>(&f.fill)) {
                std::vector<const core::Entry*> listed;
                for (const core::Entry& e : c.entries)
                    if ((*wants)(facts, e)) listed.push_back(&e);
                lists.push_back({std::string(f.name), std::move(listed)});
            }
            if (std::holds_alternative<fill::EachRole>(f.fill)) role_section = f.name;
        }
        REQUIRE_FALSE(lists.empty());
        REQUIRE_FALSE(role_section.empty());

        for (const render::TemplateField& f : render::template_fields()) {
            const std::string name(f.name);
            INFO(name);
            if (const auto* text = std::get_if<fill::Text>(&f.fill)) {
                CHECK(render_with(c, on_its_own(f)) == (*text)(facts));
            } else if (const auto* shown = std::get_if<fill::Shown>(&f.fill)) {
                CHECK(render_with(c, on_its_own(f)) == ((*shown)(facts) ? "shown" : ""));
            } else if (const auto* none = std::get_if<fill::NoneIn>(&f.fill)) {
                const auto list =
                    std::ranges::find(lists, std::string(none->list), &EntryList::name);
                REQUIRE(list != lists.end());
                CHECK(render_with(c, on_its_own(f)) == (list->listed.empty() ? "shown" : ""));
            } else if (std::holds_alternative<fill::EachRole>(f.fill)) {
                CHECK(render_with(c, on_its_own(f)) == repeated("shown", c.incident.roles.size()));
            } else if (const auto* role_text = std::get_if<fill::RoleText>(&f.fill)) {
                std::vector<std::string> expected;
                for (core::Role role : core::all_roles)
                    if (const auto holder = c.incident.roles.find(role);
                        holder != c.incident.roles.end())
                        expected.push_back((*role_text)(role, holder->second));
                CHECK(pieces(render_with(c, "{{#" + role_section + "}}{{" + name + "}}" +
                                                end_of_piece + "{{/" + role_section + "}}")) ==
                      expected);
            } else if (std::holds_alternative<fill::Lists>(f.fill)) {
                const auto list = std::ranges::find(lists, name, &EntryList::name);
                REQUIRE(list != lists.end());
                CHECK(render_with(c, on_its_own(f)) == repeated("shown", list->listed.size()));
            } else {
                // A field of an entry: the same value in every list, for each entry listed.
                const auto* entry_text = std::get_if<fill::EntryText>(&f.fill);
                const auto* entry_shown = std::get_if<fill::EntryShown>(&f.fill);
                REQUIRE((entry_text != nullptr || entry_shown != nullptr));
                const std::string element =
                    entry_text ? "{{" + name + "}}" : "{{#" + name + "}}y{{/" + name + "}}";
                for (const auto& [list, listed] : lists) {
                    INFO("inside {{#" << list << "}}");
                    std::vector<std::string> expected;
                    for (const core::Entry* e : listed)
                        expected.push_back(entry_text ? (*entry_text)(*e)
                                                      : ((*entry_shown)(*e) ? "y" : ""));
                    // Listed in ts order, which the table does not decide: compared as sets.
                    CHECK(sorted(pieces(render_with(c, "{{#" + list + "}}" + element +
                                                           end_of_piece + "{{/" + list + "}}"))) ==
                          sorted(expected));
                }
            }
        }
    }
}
