// Small constructors for the Block Kit objects incidentd's messages and views are made of: text
// objects, options, input blocks, and the severity and role choices the modals offer.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

#include "core/entry.hpp"
#include "core/role.hpp"
#include "core/severity.hpp"
#include "core/time.hpp"

namespace incidentd::bot {

// Block Kit's limits used by more than one builder, in characters.
inline constexpr std::size_t max_section_text = 3000;
inline constexpr std::size_t max_option_text = 75;
inline constexpr std::size_t max_option_value = 150;
inline constexpr std::size_t max_options = 100;

// A plain_text object, cut to `max_code_points` with "…" when longer. Plain text is shown as
// typed (no mentions, no links), so user text needs no escaping here.
nlohmann::json plain_text(std::string_view text, std::size_t max_code_points = max_section_text);
// A mrkdwn object; `text` must already be escaped where it holds user text.
nlohmann::json mrkdwn(std::string text);

// An option of a select menu; `description` ("" for none) is the grey line under the text.
nlohmann::json option(std::string_view text, std::string_view value,
                      std::string_view description = "");

// An input block holding `element`, labelled; `optional` inputs may be left empty.
nlohmann::json input_block(std::string_view block_id, std::string_view label,
                           nlohmann::json element, bool optional = false);

// "SEV1" with what it means ("Critical: customers broadly affected, all hands"); value "sev1".
nlohmann::json severity_option(core::Severity severity);
// SEV1 to SEV4, each as severity_option.
nlohmann::json severity_options();

// "Commander" with what the role does; value "commander".
nlohmann::json role_option(core::Role role);
nlohmann::json role_options();

// "Commander" for Role::commander: how a role is named in a label.
std::string role_label(core::Role role);

// Slack display names are at most 80 characters.
inline constexpr std::size_t max_name_code_points = 80;

// A time shown in each reader's own time zone; the ISO text where Slack cannot format dates.
std::string slack_date(core::Time t);

// A person as mrkdwn: a mention when the id is known, else the escaped name, else "unknown".
std::string person(const core::Actor& who);

}  // namespace incidentd::bot
