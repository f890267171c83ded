// The declare modal: what `/incident declare` without a title and the global shortcut open, and
// the reading of its submission into a core::Declare or the field errors to show instead.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <variant>
#include <vector>

#include "bot/ui/field_errors.hpp"
#include "core/command_grammar.hpp"
#include "slack/inbound.hpp"

namespace incidentd::bot {

struct DeclareModalOptions {
    std::vector<std::string> known_teams;  // every [teams.<name>]; none: no team field
    core::Declare initial;       // severity and team from `/incident declare sev2 --team x`
    std::string origin_channel;  // where it was opened ("" from the shortcut): private_metadata
};

// A modal view (callback_id block_ids::declare_modal): title, severity (SEV3 unless `initial`
// gives one), team (when teams exist; optional), description and responders (optional).
nlohmann::json declare_modal(const DeclareModalOptions& options);

struct DeclareForm {
    // Title as plain text (whitespace collapsed, as the grammar keeps titles); severity always
    // set; team lower-cased or none; description as typed (plain text: escape it for mrkdwn);
    // responders the user ids picked.
    core::Declare declare;
    std::string origin_channel;  // the view's private_metadata
};

// Errors are keyed by block_id: an empty title, a title over core::max_title_code_points, no
// severity, a team not among `known_teams` ("No team named …; choose one of …"), or a
// description over core::max_text_code_points. Every error is reported at once.
std::variant<DeclareForm, FieldErrors> read_declare_submission(
    const slack::ModalView& view, const std::vector<std::string>& known_teams);

}  // namespace incidentd::bot
