// Web API arguments: form fields, query parameters or a JSON body, seen as one JSON object so the
// methods read them the same way whichever encoding the caller chose.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "emulator/http_types.hpp"

namespace incidentd::emulator {

struct ParsedArgs {
    nlohmann::json args = nlohmann::json::object();
    std::string token;  // from "Authorization: Bearer" or the token argument
    bool json_body = false;
    std::string error;  // set when the body could not be read (e.g. "invalid_json")
};

// Reads the query string and the body. A JSON body is honoured only when `accepts_json` (Slack
// accepts JSON for write methods only); otherwise its arguments are ignored, as Slack does.
ParsedArgs parse_api_args(const Request& request, bool accepts_json);

// A string argument (numbers and booleans in JSON bodies converted), nothing when absent or empty.
std::optional<std::string> text_arg(const nlohmann::json& args, std::string_view key);
// A JSON argument: an array/object in a JSON body or a JSON string in a form; nothing when absent
// or unparsable (`*invalid` is set when present but not JSON).
std::optional<nlohmann::json> json_arg(const nlohmann::json& args, std::string_view key,
                                       bool* invalid = nullptr);
bool bool_arg(const nlohmann::json& args, std::string_view key);
std::optional<long long> int_arg(const nlohmann::json& args, std::string_view key);

}  // namespace incidentd::emulator
