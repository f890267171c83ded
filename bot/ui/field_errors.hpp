// What a modal submission got wrong, field by field, and the answer that shows it to the person
// under each field instead of closing the modal.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace incidentd::bot {

// Keyed by the input's block_id (bot/ui/block_ids.hpp), as Slack's response_action "errors" wants.
using FieldErrors = std::map<std::string, std::string>;

// {"response_action":"errors","errors":{block_id: message, …}}: the body of the view_submission
// acknowledgement.
nlohmann::json field_errors_response(const FieldErrors& errors);

}  // namespace incidentd::bot
