// Loading templates: built-ins, a team's own files, and the errors a broken template gives.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include "render/postmortem.hpp"
#include "render/record.hpp"
#include "render/templates.hpp"
#include "sample_incident.hpp"

using namespace incidentd;
using Catch::Contains;

namespace {

// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
  public:
    TempDir() {
        static std::atomic<int> counter{0};
        path_ = std::filesystem::temp_directory_path() /
                ("incidentd-render-test-" + std::to_string(::getpid()) + "-" +
                 std::to_string(counter++));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::filesystem::path write(const std::string& name, const std::string& text) const {
        std::ofstream(path_ / name, std::ios::binary) << text;
        return path_ / name;
    }
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// Loads `record` as the record template (built-in postmortem); returns the error or "".
std::string record_error(std::string_view record) {
    const auto result = render::Templates::from_text(
        record, "team.tpl", render::Templates::builtin().source(render::TemplateKind::postmortem),
        "built-in");
    return result.templates ? std::string{} : result.error;
}

std::string render_with(std::string_view record) {
    const auto result = render::Templates::from_text(record, "test", "{{ID}}", "test");
    REQUIRE(result.templates);
    const auto entries = sample::entries();
    return render::render_record(sample::closed_incident(), entries, {}, *result.templates);
}

}  // namespace

TEST_CASE("the built-in templates load and differ") {
    const auto templates = render::Templates::builtin();
    CHECK_FALSE(templates.source(render::TemplateKind::record).empty());
    CHECK_FALSE(templates.source(render::TemplateKind::postmortem).empty());
    CHECK(templates.source(render::TemplateKind::record) !=
          templates.source(render::TemplateKind::postmortem));
    const auto loaded = render::Templates::load("", "");
    REQUIRE(loaded.templates);
    CHECK(loaded.templates->source(render::TemplateKind::record) ==
          templates.source(render::TemplateKind::record));
}

TEST_CASE("a template naming a field that does not exist is refused with the field's name") {
    SECTION("a misspelt field, with a suggestion and the fields that exist") {
        const std::string error = record_error("# {{ID}}: {{TITEL}}\n");
        CHECK_THAT(error, Contains("incident-record template \"team.tpl\""));
        CHECK_THAT(error, Contains("line 1"));
        CHECK_THAT(error, Contains("unknown field {{TITEL}}"));
        CHECK_THAT(error, Contains("did you mean TITLE?"));
        CHECK_THAT(error, Contains("fields that exist here: ID, TITLE, SEVERITY"));
    }
    SECTION("a misspelt section") {
        const std::string error = record_error("{{#ENTRYS}}x{{/ENTRYS}}");
        CHECK_THAT(error, Contains("unknown section {{#ENTRYS}}"));
        CHECK_THAT(error, Contains("did you mean ENTRY?"));
    }
    SECTION("an entry field outside any entry section") {
        const std::string error = record_error("a\nb {{ENTRY_TEXT}}\n");
        CHECK_THAT(error, Contains("line 2"));
        CHECK_THAT(error, Contains("{{ENTRY_TEXT}} can only be used inside {{#ENTRY}}"));
        CHECK_THAT(error, Contains("{{#KEY_EVENT}}"));
    }
    SECTION("a section used as a field, and a field used as a section") {
        CHECK_THAT(record_error("{{ENTRY}}"),
                   Contains("ENTRY is a section: write {{#ENTRY}}…{{/ENTRY}}"));
        CHECK_THAT(record_error("{{#TITLE}}{{/TITLE}}"), Contains("TITLE is a field"));
    }
    SECTION("a field of another section") {
        CHECK_THAT(record_error("{{#ENTRY}}{{ROLE_NAME}}{{/ENTRY}}"),
                   Contains("{{ROLE_NAME}} can only be used inside {{#ROLE}}"));
    }
}

TEST_CASE("a template with a syntax error is refused with the line and the problem") {
    CHECK_THAT(record_error("ok\n{{#ENTRY}}\n- {{ENTRY_TEXT}}\n"),
               Contains("line 2: {{#ENTRY}} is never closed (add {{/ENTRY}})"));
    CHECK_THAT(record_error("{{#ROLE}}{{/ENTRY}}"),
               Contains("{{/ENTRY}} closes ENTRY but the open section is {{#ROLE}}"));
    CHECK_THAT(record_error("{{/ROLE}}"), Contains("closes a section that was never opened"));
    CHECK_THAT(record_error("# {{TITLE\n"), Contains("line 1: \"{{\" is not closed"));
    CHECK_THAT(record_error("{{ TITLE }}"), Contains("{{ TITLE }} is not a field"));
    CHECK_THAT(record_error("{{}}"), Contains("empty marker"));
    CHECK_THAT(record_error("{{>header.tpl}}"), Contains("includes, pragmas"));
    CHECK_THAT(record_error("{{%AUTOESCAPE context=\"HTML\"}}"), Contains("includes, pragmas"));
    CHECK_THAT(record_error("{{TITLE:no-such-modifier}}"), Contains("ctemplate cannot parse it"));
}

TEST_CASE("the postmortem template is checked too, and named in its errors") {
    const auto result =
        render::Templates::from_text("{{ID}}", "built-in", "{{DUE_DATE}}", "pm.tpl");
    REQUIRE_FALSE(result.templates);
    CHECK_THAT(result.error, Contains("postmortem template \"pm.tpl\": line 1: unknown field "
                                      "{{DUE_DATE}}"));
}

TEST_CASE("templates are overridden from files") {
    TempDir dir;
    const auto record = dir.write("record.md.tpl", "Record of {{ID}}: {{TITLE}}\n");
    const auto postmortem =
        dir.write("pm.md.tpl", "Postmortem of {{ID}}, due {{POSTMORTEM_DUE}}\n");
    const auto incident = sample::closed_incident();

    SECTION("both") {
        const auto loaded = render::Templates::load(record, postmortem);
        REQUIRE(loaded.templates);
        CHECK(render::render_record(incident, {}, {}, *loaded.templates) ==
              "Record of INC-7: Checkout latency \\<!channel\\> \\*now\\*\n");
        CHECK(render::render_postmortem(incident, {}, {}, *loaded.templates) ==
              "Postmortem of INC-7, due 2026-12-01 12:00 UTC\n");
    }
    SECTION("one, keeping the built-in other") {
        const auto loaded = render::Templates::load(record, "");
        REQUIRE(loaded.templates);
        CHECK(render::render_record(incident, {}, {}, *loaded.templates) ==
              "Record of INC-7: Checkout latency \\<!channel\\> \\*now\\*\n");
        CHECK(loaded.templates->source(render::TemplateKind::postmortem) ==
              render::Templates::builtin().source(render::TemplateKind::postmortem));
    }
    SECTION("a file with an unknown field names the file and the field") {
        const auto bad = dir.write("bad.md.tpl", "ok\n{{SEVERTY}}\n");
        const auto loaded = render::Templates::load("", bad);
        REQUIRE_FALSE(loaded.templates);
        CHECK_THAT(loaded.error, Contains("postmortem template \"" + bad.string() + "\""));
        CHECK_THAT(loaded.error, Contains("line 2: unknown field {{SEVERTY}}"));
        CHECK_THAT(loaded.error, Contains("did you mean SEVERITY?"));
    }
}

TEST_CASE("a template file that cannot be read is a clear error") {
    TempDir dir;
    SECTION("a missing file") {
        const auto missing = dir.path() / "no-such.md.tpl";
        const auto loaded = render::Templates::load(missing, "");
        REQUIRE_FALSE(loaded.templates);
        CHECK_THAT(loaded.error, Contains("incident-record template \"" + missing.string() + "\""));
        CHECK_THAT(loaded.error, Contains("cannot be read (No such file or directory)"));
        CHECK_THAT(loaded.error, Contains("leave it empty to use the built-in template"));
    }
    SECTION("a directory") {
        const auto loaded = render::Templates::load("", dir.path());
        REQUIRE_FALSE(loaded.templates);
        CHECK_THAT(loaded.error, Contains("postmortem template"));
        CHECK_THAT(loaded.error, Contains("is a directory"));
    }
}

TEST_CASE("two sets of templates and a reload do not interfere") {
    TempDir dir;
    const auto path = dir.write("record.md.tpl", "first {{ID}}");
    const auto first = render::Templates::load(path, "");
    dir.write("record.md.tpl", "second {{ID}}");
    const auto second = render::Templates::load(path, "");
    const auto other = render::Templates::from_text("other {{SEVERITY}}", "x", "{{ID}}", "y");
    REQUIRE(first.templates);
    REQUIRE(second.templates);
    REQUIRE(other.templates);
    const auto incident = sample::closed_incident();
    CHECK(render::render_record(incident, {}, {}, *first.templates) == "first INC-7");
    CHECK(render::render_record(incident, {}, {}, *second.templates) == "second INC-7");
    CHECK(render::render_record(incident, {}, {}, *other.templates) == "other SEV2");
    CHECK(render::render_record(incident, {}, {}, render::Templates::builtin()) != "first INC-7");
}

TEST_CASE("a line holding only section or comment markers leaves no line behind") {
    CHECK(
        render_with("Roles:\n{{! one per line }}\n{{#ROLE}}\n- {{ROLE_NAME}}\n{{/ROLE}}\nend\n") ==
        "Roles:\n- commander\n- scribe\nend\n");
    CHECK(render_with("  {{#NO_ROLES}}  \nnone\n  {{/NO_ROLES}}\nend") == "end");
    CHECK(render_with("{{#ROLE}}{{ROLE_NAME}}{{#ROLE_separator}}, {{/ROLE_separator}}{{/ROLE}}") ==
          "commander, scribe");
    CHECK(render_with("{{#ROLE}}x{{/ROLE}} {{ID}}\n") == "xx INC-7\n");
}
