// The pinned summary message: Block Kit built from the incident as it is now.
#include "bot/ui/summary_message.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <vector>

#include "bot/ui/block_ids.hpp"
#include "bot/ui/block_kit.hpp"
#include "core/lifecycle.hpp"
#include "core/role.hpp"
#include "core/text_escape.hpp"
#include "core/time.hpp"
#include "core/topic.hpp"
#include "core/utf8.hpp"

namespace incidentd::bot {
namespace {

// Block Kit's limits, in characters (Slack's Block Kit reference; emulator/block_kit_check.cpp enforces the same).
constexpr std::size_t max_header_text = 150;
constexpr std::size_t max_field_text = 2000;
constexpr std::size_t max_fields_per_section = 10;
constexpr std::size_t max_context_text = 3000;
constexpr std::size_t max_button_text = 75;
constexpr std::size_t max_button_value = 2000;
constexpr std::size_t max_confirm_title = 100;
constexpr std::size_t max_confirm_text = 300;
constexpr std::size_t max_confirm_button = 30;

// Keeps the fallback text (status_line) readable and far below 4,000 characters even when every
// character of the title is escaped into five.
constexpr std::size_t max_fallback_title = 500;

constexpr std::string_view separator = " · ";
constexpr std::string_view thread_note = "Reply in this thread: it is the incident thread.";

// A field's bold label over its value, the layout Slack's own apps use for facts.
std::string field(std::string_view label, std::string_view value) {
    return "*" + std::string(label) + "*\n" + std::string(value);
}

// A link Slack will not misread: only web URLs, with & < > escaped and "|" (which would end the
// target and start the label) percent-encoded, as a browser would send it anyway.
std::string postmortem_link(std::string_view url) {
    if (!url.starts_with("https://") && !url.starts_with("http://")) return "";
    std::string target;
    for (char c : url) {
        if (static_cast<unsigned char>(c) <= ' ') return "";
        if (c == '|') {
            target += "%7C";
        } else {
            target += c;
        }
    }
    return "<" + core::escape_mrkdwn(target) + "|Postmortem>";
}

std::string postmortem_status(const core::Postmortem& pm, core::Time now) {
    std::vector<std::string> parts;
    if (pm.done) {
        parts.push_back("done");
    } else if (pm.due_at) {
        parts.push_back((*pm.due_at < now ? "overdue since " : "due ") + slack_date(*pm.due_at));
    }
    if (pm.url) parts.push_back(postmortem_link(*pm.url));
    std::string out;
    for (const std::string& part : parts) {
        if (part.empty()) continue;
        out += (out.empty() ? "" : std::string(separator)) + part;
    }
    return out;
}

std::vector<std::string> fact_fields(const core::Incident& incident, core::Time now) {
    std::vector<std::string> fields;
    fields.push_back(field("Severity", core::to_string(incident.severity)));
    fields.push_back(field("State", core::to_string(incident.state)));
    for (core::Role role : core::all_roles) {
        auto holder = incident.roles.find(role);
        if (holder != incident.roles.end()) {
            fields.push_back(field(role_label(role), person(holder->second)));
        } else if (role == core::Role::commander) {
            fields.push_back(field(role_label(role), "unassigned"));
        }
    }
    fields.push_back(field(
        "Declared", slack_date(incident.declared_at) + " by " + person(incident.declared_by)));
    if (incident.resolved_at)
        fields.push_back(field("Resolved", slack_date(*incident.resolved_at)));
    if (incident.closed_at) fields.push_back(field("Closed", slack_date(*incident.closed_at)));
    if (!incident.team.empty())
        fields.push_back(field("Team", core::escaped_within(incident.team, max_name_code_points)));
    if (std::string pm = postmortem_status(incident.postmortem, now); !pm.empty()) {
        std::string pm_field = field("Postmortem", pm);
        // Only an absurdly long link can overflow the field; the status command still shows it.
        if (core::count_code_points(pm_field) > max_field_text) {
            core::Postmortem without_link = incident.postmortem;
            without_link.url.reset();
            pm_field =
                field("Postmortem", postmortem_status(without_link, now) + std::string(separator) +
                                        "link too long to show here: see `/incident status`");
        }
        fields.push_back(std::move(pm_field));
    }
    return fields;
}

nlohmann::json header_block(const core::Incident& incident, bool& title_cut) {
    const std::string prefix = incident.id() + std::string(separator) +
                               std::string(core::to_string(incident.severity)) +
                               std::string(separator);
    const std::size_t room = max_header_text - core::count_code_points(prefix);
    // plain_text is shown as typed, never parsed for mentions or links: nothing to escape.
    const std::string title = core::truncate_utf8(incident.title, room, "…");
    title_cut = title.size() != incident.title.size();
    return {{"type", "header"},
            {"text", {{"type", "plain_text"}, {"text", prefix + title}, {"emoji", true}}}};
}

// "24 hours", "7 days", "1 hour": a span as people say it; format_duration for the rest.
std::string spoken(std::chrono::seconds span, std::chrono::seconds unit, std::string_view name) {
    if (span % unit != std::chrono::seconds::zero()) return core::format_duration(span);
    const auto count = span / unit;
    return std::to_string(count) + " " + std::string(name) + (count == 1 ? "" : "s");
}

// "in 24 hours", or "right away" when the team archives on close.
std::string archive_delay(std::chrono::seconds archive_after) {
    return archive_after <= std::chrono::seconds::zero()
               ? "right away"
               : "in " + spoken(archive_after, std::chrono::hours{1}, "hour");
}

// Says what closing does before it is done: it cannot be taken back once the channel is archived.
nlohmann::json close_confirmation(const core::Incident& incident, const CloseTerms& terms) {
    const std::string text =
        "The postmortem draft is posted in the incident thread, the channel is archived " +
        archive_delay(terms.archive_after) + " and the postmortem is due in " +
        spoken(terms.postmortem_due, std::chrono::days{1}, "day") + ".";
    return {{"title", plain_text("Close " + incident.id() + "?", max_confirm_title)},
            {"text", plain_text(text, max_confirm_text)},
            {"confirm", plain_text("Close", max_confirm_button)},
            {"deny", plain_text("Cancel", max_confirm_button)},
            {"style", "danger"}};
}

nlohmann::json button(std::string_view action_id, std::string_view text,
                      const core::Incident& incident) {
    nlohmann::json out = {
        {"type", "button"}, {"action_id", action_id}, {"text", plain_text(text, max_button_text)}};
    if (!incident.channel_id.empty())
        out["value"] = core::truncate_utf8(incident.channel_id, max_button_value);
    return out;
}

// What can be done from the summary in the incident's state; an archived incident has no buttons.
std::optional<nlohmann::json> actions_block(const core::Incident& incident,
                                            const CloseTerms& terms) {
    nlohmann::json buttons = nlohmann::json::array();
    if (core::is_open(incident.state)) {
        buttons.push_back(button(block_ids::update_button, "Update status", incident));
        buttons.push_back(button(block_ids::severity_button, "Change severity", incident));
        buttons.push_back(button(block_ids::role_button, "Assign role", incident));
        if (incident.state == core::State::active) {
            nlohmann::json resolve = button(block_ids::resolve_button, "Resolve", incident);
            resolve["style"] = "primary";
            buttons.push_back(std::move(resolve));
        }
        nlohmann::json close = button(block_ids::close_button, "Close", incident);
        close["style"] = "danger";
        close["confirm"] = close_confirmation(incident, terms);
        buttons.push_back(std::move(close));
    } else if (incident.state == core::State::closed) {
        buttons.push_back(button(block_ids::reopen_button, "Reopen", incident));
    }
    if (buttons.empty()) return std::nullopt;
    return nlohmann::json{
        {"type", "actions"}, {"block_id", block_ids::actions_block}, {"elements", buttons}};
}

}  // namespace

SummaryMessage summary_message(const core::Incident& incident, core::Time now,
                               std::string_view record_hint, const CloseTerms& close) {
    nlohmann::json blocks = nlohmann::json::array();
    bool title_cut = false;
    blocks.push_back(header_block(incident, title_cut));
    if (title_cut) {
        const std::string label = "*Title:* ";
        blocks.push_back(
            {{"type", "section"},
             {"text", mrkdwn(label + core::escaped_within(incident.title,
                                                          max_section_text - label.size()))}});
    }

    const std::vector<std::string> facts = fact_fields(incident, now);
    for (std::size_t first = 0; first < facts.size(); first += max_fields_per_section) {
        nlohmann::json fields = nlohmann::json::array();
        for (std::size_t i = first; i < facts.size() && i < first + max_fields_per_section; ++i)
            fields.push_back(mrkdwn(facts[i]));
        blocks.push_back({{"type", "section"}, {"fields", std::move(fields)}});
    }

    if (auto actions = actions_block(incident, close)) blocks.push_back(std::move(*actions));

    nlohmann::json context = nlohmann::json::array();
    if (!record_hint.empty())
        context.push_back(mrkdwn(core::truncate_utf8(record_hint, max_context_text, "…")));
    context.push_back(mrkdwn(std::string(thread_note)));
    blocks.push_back({{"type", "context"}, {"elements", std::move(context)}});

    core::Incident shortened = incident;
    shortened.title = core::truncate_utf8(incident.title, max_fallback_title, "…");
    return SummaryMessage{.text = core::status_line(shortened), .blocks = std::move(blocks)};
}

}  // namespace incidentd::bot
