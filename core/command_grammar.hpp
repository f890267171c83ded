// The `/incident` command language: the text Slack sends after the command, parsed into a typed
// command or a usage error that says what was wrong and shows the subcommand's usage line.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/entry.hpp"
#include "core/role.hpp"
#include "core/severity.hpp"

namespace incidentd::core {

inline constexpr std::size_t max_title_code_points = 200;  // titles end up in topics and headers
inline constexpr std::size_t max_text_code_points = 3000;  // a Block Kit section holds 3000

// A person as Slack escapes a mention in command text: <@U123|name> or <@U123>.
struct UserMention {
    std::string id;    // "U123" or "W123"
    std::string name;  // the name Slack put after '|', or "" when it sent none
    bool operator==(const UserMention&) const = default;
};

// Free text (update, facts, resolve summary) is kept exactly as Slack sent it: trimmed, inner
// whitespace and Slack markup (<@U1|a>, <#C1|b>, &amp;) intact, ready to be posted back as mrkdwn.
// A title is plain text instead: surrounding quotes removed, whitespace runs collapsed to one
// space, Slack's &amp; &lt; &gt; decoded (markup such as <#C1|b> stays), because it names a
// channel and heads documents; escape it again wherever it goes into mrkdwn.

// `declare` with no title opens the declare modal, pre-filled with the severity and team given.
struct Declare {
    std::optional<Severity> severity;
    std::optional<std::string> team;  // lower-cased, as config keys teams
    std::string title;
    // Only from the declare modal: what is known so far, and people to invite besides the
    // declarer and the configured responders.
    std::string description;
    std::vector<std::string> responders;  // user ids
    bool opens_modal() const { return title.empty(); }
    bool operator==(const Declare&) const = default;
};
struct ShowStatus {
    bool operator==(const ShowStatus&) const = default;
};
struct PostUpdate {
    std::string text;
    bool operator==(const PostUpdate&) const = default;
};
struct SetSeverity {
    Severity severity = Severity::sev3;
    bool operator==(const SetSeverity&) const = default;
};
struct AssignRole {
    Role role = Role::commander;
    UserMention user;
    bool operator==(const AssignRole&) const = default;
};
// A typed fact for the record: kind is impact, system, action or note.
struct AddFact {
    EntryKind kind = EntryKind::note;
    std::string text;
    bool operator==(const AddFact&) const = default;
};
struct Resolve {
    std::string summary;  // may be empty
    bool operator==(const Resolve&) const = default;
};
struct Close {
    bool operator==(const Close&) const = default;
};
struct Reopen {
    bool operator==(const Reopen&) const = default;
};
struct RepostPostmortem {
    bool operator==(const RepostPostmortem&) const = default;
};
struct LinkPostmortem {
    std::string url;  // http(s), unwrapped from Slack's <url|label> and with &amp; decoded
    bool operator==(const LinkPostmortem&) const = default;
};
struct MarkPostmortemDone {
    bool operator==(const MarkPostmortemDone&) const = default;
};
struct ShowTimeline {
    bool operator==(const ShowTimeline&) const = default;
};
struct ListIncidents {
    bool operator==(const ListIncidents&) const = default;
};
struct ShowHelp {
    std::string topic;  // a subcommand name for `help <subcommand>`, or "" for everything
    bool operator==(const ShowHelp&) const = default;
};

using Command = std::variant<Declare, ShowStatus, PostUpdate, SetSeverity, AssignRole, AddFact,
                             Resolve, Close, Reopen, RepostPostmortem, LinkPostmortem,
                             MarkPostmortemDone, ShowTimeline, ListIncidents, ShowHelp>;

// Plain text, like help_text() and the usage table: escape it (core::escape_mrkdwn) before
// posting it to Slack, where "<@user>" and quoted input such as "<!channel>" would be markup.
struct UsageError {
    std::string message;  // what was wrong and what to do, quoting the input in backticks
    std::string usage;    // "Usage: /incident sev <1-4>", or the general usage line
    bool operator==(const UsageError&) const = default;
};

using ParseResult = std::variant<Command, UsageError>;

ParseResult parse_command(std::string_view text);

// The subcommand a command came from ("declare", "sev", "postmortem", …), for logs and records.
std::string_view subcommand_name(const Command& command);

// False only for the commands that work anywhere: declare, list and help.
bool needs_incident_channel(const Command& command);

// One row of the usage table that `help` shows.
struct SubcommandUsage {
    std::string_view name;     // "role"
    std::string_view usage;    // "/incident role <commander|comms|scribe> <@user>"
    std::string_view summary;  // "assign a role and invite the person"
};
std::span<const SubcommandUsage> subcommand_usages();

// Every subcommand, one line each: "`/incident sev <1-4>` — change the severity".
std::string help_text();
// "Usage: /incident sev <1-4>" for a known subcommand name (case-insensitive).
std::optional<std::string> usage_line(std::string_view subcommand);

}  // namespace incidentd::core
