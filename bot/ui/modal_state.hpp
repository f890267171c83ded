// Reading what a person entered in a submitted modal: view.state.values, keyed by block_id and
// then action_id, whatever element held it. A field left empty reads as empty, never throws.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace incidentd::bot {

// A text input's "value", or a select's "selected_option"."value"; "" when empty or absent.
std::string chosen_value(const nlohmann::json& state_values, std::string_view block_id,
                         std::string_view action_id);
// A users_select's "selected_user"; "" when none.
std::string chosen_user(const nlohmann::json& state_values, std::string_view block_id,
                        std::string_view action_id);
// A multi_users_select's "selected_users", in order, without repeats.
std::vector<std::string> chosen_users(const nlohmann::json& state_values, std::string_view block_id,
                                      std::string_view action_id);

// Trimmed, every run of whitespace (line breaks included) made one space: a one-line value.
std::string one_line(std::string_view text);
// Trimmed of surrounding whitespace only: multi-line text keeps its lines.
std::string trimmed(std::string_view text);

}  // namespace incidentd::bot
