// Pagination cursors: opaque base64 text around "next_ts:<ts>" or "offset:<n>", like Slack's.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace incidentd::emulator {

std::string encode_cursor(std::string_view plain);
// The plain text, or nothing when the cursor is not one of ours.
std::optional<std::string> decode_cursor(std::string_view cursor);

}  // namespace incidentd::emulator
