// The response_action that keeps a modal open with its field errors shown.
#include "bot/ui/field_errors.hpp"

namespace incidentd::bot {

nlohmann::json field_errors_response(const FieldErrors& errors) {
    nlohmann::json by_block = nlohmann::json::object();
    for (const auto& [block_id, message] : errors)
        by_block[block_id] = message;
    return {{"response_action", "errors"}, {"errors", std::move(by_block)}};
}

}  // namespace incidentd::bot
