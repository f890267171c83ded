// application/x-www-form-urlencoded bodies, as Slack sends slash commands and interactivity and as
// the Web API accepts arguments. Decoding and encoding are Boost.URL's.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace incidentd::slack {

using FormFields = std::map<std::string, std::string, std::less<>>;

// The decoded fields ('+' is a space), or nothing when the body is not valid form encoding.
// A repeated key keeps its first value.
std::optional<FormFields> parse_form(std::string_view body);

// Encodes fields in the given order; spaces become '+', everything but unreserved characters is
// percent-encoded.
std::string encode_form(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace incidentd::slack
