// The identifiers incidentd gives its Block Kit parts (action_id, block_id, callback_id): the
// builders set them and the interaction handler dispatches on them, so both read them from here.
#pragma once

#include <string_view>

namespace incidentd::bot::block_ids {

// The pinned summary's buttons. Each button's value is the incident channel id.
inline constexpr std::string_view actions_block = "incidentd_actions";  // block_id of the buttons
inline constexpr std::string_view update_button = "incidentd_update";   // opens the update modal
inline constexpr std::string_view severity_button = "incidentd_severity";  // opens severity modal
inline constexpr std::string_view role_button = "incidentd_role";          // opens the role modal
inline constexpr std::string_view resolve_button = "incidentd_resolve";    // resolves directly
inline constexpr std::string_view close_button = "incidentd_close";    // closes, after a confirm
inline constexpr std::string_view reopen_button = "incidentd_reopen";  // reopens directly

// Modal callback_ids. Every incident modal's private_metadata is the incident channel id; the
// declare modal's is the channel it was opened from ("" from a shortcut).
inline constexpr std::string_view declare_modal = "incidentd_declare";
inline constexpr std::string_view update_modal = "incidentd_update";
inline constexpr std::string_view severity_modal = "incidentd_severity";
inline constexpr std::string_view role_modal = "incidentd_role";

// The global shortcut's callback_id, as the app manifest declares it: opens the declare modal.
inline constexpr std::string_view declare_shortcut = "incidentd_declare";

// Input blocks of the declare modal (block_id, then the action_id of its element). Field errors
// are keyed by these block_ids.
inline constexpr std::string_view title_block = "incidentd_title";
inline constexpr std::string_view title_input = "incidentd_title_input";
inline constexpr std::string_view severity_block = "incidentd_severity";
inline constexpr std::string_view severity_input = "incidentd_severity_input";
inline constexpr std::string_view team_block = "incidentd_team";
inline constexpr std::string_view team_input = "incidentd_team_input";
inline constexpr std::string_view description_block = "incidentd_description";
inline constexpr std::string_view description_input = "incidentd_description_input";
inline constexpr std::string_view responders_block = "incidentd_responders";
inline constexpr std::string_view responders_input = "incidentd_responders_input";

// Input blocks of the incident modals (the severity modal reuses severity_block/_input).
inline constexpr std::string_view update_block = "incidentd_update_text";
inline constexpr std::string_view update_input = "incidentd_update_text_input";
inline constexpr std::string_view role_block = "incidentd_role_name";
inline constexpr std::string_view role_input = "incidentd_role_name_input";
inline constexpr std::string_view assignee_block = "incidentd_assignee";
inline constexpr std::string_view assignee_input = "incidentd_assignee_input";

}  // namespace incidentd::bot::block_ids
