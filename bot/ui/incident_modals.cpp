// The update, severity and role modals and their submissions.
#include "bot/ui/incident_modals.hpp"

#include <cstddef>
#include <string_view>

#include "bot/ui/block_ids.hpp"
#include "bot/ui/block_kit.hpp"
#include "bot/ui/modal_state.hpp"
#include "core/text_escape.hpp"
#include "core/utf8.hpp"

namespace incidentd::bot {
namespace {

constexpr std::size_t max_modal_text = 24;  // title, submit and close of a modal
constexpr std::size_t max_context_title = 200;

// "*INC-7* · SEV2 · <title>": which incident the modal acts on, the title escaped and shortened.
nlohmann::json incident_context(const core::Incident& incident) {
    return {{"type", "context"},
            {"elements",
             nlohmann::json::array({mrkdwn("*" + incident.id() + "* · " +
                                           std::string(core::to_string(incident.severity)) + " · " +
                                           core::escape_mrkdwn(core::truncate_utf8(
                                               incident.title, max_context_title, "…")))})}};
}

nlohmann::json modal(std::string_view callback_id, std::string_view title, std::string_view submit,
                     const core::Incident& incident, nlohmann::json input) {
    return {{"type", "modal"},
            {"callback_id", callback_id},
            {"title", plain_text(title, max_modal_text)},
            {"submit", plain_text(submit, max_modal_text)},
            {"close", plain_text("Cancel", max_modal_text)},
            {"private_metadata", incident.channel_id},
            {"blocks", nlohmann::json::array({incident_context(incident), std::move(input)})}};
}

std::variant<ModalCommand, FieldErrors> one_error(std::string_view block_id, std::string message) {
    return FieldErrors{{std::string(block_id), std::move(message)}};
}

}  // namespace

nlohmann::json update_status_modal(const core::Incident& incident) {
    nlohmann::json view =
        modal(block_ids::update_modal, "Update status", "Post", incident,
              input_block(block_ids::update_block, "Status update",
                          {{"type", "plain_text_input"},
                           {"action_id", block_ids::update_input},
                           {"multiline", true},
                           {"max_length", core::max_text_code_points},
                           {"placeholder", plain_text("What changed, what is next, when the next "
                                                      "update comes",
                                                      150)}}));
    return view;
}

nlohmann::json change_severity_modal(const core::Incident& incident) {
    return modal(block_ids::severity_modal, "Change severity", "Change", incident,
                 input_block(block_ids::severity_block, "Severity",
                             {{"type", "static_select"},
                              {"action_id", block_ids::severity_input},
                              {"options", severity_options()},
                              {"initial_option", severity_option(incident.severity)}}));
}

nlohmann::json assign_role_modal(const core::Incident& incident) {
    nlohmann::json view =
        modal(block_ids::role_modal, "Assign a role", "Assign", incident,
              input_block(block_ids::role_block, "Role",
                          {{"type", "static_select"},
                           {"action_id", block_ids::role_input},
                           {"options", role_options()},
                           {"initial_option", role_option(core::Role::commander)}}));
    view["blocks"].push_back(input_block(block_ids::assignee_block, "Person",
                                         {{"type", "users_select"},
                                          {"action_id", block_ids::assignee_input},
                                          {"placeholder", plain_text("Who takes the role", 150)}}));
    return view;
}

std::variant<ModalCommand, FieldErrors> read_update_submission(const slack::ModalView& view) {
    const std::string text =
        trimmed(chosen_value(view.state_values, block_ids::update_block, block_ids::update_input));
    if (text.empty()) return one_error(block_ids::update_block, "Write the update.");
    if (core::count_code_points(text) > core::max_text_code_points)
        return one_error(block_ids::update_block, "Keep the update within " +
                                                      std::to_string(core::max_text_code_points) +
                                                      " characters.");
    return ModalCommand{core::PostUpdate{core::escape_mrkdwn(text)}, view.private_metadata};
}

std::variant<ModalCommand, FieldErrors> read_severity_submission(const slack::ModalView& view) {
    const auto severity = core::parse_severity(
        chosen_value(view.state_values, block_ids::severity_block, block_ids::severity_input));
    if (!severity) return one_error(block_ids::severity_block, "Choose a severity, SEV1 to SEV4.");
    return ModalCommand{core::SetSeverity{*severity}, view.private_metadata};
}

std::variant<ModalCommand, FieldErrors> read_role_submission(const slack::ModalView& view) {
    FieldErrors errors;
    const auto role = core::parse_role(
        chosen_value(view.state_values, block_ids::role_block, block_ids::role_input));
    if (!role) errors[std::string(block_ids::role_block)] = "Choose commander, comms or scribe.";
    const std::string user =
        chosen_user(view.state_values, block_ids::assignee_block, block_ids::assignee_input);
    if (user.empty()) errors[std::string(block_ids::assignee_block)] = "Choose who takes the role.";
    if (!errors.empty()) return errors;
    return ModalCommand{core::AssignRole{*role, core::UserMention{user, ""}},
                        view.private_metadata};
}

std::optional<std::variant<ModalCommand, FieldErrors>> read_incident_modal_submission(
    const slack::ModalView& view) {
    if (view.callback_id == block_ids::update_modal) return read_update_submission(view);
    if (view.callback_id == block_ids::severity_modal) return read_severity_submission(view);
    if (view.callback_id == block_ids::role_modal) return read_role_submission(view);
    return std::nullopt;
}

}  // namespace incidentd::bot
