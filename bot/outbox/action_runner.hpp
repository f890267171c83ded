// Carrying out one outbox action against Slack, written so that doing it again after a crash or a
// lost answer has the effect of doing it once: look before you create, remember what you posted.
#pragma once

#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "bot/runtime/runtime.hpp"
#include "core/actions.hpp"
#include "core/incident.hpp"
#include "slack/api_result.hpp"

namespace incidentd::bot {

// What an action changed of the incident: only these fields, applied to the incident as it is
// when the result is stored (a command may have changed the rest meanwhile).
struct IncidentPatch {
    std::optional<std::string> channel_id;
    std::optional<std::string> channel_name;
    std::optional<std::string> channel_url;
    std::optional<std::string> summary_ts;

    bool empty() const { return !channel_id && !summary_ts; }
    void apply_to(core::Incident& incident) const;
};

struct ActionOutcome {
    std::optional<slack::ApiError> error;  // the call that failed; nothing on success
    bool permanent = false;  // retrying cannot help (archived channel, bad arguments): give up
    nlohmann::json result = nlohmann::json::object();  // kept in the outbox row
    IncidentPatch patch;
    // The bot_action entry that tells the record what incidentd did; "" = none (nothing was done).
    std::string note;
    std::string ts;                           // the posted message's ts, when the action posted one
    std::optional<std::int64_t> seal_posted;  // the seal whose message is at `ts`

    bool ok() const { return !error; }
};

// `incident` is the incident as stored now. Every action first looks whether an earlier attempt
// (whose answer was lost to a crash or a timeout) already did it.
boost::asio::awaitable<ActionOutcome> run_action(Runtime& runtime, const core::Incident& incident,
                                                 const core::Action& action);

}  // namespace incidentd::bot
