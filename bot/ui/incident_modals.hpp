// The small modals the summary's buttons open (update status, change severity, assign a role)
// and the reading of their submissions into the command each one means.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <variant>

#include "bot/ui/field_errors.hpp"
#include "core/command_grammar.hpp"
#include "core/incident.hpp"
#include "slack/inbound.hpp"

namespace incidentd::bot {

// Each view names the incident (id, severity, title) at the top and carries the incident's
// channel id as private_metadata.
// callback_id block_ids::update_modal: one multi-line text, required.
nlohmann::json update_status_modal(const core::Incident& incident);
// callback_id block_ids::severity_modal: SEV1 to SEV4, the incident's current one selected.
nlohmann::json change_severity_modal(const core::Incident& incident);
// callback_id block_ids::role_modal: commander, comms or scribe, and one person.
nlohmann::json assign_role_modal(const core::Incident& incident);

// A submission read: the command it means and the incident channel (private_metadata) it is for.
struct ModalCommand {
    core::Command command;
    std::string channel_id;
};

// core::PostUpdate: the text trimmed and with & < > escaped as Slack escapes command text, so it
// is handled like `/incident update <text>`. Error on the update block when empty or longer than
// core::max_text_code_points.
std::variant<ModalCommand, FieldErrors> read_update_submission(const slack::ModalView& view);
// core::SetSeverity, or an error on the severity block.
std::variant<ModalCommand, FieldErrors> read_severity_submission(const slack::ModalView& view);
// core::AssignRole (the mention has the user id and no name), or errors on the role or the
// assignee block.
std::variant<ModalCommand, FieldErrors> read_role_submission(const slack::ModalView& view);

// The reader for the view's callback_id; nothing when it is not one of these three modals.
std::optional<std::variant<ModalCommand, FieldErrors>> read_incident_modal_submission(
    const slack::ModalView& view);

}  // namespace incidentd::bot
