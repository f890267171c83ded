// The one table of template fields. Adding a field is adding a row here (the filler and the check
// pick it up) and the same row in docs/templates.md (tests/render/template_fields_test.cpp
// compares them).
#include "render/template_fields.hpp"

#include <array>
#include <chrono>
#include <optional>

#include "core/time.hpp"
#include "render/entry_text.hpp"
#include "render/markdown_values.hpp"

namespace incidentd::render {
namespace {

using core::Actor;
using core::Entry;
using core::EntryKind;
using core::Role;

constexpr std::string_view the_incident = "The incident";
constexpr std::string_view the_channel = "The channel";
constexpr std::string_view times_and_people = "Times and people";
constexpr std::string_view entries = "Entries";
constexpr std::string_view links = "Links between the two documents";
constexpr std::string_view the_seal = "The seal";

// A person as the documents name them: their display name, else their user id.
std::string person(const Actor& actor) {
    return markdown_line(actor.name.empty() ? actor.id : actor.name);
}

const Actor* commander(const core::Incident& incident) {
    const auto found = incident.roles.find(Role::commander);
    return found == incident.roles.end() ? nullptr : &found->second;
}

std::string channel_url(const DocumentFacts& f) {
    return link_destination(f.incident.channel_url);
}

// What stands for the channel in CHANNEL_LINK: "#name", else its id, else a placeholder.
std::string channel_text(const core::Incident& i) {
    if (!i.channel_name.empty()) return "#" + markdown_line(i.channel_name);
    return i.channel_id.empty() ? "no channel yet" : markdown_line(i.channel_id);
}

std::string record_url(const DocumentFacts& f) {
    return link_destination(f.options.record_url);
}

std::string postmortem_url(const DocumentFacts& f) {
    return link_destination(f.incident.postmortem.url.value_or(""));
}

std::string due_period(const DocumentFacts& f) {
    return core::format_duration(f.options.postmortem_due);
}

// A field of the latest seal, or "" when the record has none.
template <class Field>
std::string of_seal(const DocumentFacts& f, Field field) {
    return f.seal ? field(*f.seal) : std::string();
}

// A well-formed seal (one parse_seal_message reads back) is hex, digits and base64, safe inside a
// code span; one read from a tampered store may hold anything, and is escaped like user text.
std::string seal_text(const core::Seal& s) {
    const std::string line = core::seal_statement(s) + " " + s.signature;
    if (core::parse_seal_message(line) == s) return "`" + line + "`";
    return markdown_line(line);
}

std::string time_or(const std::optional<core::Time>& t, std::string_view otherwise) {
    return t ? human_time(*t) : std::string(otherwise);
}

constexpr std::array fields{
    // The incident
    TemplateField{"ID", the_incident, "`INC-7`",
                  [](const DocumentFacts& f) { return f.incident.id(); }},
    TemplateField{"TITLE", the_incident, "the incident's title",
                  [](const DocumentFacts& f) { return markdown_line(f.incident.title); }},
    TemplateField{
        "SEVERITY", the_incident, "`SEV1` … `SEV4`",
        [](const DocumentFacts& f) { return std::string(core::to_string(f.incident.severity)); }},
    TemplateField{
        "STATE", the_incident, "`active`, `resolved`, `closed`, `archived`",
        [](const DocumentFacts& f) { return std::string(core::to_string(f.incident.state)); }},
    TemplateField{"TEAM", the_incident, "the team's name; `default` for the default team",
                  [](const DocumentFacts& f) -> std::string {
                      return f.incident.team.empty() ? "default" : markdown_line(f.incident.team);
                  }},
    TemplateField{"TIMEZONE", the_incident, "`UTC`",
                  [](const DocumentFacts& f) { return f.options.timezone; }},
    TemplateField{"KEY_EVENT_EMOJI", the_incident, "`:pushpin:`: the emoji that marks key events",
                  [](const DocumentFacts& f) { return ":" + f.options.key_event_emoji + ":"; }},
    TemplateField{"ENTRY_COUNT", the_incident, "how many entries the record holds",
                  [](const DocumentFacts& f) { return std::to_string(f.entry_count); }},

    // The channel
    TemplateField{"CHANNEL_NAME", the_channel, "`inc-20261124-checkout-latency` (no `#`)",
                  [](const DocumentFacts& f) { return markdown_line(f.incident.channel_name); }},
    TemplateField{"CHANNEL_ID", the_channel, "`C0123ABC`",
                  [](const DocumentFacts& f) { return markdown_line(f.incident.channel_id); }},
    TemplateField{"CHANNEL_URL", the_channel,
                  "the channel's URL: its log in Slack; `\"\"` if unknown", channel_url},
    TemplateField{"CHANNEL_LINK", the_channel,
                  "`[#name](url)`, or `#name` when there is no URL; the channel id, or `no channel "
                  "yet`, instead of `#name` while the channel has no name",
                  [](const DocumentFacts& f) {
                      const std::string url = channel_url(f);
                      const std::string text = channel_text(f.incident);
                      return url.empty() ? text : markdown_link(text, url);
                  }},
    TemplateField{"CHANNEL_LINKED", the_channel, "*condition*: the channel has a URL",
                  [](const DocumentFacts& f) { return !channel_url(f).empty(); }},

    // Times and people
    TemplateField{"DECLARED_AT", times_and_people, "when it was declared",
                  [](const DocumentFacts& f) { return human_time(f.incident.declared_at); }},
    TemplateField{"DECLARED_BY", times_and_people, "who declared it, by display name",
                  [](const DocumentFacts& f) { return person(f.incident.declared_by); }},
    TemplateField{"DECLARED_BY_ID", times_and_people, "their Slack user id",
                  [](const DocumentFacts& f) { return markdown_line(f.incident.declared_by.id); }},
    TemplateField{
        "RESOLVED_AT", times_and_people, "when it was resolved, or `not resolved`",
        [](const DocumentFacts& f) { return time_or(f.incident.resolved_at, "not resolved"); }},
    TemplateField{"RESOLVED", times_and_people, "*condition*: it has been resolved",
                  [](const DocumentFacts& f) { return f.incident.resolved_at.has_value(); }},
    TemplateField{"NOT_RESOLVED", times_and_people, "*condition*: it has not been resolved",
                  [](const DocumentFacts& f) { return !f.incident.resolved_at.has_value(); }},
    TemplateField{
        "CLOSED_AT", times_and_people, "when it was closed, or `not closed`",
        [](const DocumentFacts& f) { return time_or(f.incident.closed_at, "not closed"); }},
    TemplateField{"CLOSED", times_and_people, "*condition*: it has been closed",
                  [](const DocumentFacts& f) { return f.incident.closed_at.has_value(); }},
    TemplateField{"NOT_CLOSED", times_and_people, "*condition*: it has not been closed",
                  [](const DocumentFacts& f) { return !f.incident.closed_at.has_value(); }},
    TemplateField{
        "ARCHIVED_AT", times_and_people, "when its channel was archived, or `not archived`",
        [](const DocumentFacts& f) { return time_or(f.incident.archived_at, "not archived"); }},
    TemplateField{"ARCHIVED", times_and_people, "*condition*: the channel is archived",
                  [](const DocumentFacts& f) { return f.incident.archived_at.has_value(); }},
    TemplateField{"DURATION", times_and_people,
                  "declared to resolved (to closed if never resolved), e.g. `1h 30m`; `ongoing`",
                  [](const DocumentFacts& f) -> std::string {
                      const core::Incident& i = f.incident;
                      const std::optional<core::Time> end =
                          i.resolved_at ? i.resolved_at : i.closed_at;
                      if (!end) return "ongoing";
                      return core::format_duration(
                          std::chrono::floor<std::chrono::seconds>(*end - i.declared_at));
                  }},
    TemplateField{"COMMANDER", times_and_people,
                  "the commander's name, or `unassigned` when there is none",
                  [](const DocumentFacts& f) -> std::string {
                      const Actor* c = commander(f.incident);
                      return c ? person(*c) : "unassigned";
                  }},
    TemplateField{"COMMANDER_ID", times_and_people, "the commander's Slack user id, or `\"\"`",
                  [](const DocumentFacts& f) -> std::string {
                      const Actor* c = commander(f.incident);
                      return c ? markdown_line(c->id) : std::string{};
                  }},
    TemplateField{"ROLE", times_and_people,
                  "*repeated* for each assigned role, in the order commander, comms, scribe",
                  fill::EachRole{}},
    TemplateField{"ROLE_NAME", times_and_people,
                  "inside `{{#ROLE}}`: `commander`, `comms` or `scribe`",
                  [](Role role, const Actor&) { return std::string(core::to_string(role)); }},
    TemplateField{"ROLE_HOLDER", times_and_people, "inside `{{#ROLE}}`: the holder's display name",
                  [](Role, const Actor& holder) { return person(holder); }},
    TemplateField{"ROLE_HOLDER_ID", times_and_people,
                  "inside `{{#ROLE}}`: the holder's Slack user id",
                  [](Role, const Actor& holder) { return markdown_line(holder.id); }},
    TemplateField{"NO_ROLES", times_and_people, "*condition*: no role is assigned",
                  [](const DocumentFacts& f) { return f.incident.roles.empty(); }},

    // Entries: the lists, in Slack ts order, and what each entry in them shows
    TemplateField{"ENTRY", entries, "*repeated* for every entry of the record",
                  [](const DocumentFacts&, const Entry&) { return true; }},
    TemplateField{"NO_ENTRY", entries, "*condition*: the record has no entry",
                  fill::NoneIn{"ENTRY"}},
    TemplateField{"KEY_EVENT", entries,
                  "*repeated* for every key event: pinned, reacted to with the key-event emoji, "
                  "or a typed fact",
                  [](const DocumentFacts& f, const Entry& e) { return f.key_events.contains(&e); }},
    TemplateField{"NO_KEY_EVENT", entries, "*condition*: there is no key event",
                  fill::NoneIn{"KEY_EVENT"}},
    TemplateField{"IMPACT", entries, "*repeated* for every `/incident impact` entry",
                  [](const DocumentFacts&, const Entry& e) { return e.kind == EntryKind::impact; }},
    TemplateField{"NO_IMPACT", entries, "*condition*: there is no `impact` entry",
                  fill::NoneIn{"IMPACT"}},
    TemplateField{"SYSTEM", entries, "*repeated* for every `/incident system` entry",
                  [](const DocumentFacts&, const Entry& e) { return e.kind == EntryKind::system; }},
    TemplateField{"NO_SYSTEM", entries, "*condition*: there is no `system` entry",
                  fill::NoneIn{"SYSTEM"}},
    TemplateField{"ACTION", entries, "*repeated* for every `/incident action` entry",
                  [](const DocumentFacts&, const Entry& e) { return e.kind == EntryKind::action; }},
    TemplateField{"NO_ACTION", entries, "*condition*: there is no `action` entry",
                  fill::NoneIn{"ACTION"}},
    TemplateField{"NOTE", entries, "*repeated* for every `/incident note` entry",
                  [](const DocumentFacts&, const Entry& e) { return e.kind == EntryKind::note; }},
    TemplateField{"NO_NOTE", entries, "*condition*: there is no `note` entry",
                  fill::NoneIn{"NOTE"}},
    TemplateField{"ENTRY_SEQ", entries, "1, 2, … in the order entries were recorded",
                  [](const Entry& e) { return std::to_string(e.seq); }},
    TemplateField{"ENTRY_TS", entries, "the Slack ts, `1764000000.000100`",
                  [](const Entry& e) { return markdown_line(e.ts); }},
    TemplateField{"ENTRY_TIME", entries, "when it was said or done (from the ts), with seconds",
                  [](const Entry& e) {
                      return human_time(core::slack_ts_to_time(e.ts).value_or(e.at), true);
                  }},
    // Fixed words from the product's list of kinds: nothing to escape.
    TemplateField{"ENTRY_KIND", entries,
                  "`message`, `impact`, … (the [entry kinds](export-format.md#entry-kinds) of the "
                  "JSON export)",
                  [](const Entry& e) { return std::string(core::to_string(e.kind)); }},
    TemplateField{"ENTRY_ACTOR", entries, "who, by display name at the time",
                  [](const Entry& e) { return person(e.actor); }},
    TemplateField{"ENTRY_ACTOR_ID", entries, "their Slack user id",
                  [](const Entry& e) { return markdown_line(e.actor.id); }},
    TemplateField{"ENTRY_TEXT", entries,
                  "the text; line breaks kept as hard breaks; a message's attachments (and "
                  "quotes) as a block quote below it, indented two spaces so that it stays inside "
                  "a `- ` list item, an attachment's fields as a list",
                  [](const Entry& e) { return entry_text_markdown(e.text); }},
    TemplateField{"ENTRY_PERMALINK", entries, "the message's permalink URL, or `\"\"`",
                  [](const Entry& e) { return link_destination(e.permalink); }},
    TemplateField{"ENTRY_LINK", entries, "`[permalink](url)`, or `\"\"`",
                  [](const Entry& e) {
                      const std::string url = link_destination(e.permalink);
                      return url.empty() ? url : markdown_link("permalink", url);
                  }},
    TemplateField{"ENTRY_LINKED", entries, "*condition*: the entry has a permalink",
                  [](const Entry& e) { return !link_destination(e.permalink).empty(); }},
    TemplateField{"ENTRY_KEY", entries, "*condition*: the entry is a key event",
                  [](const Entry& e) { return e.key_event; }},
    TemplateField{"ENTRY_IN_THREAD", entries, "*condition*: a reply in a thread",
                  [](const Entry& e) { return e.thread_ts.has_value(); }},
    // A reply sent to the channel too is recorded as a message that keeps its thread.
    TemplateField{
        "ENTRY_IN_CHANNEL_TOO", entries,
        "*condition*: a reply also sent to the channel (a `message` entry that keeps "
        "its `thread_ts`)",
        [](const Entry& e) { return e.kind == EntryKind::message && e.thread_ts.has_value(); }},
    TemplateField{"ENTRY_THREAD_TS", entries, "the thread's parent ts, or `\"\"`",
                  [](const Entry& e) { return markdown_line(e.thread_ts.value_or("")); }},
    TemplateField{"ENTRY_REFERS_TO", entries,
                  "the ts an edit, deletion, reaction or pin is about, or `\"\"`",
                  [](const Entry& e) { return markdown_line(e.refers_to.value_or("")); }},

    // Links between the two documents
    TemplateField{"RECORD_URL", links,
                  "where the incident record lives (the incident thread in Slack), or `\"\"` "
                  "(e.g. from the command line)",
                  record_url},
    TemplateField{
        "RECORD_LINK", links, "`[incident record](url)`, or a sentence saying how to export it",
        [](const DocumentFacts& f) {
            const std::string url = record_url(f);
            return url.empty() ? "the incident record (`incidentd export " + f.incident.id() + "`)"
                               : markdown_link("incident record", url);
        }},
    TemplateField{"RECORD_LINKED", links, "*condition*: the record has a URL",
                  [](const DocumentFacts& f) { return !record_url(f).empty(); }},
    TemplateField{"RECORD_UNLINKED", links, "*condition*: the record has no URL",
                  [](const DocumentFacts& f) { return record_url(f).empty(); }},
    TemplateField{"POSTMORTEM_DUE", links,
                  "the due date: the tracked one, else close + the due period; `7d after close` "
                  "before close",
                  [](const DocumentFacts& f) {
                      const core::Incident& i = f.incident;
                      std::optional<core::Time> due = i.postmortem.due_at;
                      if (!due && i.closed_at) due = *i.closed_at + f.options.postmortem_due;
                      return due ? human_time(*due) : due_period(f) + " after close";
                  }},
    TemplateField{"POSTMORTEM_DUE_PERIOD", links, "`7d` (`postmortem_due`)", due_period},
    TemplateField{"POSTMORTEM_URL", links,
                  "where the final postmortem lives (`/incident postmortem link <url>`), or `\"\"`",
                  postmortem_url},
    TemplateField{"POSTMORTEM_LINK", links, "`[postmortem](url)`, or `\"\"`",
                  [](const DocumentFacts& f) {
                      const std::string url = postmortem_url(f);
                      return url.empty() ? url : markdown_link("postmortem", url);
                  }},
    TemplateField{"POSTMORTEM_STATUS", links,
                  "`done`, `in progress` (link recorded), `draft` (closed) or `not started`",
                  [](const DocumentFacts& f) -> std::string {
                      const core::Incident& i = f.incident;
                      if (i.postmortem.done) return "done";
                      if (!postmortem_url(f).empty()) return "in progress";
                      return i.closed_at ? "draft" : "not started";
                  }},
    TemplateField{"POSTMORTEM_LINKED", links, "*condition*: its URL has been recorded",
                  [](const DocumentFacts& f) { return !postmortem_url(f).empty(); }},
    TemplateField{"POSTMORTEM_UNLINKED", links, "*condition*: its URL has not been recorded",
                  [](const DocumentFacts& f) { return postmortem_url(f).empty(); }},

    // The seal: the latest one when the document was made (at close, the close seal)
    TemplateField{"SEALED", the_seal, "*condition*: the record has a seal",
                  [](const DocumentFacts& f) { return f.seal != nullptr; }},
    TemplateField{"NOT_SEALED", the_seal, "*condition*: the record has no seal",
                  [](const DocumentFacts& f) { return f.seal == nullptr; }},
    TemplateField{"SEAL_NUMBER", the_seal, "1, 2, … within the incident",
                  [](const DocumentFacts& f) {
                      return of_seal(f,
                                     [](const core::Seal& s) { return std::to_string(s.number); });
                  }},
    TemplateField{"SEAL_ENTRIES", the_seal,
                  "how many entries of the chain it covers (`header` entries included, so it "
                  "can exceed `ENTRY_COUNT`)",
                  [](const DocumentFacts& f) {
                      return of_seal(f,
                                     [](const core::Seal& s) { return std::to_string(s.entries); });
                  }},
    TemplateField{"SEAL_AT", the_seal, "when it was signed",
                  [](const DocumentFacts& f) {
                      return of_seal(f, [](const core::Seal& s) { return human_time(s.at); });
                  }},
    TemplateField{"SEAL_KEY_ID", the_seal, "the 16 hex digits naming the key that signed it",
                  [](const DocumentFacts& f) {
                      return of_seal(f,
                                     [](const core::Seal& s) { return markdown_line(s.key_id); });
                  }},
    TemplateField{"SEAL", the_seal,
                  "the whole seal as a code span, as in the incident thread: "
                  "`` `incidentd-seal-v1 INC-7 2 42 <hash> <time> <key id> <signature>` ``; "
                  "escaped text instead when the stored seal is malformed",
                  [](const DocumentFacts& f) { return of_seal(f, seal_text); }},
};

constexpr bool is_list(std::string_view name) {
    for (const TemplateField& f : fields)
        if (f.name == name) return std::holds_alternative<fill::Lists>(f.fill);
    return false;
}

constexpr bool every_empty_section_mirrors_a_list() {
    for (const TemplateField& f : fields)
        if (const auto* none = std::get_if<fill::NoneIn>(&f.fill); none && !is_list(none->list))
            return false;
    return true;
}
static_assert(every_empty_section_mirrors_a_list(), "a NoneIn must name a Lists field");

constexpr bool names_are_unique() {
    for (std::size_t i = 0; i < fields.size(); ++i)
        for (std::size_t j = i + 1; j < fields.size(); ++j)
            if (fields[i].name == fields[j].name) return false;
    return true;
}
static_assert(names_are_unique(), "two template fields share a name");

}  // namespace

std::span<const TemplateField> template_fields() {
    return fields;
}

}  // namespace incidentd::render
