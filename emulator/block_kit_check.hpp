// Block Kit validation as Slack does it on chat.* and views.*: each problem is one message in
// Slack's style, "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace incidentd::emulator {

// The problems of a message's `blocks` (pointers start at /blocks); none when Slack accepts them.
std::vector<std::string> check_message_blocks(const nlohmann::json& blocks);

// The problems of a view (pointers start at /view). `expected_type` is "modal" or "home" when the
// method takes only one of them, "" for either.
std::vector<std::string> check_view(const nlohmann::json& view, std::string_view expected_type);

// Length in characters (UTF-8 code points), as Slack counts its limits.
std::size_t character_count(std::string_view text);

}  // namespace incidentd::emulator
