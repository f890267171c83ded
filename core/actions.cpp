// Names and idempotency keys of the side effects decisions ask for.
#include "core/actions.hpp"

#include "core/incident.hpp"
#include "core/overloaded.hpp"

namespace incidentd::core {

std::string_view action_name(const Action& action) {
    return std::visit(overloaded{
                          [](const CreateChannel&) { return std::string_view("create-channel"); },
                          [](const InviteUsers&) { return std::string_view("invite"); },
                          [](const SetTopic&) { return std::string_view("set-topic"); },
                          [](const PostSummary&) { return std::string_view("post-summary"); },
                          [](const UpdateSummary&) { return std::string_view("update-summary"); },
                          [](const PostMessage&) { return std::string_view("post-message"); },
                          [](const PostEphemeral&) { return std::string_view("post-ephemeral"); },
                          [](const ArchiveChannel&) { return std::string_view("archive"); },
                          [](const UploadDocuments&) { return std::string_view("upload"); },
                          [](const Bookmark&) { return std::string_view("bookmark"); },
                          [](const PostSeal&) { return std::string_view("post-seal"); },
                      },
                      action);
}

const std::string& idempotency_key(const Action& action) {
    return std::visit([](const auto& a) -> const std::string& { return a.key; }, action);
}

std::string action_key(std::int64_t incident_number, std::string_view purpose,
                       std::string_view request) {
    return incident_id(incident_number) + "/" + std::string(purpose) + "/" + std::string(request);
}

}  // namespace incidentd::core
