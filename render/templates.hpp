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
//
// | field                 | where              | value                                              |
// |-----------------------|--------------------|----------------------------------------------------|
// | ID                    | anywhere           | "INC-7"                                            |
// | TITLE                 | anywhere           | the incident's title                               |
// | SEVERITY              | anywhere           | "SEV1" … "SEV4"                                    |
// | STATE                 | anywhere           | "active", "resolved", "closed", "archived"         |
// | TEAM                  | anywhere           | the team's name, "default" for the default team    |
// | CHANNEL_NAME          | anywhere           | "inc-20261124-checkout-latency" (no "#")           |
// | CHANNEL_ID            | anywhere           | "C0123ABC"                                         |
// | CHANNEL_URL           | anywhere           | the channel's URL: its log in Slack                |
// | CHANNEL_LINK          | anywhere           | "[#name](url)", or "#name" when there is no URL    |
// | #CHANNEL_LINKED       | anywhere           | shown when the channel has a URL                   |
// | DECLARED_AT           | anywhere           | when it was declared                               |
// | DECLARED_BY           | anywhere           | who declared it (display name)                     |
// | DECLARED_BY_ID        | anywhere           | their Slack user id                                |
// | RESOLVED_AT           | anywhere           | when it was resolved, or "not resolved"            |
// | #RESOLVED             | anywhere           | shown once it has been resolved                    |
// | #NOT_RESOLVED         | anywhere           | shown while it has not                             |
// | CLOSED_AT             | anywhere           | when it was closed, or "not closed"                |
// | #CLOSED               | anywhere           | shown once it has been closed                      |
// | #NOT_CLOSED           | anywhere           | shown while it has not                             |
// | ARCHIVED_AT           | anywhere           | when its channel was archived, or "not archived"   |
// | #ARCHIVED             | anywhere           | shown once archived                                |
// | DURATION              | anywhere           | declared to resolved (to closed if never resolved) |
// |                       |                    | as "1h 30m", or "ongoing"                          |
// | TIMEZONE              | anywhere           | "UTC"                                              |
// | COMMANDER             | anywhere           | the commander's name, or "unassigned"              |
// | COMMANDER_ID          | anywhere           | their Slack user id, or ""                         |
// | #ROLE                 | anywhere           | repeated for each assigned role                    |
// | ROLE_NAME             | in ROLE            | "commander", "comms", "scribe"                     |
// | ROLE_HOLDER           | in ROLE            | the holder's display name                          |
// | ROLE_HOLDER_ID        | in ROLE            | the holder's Slack user id                         |
// | #NO_ROLES             | anywhere           | shown when no role is assigned                     |
// | KEY_EVENT_EMOJI       | anywhere           | ":pushpin:", the emoji that marks key events       |
// | ENTRY_COUNT           | anywhere           | how many entries the record holds                  |
// | #ENTRY                | anywhere           | repeated for every entry, in Slack ts order        |
// | #NO_ENTRY             | anywhere           | shown when the record is empty                     |
// | #KEY_EVENT            | anywhere           | repeated for every key event (pinned, reacted with |
// |                       |                    | the key-event emoji, or a typed fact), ts order    |
// | #NO_KEY_EVENT         | anywhere           | shown when there is none                           |
// | #IMPACT               | anywhere           | repeated for every `impact` entry, ts order        |
// | #NO_IMPACT            | anywhere           | shown when there is none                           |
// | #SYSTEM               | anywhere           | repeated for every `system` entry                  |
// | #NO_SYSTEM            | anywhere           | shown when there is none                           |
// | #ACTION               | anywhere           | repeated for every `action` entry                  |
// | #NO_ACTION            | anywhere           | shown when there is none                           |
// | #NOTE                 | anywhere           | repeated for every `note` entry                    |
// | #NO_NOTE              | anywhere           | shown when there is none                           |
// | ENTRY_SEQ             | in an entry section| 1, 2, … in the order entries were recorded         |
// | ENTRY_TS              | in an entry section| the Slack ts, "1764000000.000100"                  |
// | ENTRY_TIME            | in an entry section| when it was said or done (from ts), with seconds   |
// | ENTRY_KIND            | in an entry section| "message", "impact", … (product.md's entry kinds)  |
// | ENTRY_ACTOR           | in an entry section| who, by display name at the time                   |
// | ENTRY_ACTOR_ID        | in an entry section| their Slack user id                                |
// | ENTRY_TEXT            | in an entry section| the text; line breaks kept as hard breaks; quoted  |
// |                       |                    | lines (attachments) as a block quote below, two    |
// |                       |                    | spaces in, to stay inside a "- " list item         |
// | ENTRY_PERMALINK       | in an entry section| the message's permalink URL, or ""                 |
// | ENTRY_LINK            | in an entry section| "[permalink](url)", or "" when there is none       |
// | #ENTRY_LINKED         | in an entry section| shown when the entry has a permalink               |
// | #ENTRY_KEY            | in an entry section| shown when the entry is a key event                |
// | #ENTRY_IN_THREAD      | in an entry section| shown for a reply in a thread                      |
// | #ENTRY_IN_CHANNEL_TOO | in an entry section| shown for a reply also sent to the channel         |
// | ENTRY_THREAD_TS       | in an entry section| the thread's parent ts, or ""                      |
// | ENTRY_REFERS_TO       | in an entry section| ts an edit, deletion, reaction or pin is about, "" |
// | RECORD_URL            | anywhere           | where the incident record lives, or ""             |
// | RECORD_LINK           | anywhere           | "[incident record](url)", or a sentence saying how |
// |                       |                    | to export it when there is no URL                  |
// | #RECORD_LINKED        | anywhere           | shown when the record has a URL                    |
// | #RECORD_UNLINKED      | anywhere           | shown when it has none                             |
// | POSTMORTEM_DUE        | anywhere           | the postmortem's due date: the tracked one, else   |
// |                       |                    | close + due period; "7d after close" before close  |
// | POSTMORTEM_DUE_PERIOD | anywhere           | "7d"                                               |
// | POSTMORTEM_URL        | anywhere           | where the final postmortem lives, or ""            |
// | POSTMORTEM_LINK       | anywhere           | "[postmortem](url)", or "" when not yet recorded   |
// | POSTMORTEM_STATUS     | anywhere           | "done", "in progress" (link recorded), "draft"     |
// |                       |                    | (closed) or "not started"                          |
// | #POSTMORTEM_LINKED    | anywhere           | shown when its URL has been recorded               |
// | #POSTMORTEM_UNLINKED  | anywhere           | shown when it has not                              |
//
// The entry sections are ENTRY, KEY_EVENT, IMPACT, SYSTEM, ACTION and NOTE.

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
