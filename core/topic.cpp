// Topic, status line and announcement texts.
#include "core/topic.hpp"

#include "core/text_escape.hpp"
#include "core/utf8.hpp"

namespace incidentd::core {
namespace {

constexpr std::size_t max_name_code_points = 80;  // Slack display names are at most 80
constexpr std::string_view separator = " · ";

std::string commander_text(const Incident& incident) {
    auto holder = incident.roles.find(Role::commander);
    if (holder == incident.roles.end()) return "Commander: unassigned";
    const Actor& who = holder->second;
    return "Commander: " +
           escaped_within(who.name.empty() ? who.id : who.name, max_name_code_points);
}

// Severity, state and commander: the part of the topic and status line that changes.
std::string vitals(const Incident& incident) {
    return std::string(to_string(incident.severity)) + std::string(separator) +
           std::string(to_string(incident.state)) + std::string(separator) +
           commander_text(incident);
}

std::string channel_reference(const Incident& incident) {
    if (!incident.channel_id.empty()) return "<#" + incident.channel_id + ">";
    return "#" + incident.channel_name;  // not created yet: the name Slack will show
}

std::string headline(const Incident& incident) {
    return "*" + incident.id() + "* " + escape_mrkdwn(incident.title);
}

}  // namespace

std::string escaped_within(std::string_view text, std::size_t max_code_points) {
    std::string whole = escape_mrkdwn(text);
    if (count_code_points(whole) <= max_code_points) return whole;
    // Escaping lengthens text, so cut the raw text, then escape; keep one place for the marker.
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < text.size();) {
        auto cp = decode_utf8(text, i);
        const std::size_t length = cp ? cp->length : 1;
        const std::string piece = escape_mrkdwn(text.substr(i, length));
        const std::size_t cost = count_code_points(piece);
        if (used + cost + 1 > max_code_points) break;
        out += piece;
        used += cost;
        i += length;
    }
    return out + "…";
}

std::string topic_text(const Incident& incident) {
    std::string fixed = vitals(incident) + std::string(separator) + incident.id() + " ";
    const std::size_t used = count_code_points(fixed);
    const std::size_t room = used < max_topic_code_points ? max_topic_code_points - used : 0;
    return fixed + escaped_within(incident.title, room);
}

std::string status_line(const Incident& incident) {
    return "*" + incident.id() + "*" + std::string(separator) + vitals(incident) +
           std::string(separator) + escape_mrkdwn(incident.title);
}

std::string declared_announcement(const Incident& incident) {
    return ":rotating_light: " + headline(incident) + " declared as " +
           std::string(to_string(incident.severity)) + " — join " + channel_reference(incident);
}

std::string severity_announcement(const Incident& incident, Severity before) {
    const bool worse = static_cast<int>(incident.severity) < static_cast<int>(before);
    return ":warning: " + headline(incident) + (worse ? " raised" : " lowered") + " from " +
           std::string(to_string(before)) + " to " + std::string(to_string(incident.severity)) +
           " — " + channel_reference(incident);
}

std::string update_announcement(const Incident& incident, std::string_view user_text) {
    return ":mega: " + headline(incident) + " update: " + std::string(user_text) + " — " +
           channel_reference(incident);
}

std::string resolved_announcement(const Incident& incident, std::string_view user_text) {
    std::string out = ":white_check_mark: " + headline(incident) + " resolved";
    if (!user_text.empty()) out += ": " + std::string(user_text);
    return out + " — " + channel_reference(incident);
}

std::string closed_announcement(const Incident& incident) {
    return ":lock: " + headline(incident) + " closed — " + channel_reference(incident);
}

}  // namespace incidentd::core
