// UTF-8 as the domain needs it: validation, decoding one code point, and counting code points
// (Slack's length limits count characters, not bytes).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace incidentd::core {

struct CodePoint {
    char32_t value = 0;
    std::size_t length = 0;  // bytes it takes in the UTF-8 text, 1..4
};

// The code point starting at byte `offset`, or nothing when the bytes there are not well-formed
// UTF-8 (truncated sequence, stray continuation byte, overlong form, surrogate, > U+10FFFF).
std::optional<CodePoint> decode_utf8(std::string_view text, std::size_t offset);

bool is_valid_utf8(std::string_view text);

// Counts code points; a malformed byte counts as one, so the count never exceeds the byte size.
std::size_t count_code_points(std::string_view text);

}  // namespace incidentd::core
