#include "render/template_fields.hpp"

#include <array>

namespace incidentd::render {
namespace {

constexpr std::string_view top = "";
constexpr std::string_view entry = "ENTRY";
constexpr std::string_view role = "ROLE";

constexpr TemplateField value(std::string_view name, std::string_view scope = top) {
    return {name, scope, false, {}};
}
constexpr TemplateField section(std::string_view name, std::string_view opens = {}) {
    return {name, top, true, opens};
}
constexpr TemplateField entry_section(std::string_view name) {
    return {name, entry, true, {}};
}

// Keep in step with the table in render/templates.hpp (a test compares them).
constexpr std::array fields{
    value("ID"),
    value("TITLE"),
    value("SEVERITY"),
    value("STATE"),
    value("TEAM"),
    value("CHANNEL_NAME"),
    value("CHANNEL_ID"),
    value("CHANNEL_URL"),
    value("CHANNEL_LINK"),
    section("CHANNEL_LINKED"),
    value("DECLARED_AT"),
    value("DECLARED_BY"),
    value("DECLARED_BY_ID"),
    value("RESOLVED_AT"),
    section("RESOLVED"),
    section("NOT_RESOLVED"),
    value("CLOSED_AT"),
    section("CLOSED"),
    section("NOT_CLOSED"),
    value("ARCHIVED_AT"),
    section("ARCHIVED"),
    value("DURATION"),
    value("TIMEZONE"),
    value("COMMANDER"),
    value("COMMANDER_ID"),
    section("ROLE", role),
    value("ROLE_NAME", role),
    value("ROLE_HOLDER", role),
    value("ROLE_HOLDER_ID", role),
    section("NO_ROLES"),
    value("KEY_EVENT_EMOJI"),
    value("ENTRY_COUNT"),
    section("ENTRY", entry),
    section("NO_ENTRY"),
    section("KEY_EVENT", entry),
    section("NO_KEY_EVENT"),
    section("IMPACT", entry),
    section("NO_IMPACT"),
    section("SYSTEM", entry),
    section("NO_SYSTEM"),
    section("ACTION", entry),
    section("NO_ACTION"),
    section("NOTE", entry),
    section("NO_NOTE"),
    value("ENTRY_SEQ", entry),
    value("ENTRY_TS", entry),
    value("ENTRY_TIME", entry),
    value("ENTRY_KIND", entry),
    value("ENTRY_ACTOR", entry),
    value("ENTRY_ACTOR_ID", entry),
    value("ENTRY_TEXT", entry),
    value("ENTRY_PERMALINK", entry),
    value("ENTRY_LINK", entry),
    entry_section("ENTRY_LINKED"),
    entry_section("ENTRY_KEY"),
    entry_section("ENTRY_IN_THREAD"),
    entry_section("ENTRY_IN_CHANNEL_TOO"),
    value("ENTRY_THREAD_TS", entry),
    value("ENTRY_REFERS_TO", entry),
    value("RECORD_URL"),
    value("RECORD_LINK"),
    section("RECORD_LINKED"),
    section("RECORD_UNLINKED"),
    value("POSTMORTEM_DUE"),
    value("POSTMORTEM_DUE_PERIOD"),
    value("POSTMORTEM_URL"),
    value("POSTMORTEM_LINK"),
    value("POSTMORTEM_STATUS"),
    section("POSTMORTEM_LINKED"),
    section("POSTMORTEM_UNLINKED"),
};

}  // namespace

std::span<const TemplateField> template_fields() {
    return fields;
}

}  // namespace incidentd::render
