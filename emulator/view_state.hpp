// The state.values Slack's client sends when a user submits a modal: one entry per input block,
// starting from its element's initial value and overlaid with what the user entered.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace incidentd::emulator {

// {block_id: {action_id: {type, value | selected_option | selected_users | ...}}} for the view's
// input blocks as they stand before the user types anything.
nlohmann::json initial_state_values(const nlohmann::json& view);

// Overlays `entered` ({block_id: {action_id: {...}}}) on `values` (from initial_state_values).
// Each entry must name an input block and its element's action_id; the problems, in the control
// API's words.
std::vector<std::string> enter_values(nlohmann::json& values, const nlohmann::json& entered);

// The block_ids of required (not "optional") input blocks left empty: Slack's client will not
// submit the view until they are filled.
std::vector<std::string> missing_required(const nlohmann::json& view, const nlohmann::json& values);

// The block_ids of the view's input blocks (where response_action "errors" may point).
std::vector<std::string> input_block_ids(const nlohmann::json& view);

}  // namespace incidentd::emulator
