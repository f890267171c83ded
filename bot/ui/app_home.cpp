// The App Home tab: open incidents and postmortems due, built from the incidents the bot loads.
#include "bot/ui/app_home.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include "bot/ui/block_kit.hpp"
#include "core/lifecycle.hpp"
#include "core/text_escape.hpp"
#include "core/topic.hpp"
#include "slack/workspace.hpp"

namespace incidentd::bot {
namespace {

constexpr std::size_t max_header_text = 150;
constexpr std::size_t max_listed_title = 150;  // code points of a title in a list line
constexpr std::string_view separator = " · ";
constexpr std::string_view mine_mark = ":star: ";

// Ages read in minutes at most: seconds would change on every glance and say nothing.
std::string age(core::Time since, core::Time now) {
    const auto elapsed = std::chrono::floor<std::chrono::seconds>(now - since);
    if (elapsed >= std::chrono::minutes{1})
        return core::format_duration(std::chrono::floor<std::chrono::minutes>(elapsed));
    return core::format_duration(std::max(elapsed, std::chrono::seconds::zero()));
}

// "INC-7", linked to the pinned summary when the workspace and the summary are known.
std::string incident_ref(const core::Incident& incident, std::string_view workspace_url) {
    const std::string link = slack::permalink(slack::Workspace{std::string(workspace_url), "", ""},
                                              incident.channel_id, incident.summary_ts);
    if (link.empty()) return "*" + incident.id() + "*";
    return "<" + core::escape_mrkdwn(link) + "|" + incident.id() + ">";
}

std::string listed_title(const core::Incident& incident) {
    return core::escape_mrkdwn(core::truncate_utf8(incident.title, max_listed_title, "…"));
}

// How the person is part of the incident ("commander", "declared it"), or "" when not at all.
std::string involvement(const core::Incident& incident, std::string_view user_id) {
    if (user_id.empty()) return "";
    std::string roles;
    for (core::Role role : core::all_roles) {
        auto holder = incident.roles.find(role);
        if (holder != incident.roles.end() && holder->second.id == user_id)
            roles += (roles.empty() ? "" : " and ") + std::string(core::to_string(role));
    }
    if (!roles.empty()) return "you are " + roles;
    if (incident.declared_by.id == user_id) return "you declared it";
    return "";
}

const core::Actor& postmortem_owner(const core::Incident& incident) {
    auto commander = incident.roles.find(core::Role::commander);
    return commander != incident.roles.end() ? commander->second : incident.declared_by;
}

std::string open_line(const core::Incident& incident, std::string_view user_id, core::Time now,
                      std::string_view workspace_url) {
    const std::string mine = involvement(incident, user_id);
    auto commander = incident.roles.find(core::Role::commander);
    std::string out =
        (mine.empty() ? "" : std::string(mine_mark)) + "*" +
        std::string(core::to_string(incident.severity)) + "*" + std::string(separator) +
        incident_ref(incident, workspace_url) + std::string(separator) + listed_title(incident) +
        "\n" + std::string(core::to_string(incident.state)) + std::string(separator) +
        age(incident.declared_at, now) + " old" + std::string(separator) + "Commander: " +
        (commander == incident.roles.end() ? "unassigned" : person(commander->second));
    if (!incident.channel_id.empty())
        out += std::string(separator) + "<#" + core::escape_mrkdwn(incident.channel_id) + ">";
    if (!mine.empty()) out += std::string(separator) + "_" + mine + "_";
    return out;
}

std::string due_line(const core::Incident& incident, std::string_view user_id, core::Time now,
                     std::string_view workspace_url) {
    const core::Time due = *incident.postmortem.due_at;
    const core::Actor& owner = postmortem_owner(incident);
    const bool mine = !user_id.empty() && owner.id == user_id;
    std::string out = (mine ? std::string(mine_mark) : "") + incident_ref(incident, workspace_url) +
                      std::string(separator) + listed_title(incident) + "\nDue " + slack_date(due);
    if (due < now) out += " — *overdue by " + age(due, now) + "*";
    out += std::string(separator) + "Owner: " + person(owner);
    if (mine) out += std::string(separator) + "_yours_";
    return out;
}

nlohmann::json header(std::string text) {
    return {{"type", "header"}, {"text", plain_text(text, max_header_text)}};
}

nlohmann::json section(std::string text) {
    return {{"type", "section"}, {"text", mrkdwn(core::truncate_utf8(text, max_section_text))}};
}

nlohmann::json context(std::string text) {
    return {{"type", "context"}, {"elements", nlohmann::json::array({mrkdwn(std::move(text))})}};
}

// One section per line up to max_home_listed, then how many more and where to see them.
void append_list(nlohmann::json& blocks, const std::vector<std::string>& lines,
                 std::string_view empty_note) {
    if (lines.empty()) {
        blocks.push_back(section(std::string(empty_note)));
        return;
    }
    for (std::size_t i = 0; i < lines.size() && i < max_home_listed; ++i)
        blocks.push_back(section(lines[i]));
    if (lines.size() > max_home_listed)
        blocks.push_back(context("…and " + std::to_string(lines.size() - max_home_listed) +
                                 " more: `/incident list`"));
}

}  // namespace

nlohmann::json app_home_view(std::string_view user_id, const std::vector<core::Incident>& incidents,
                             core::Time now, std::string_view workspace_url) {
    std::vector<const core::Incident*> open;
    std::vector<const core::Incident*> due;
    for (const core::Incident& incident : incidents) {
        if (core::is_open(incident.state)) {
            open.push_back(&incident);
        } else if (!incident.postmortem.done && incident.postmortem.due_at) {
            due.push_back(&incident);
        }
    }
    std::ranges::stable_sort(open, [](const core::Incident* a, const core::Incident* b) {
        if (a->severity != b->severity) return a->severity < b->severity;
        return a->declared_at < b->declared_at;
    });
    std::ranges::stable_sort(due, [](const core::Incident* a, const core::Incident* b) {
        return *a->postmortem.due_at < *b->postmortem.due_at;
    });

    std::vector<std::string> open_lines;
    for (const core::Incident* incident : open)
        open_lines.push_back(open_line(*incident, user_id, now, workspace_url));
    std::vector<std::string> due_lines;
    for (const core::Incident* incident : due)
        due_lines.push_back(due_line(*incident, user_id, now, workspace_url));

    nlohmann::json blocks = nlohmann::json::array();
    blocks.push_back(header("Incidents"));
    blocks.push_back(context("As of " + slack_date(now) + ". " + std::string(mine_mark) +
                             "marks the incidents you are part of and the postmortems you own."));
    blocks.push_back(header("Open incidents (" + std::to_string(open.size()) + ")"));
    append_list(blocks, open_lines, "No open incidents.");
    blocks.push_back({{"type", "divider"}});
    blocks.push_back(header("Postmortems due (" + std::to_string(due.size()) + ")"));
    append_list(blocks, due_lines, "No postmortems due.");
    return {{"type", "home"}, {"blocks", std::move(blocks)}};
}

}  // namespace incidentd::bot
