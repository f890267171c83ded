// The short texts that describe an incident to people outside the command: the channel topic,
// the one-line status, and the notices for the announcement channel. Pure string building; every
// user-provided part escaped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/incident.hpp"
#include "core/severity.hpp"

namespace incidentd::core {

inline constexpr std::size_t max_topic_code_points = 250;  // conversations.setTopic's limit

// "SEV2 · active · Commander: Jane · INC-7 Checkout latency": what a member sees at a glance.
// The title is shortened (never cut inside an escape) so the whole fits in 250 code points.
std::string topic_text(const Incident& incident);

// "*INC-7* · SEV2 · active · Commander: Jane · Checkout latency" (mrkdwn), for lists and notices.
std::string status_line(const Incident& incident);

// Notices for the announcement channel. `user_text` parts are mrkdwn made safe by user_mrkdwn.
std::string declared_announcement(const Incident& incident);
std::string severity_announcement(const Incident& incident, Severity before);
std::string update_announcement(const Incident& incident, std::string_view user_text);
std::string resolved_announcement(const Incident& incident, std::string_view user_text);
std::string closed_announcement(const Incident& incident);

// `text` escaped for mrkdwn and, when the escaped form would exceed `max_code_points`, shortened
// on a code point boundary before escaping (so no &amp; is split) and ended with "…".
std::string escaped_within(std::string_view text, std::size_t max_code_points);

}  // namespace incidentd::core
