// The Block Kit summary incidentd posts and pins in each incident channel (its thread is the
// incident thread) and renders again with chat.update whenever the incident changes.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "core/incident.hpp"
#include "core/time.hpp"

namespace incidentd::bot {

struct SummaryMessage {
    std::string text;       // the notification fallback text (mrkdwn, escaped), under 4,000 chars
    nlohmann::json blocks;  // the blocks array
};

// Header "INC-7 · SEV2 · <title>", the facts as section fields (severity, state, commander, the
// other roles that are set, declared, resolved, closed, team, postmortem) and a context line
// with `record_hint` and where to reply. Within Block Kit's limits whatever the incident holds;
// every user-provided part escaped. `now` tells a postmortem due from an overdue one.
// `record_hint`: how to see the record, e.g. "`incidentd export INC-7`" (already mrkdwn; may be "").
SummaryMessage summary_message(const core::Incident& incident, core::Time now,
                               std::string_view record_hint);

}  // namespace incidentd::bot
