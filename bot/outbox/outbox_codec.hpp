// How an outbox row holds a core::Action: the action's name as the method and its fields as a
// JSON object, so a pending action survives a restart and is carried out as it was decided.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/actions.hpp"
#include "store/outbox.hpp"

namespace incidentd::bot {

// The outbox row of an action: method = core::action_name(action) ("create-channel", …), args =
// its fields (the key among them), idempotency_key = core::idempotency_key(action).
store::OutboxCall outbox_call(std::int64_t incident_number, const core::Action& action);

// The action back from a stored row. Throws std::invalid_argument naming the method or the field
// when the row is not one this version wrote: an unknown method, args that are not a JSON object,
// a missing, mistyped or unexpected field, a destination it does not know.
core::Action action_from_outbox(std::string_view method, std::string_view args_json);

}  // namespace incidentd::bot
