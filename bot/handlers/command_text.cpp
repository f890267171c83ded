// Commands written back as the text of the `/incident` command that means them.
#include "bot/handlers/command_text.hpp"

#include <string_view>

#include "core/overloaded.hpp"
#include "core/text_escape.hpp"

namespace incidentd::bot {
namespace {

std::string with_argument(std::string_view subcommand, std::string_view argument) {
    std::string out(subcommand);
    if (!argument.empty()) out += " " + std::string(argument);
    return out;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

std::string mention(const core::UserMention& user) {
    return "<@" + user.id + (user.name.empty() ? "" : "|" + user.name) + ">";
}

}  // namespace

std::string command_text(const core::Command& command) {
    return std::visit(
        core::overloaded{
            [](const core::Declare& d) {
                std::string out = "declare";
                if (d.severity) out += " " + lower(core::to_string(*d.severity));
                if (d.team) out += " --team " + *d.team;
                if (!d.title.empty()) out += " " + core::escape_mrkdwn(d.title);
                return out;
            },
            [](const core::ShowStatus&) { return std::string("status"); },
            [](const core::PostUpdate& u) { return with_argument("update", u.text); },
            [](const core::SetSeverity& s) {
                return "sev " + std::to_string(static_cast<int>(s.severity));
            },
            [](const core::AssignRole& r) {
                return "role " + std::string(core::to_string(r.role)) + " " + mention(r.user);
            },
            [](const core::AddFact& f) { return with_argument(core::to_string(f.kind), f.text); },
            [](const core::Resolve& r) { return with_argument("resolve", r.summary); },
            [](const core::Close&) { return std::string("close"); },
            [](const core::Reopen&) { return std::string("reopen"); },
            [](const core::RepostPostmortem&) { return std::string("postmortem"); },
            [](const core::LinkPostmortem& l) {
                return "postmortem link " + core::escape_mrkdwn(l.url);
            },
            [](const core::MarkPostmortemDone&) { return std::string("postmortem done"); },
            [](const core::ShowTimeline&) { return std::string("timeline"); },
            [](const core::ListIncidents&) { return std::string("list"); },
            [](const core::ShowHelp& h) { return with_argument("help", h.topic); },
        },
        command);
}

}  // namespace incidentd::bot
