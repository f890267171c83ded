// The Block Kit summary incidentd posts and pins in each incident channel (its thread is the
// incident thread) and renders again with chat.update whenever the incident changes.
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <string_view>

#include "core/incident.hpp"
#include "core/time.hpp"

namespace incidentd::bot {

struct SummaryMessage {
    std::string text;       // the notification fallback text (mrkdwn, escaped), under 4,000 chars
    nlohmann::json blocks;  // the blocks array
};

// What closing an incident does for its team ([incidents] archive_after and postmortem_due):
// the Close button's confirmation says it before anyone clicks.
struct CloseTerms {
    std::chrono::seconds archive_after{};  // 0 archives right after close
    std::chrono::seconds postmortem_due{};
};

// Header "INC-7 · SEV2 · <title>", the facts as section fields (severity, state, commander, the
// other roles that are set, declared, resolved, closed, team, postmortem) and a context line
// with `record_hint` and where to reply. Between them, the buttons for the state (block_ids.hpp):
// active: update, severity, role, resolve, close; resolved: the same without resolve; closed:
// reopen; archived: none. Close asks for confirmation, saying what `close` terms will happen.
// Within Block Kit's limits whatever the incident holds; every user-provided part escaped. `now` tells a postmortem due from an overdue one.
// `record_hint`: how to see the record, e.g. "`incidentd export INC-7`" (already mrkdwn; may be "").
SummaryMessage summary_message(const core::Incident& incident, core::Time now,
                               std::string_view record_hint, const CloseTerms& close);

}  // namespace incidentd::bot
