// Answers to `status`, `timeline` and `list`.
#include "core/reports.hpp"

#include <chrono>

#include "core/text_escape.hpp"
#include "core/topic.hpp"
#include "core/user_text.hpp"

namespace incidentd::core {
namespace {

constexpr std::size_t max_timeline_text = 150;  // code points of each entry's text shown

std::string ago(Time then, Time now) {
    return format_duration(std::chrono::duration_cast<std::chrono::seconds>(now - then)) + " ago";
}

std::string when(Time then, Time now) {
    return to_iso8601(then) + " (" + ago(then, now) + ")";
}

std::string person(const Actor& who) {
    return who.id.empty() ? escape_mrkdwn(who.name) : "<@" + escape_mrkdwn(who.id) + ">";
}

std::string postmortem_status(const Incident& incident, Time now) {
    const Postmortem& pm = incident.postmortem;
    if (pm.done) return "done" + (pm.url ? " — " + escape_mrkdwn(*pm.url) : std::string());
    std::string out;
    if (pm.due_at) out = (*pm.due_at < now ? "overdue since " : "due ") + to_iso8601(*pm.due_at);
    if (pm.url) out += (out.empty() ? "" : " — ") + escape_mrkdwn(*pm.url);
    return out;
}

}  // namespace

std::string status_report(const Incident& incident, Time now) {
    std::string out = status_line(incident) + "\n";
    out += "*Declared:* " + when(incident.declared_at, now) + " by " +
           person(incident.declared_by) + "\n";
    if (incident.resolved_at) out += "*Resolved:* " + when(*incident.resolved_at, now) + "\n";
    if (incident.closed_at) out += "*Closed:* " + when(*incident.closed_at, now) + "\n";
    for (Role role : all_roles) {
        auto holder = incident.roles.find(role);
        out += "*" + std::string(to_string(role)) + ":* " +
               (holder == incident.roles.end() ? "unassigned" : person(holder->second)) + "\n";
    }
    if (!incident.team.empty()) out += "*Team:* " + escape_mrkdwn(incident.team) + "\n";
    if (!incident.channel_url.empty())
        out += "*Channel:* " + escape_mrkdwn(incident.channel_url) + "\n";
    if (std::string pm = postmortem_status(incident, now); !pm.empty())
        out += "*Postmortem:* " + pm + "\n";
    out.pop_back();
    return out;
}

std::string timeline_report(const Incident& incident, std::span<const Entry> entries) {
    if (entries.empty()) return "*" + incident.id() + "* has no entries in its record yet.";
    const std::size_t first =
        entries.size() > timeline_length ? entries.size() - timeline_length : 0;
    const std::size_t shown = entries.size() - first;
    std::string out = "*" + incident.id() + "* — " +
                      (first == 0 ? "all " + std::to_string(shown) + " entries:"
                                  : "the last " + std::to_string(shown) + " of " +
                                        std::to_string(entries.size()) + " entries:");
    for (const Entry& e : entries.subspan(first)) {
        out += "\n• " + to_iso8601(e.at) + " " + person(e.actor) + " _" +
               std::string(to_string(e.kind)) + "_";
        // Message texts are mrkdwn as Slack sent them: mentions kept, the rest shown as typed.
        if (!e.text.empty())
            out += ": " + user_mrkdwn(truncate_utf8(e.text, max_timeline_text, "…"));
    }
    return out;
}

std::string list_report(std::span<const Incident> incidents, Time now) {
    std::string open;
    std::string due;
    for (const Incident& incident : incidents) {
        if (is_open(incident.state)) {
            open += "\n• " + status_line(incident);
        } else if (!incident.postmortem.done && incident.postmortem.due_at) {
            due += "\n• *" + incident.id() + "* " + escape_mrkdwn(incident.title) + " — " +
                   postmortem_status(incident, now);
        }
    }
    std::string out = open.empty() ? "No open incidents." : "*Open incidents*" + open;
    if (!due.empty()) out += "\n*Postmortems due*" + due;
    return out;
}

}  // namespace incidentd::core
