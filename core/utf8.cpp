#include "core/utf8.hpp"

namespace incidentd::core {

std::optional<CodePoint> decode_utf8(std::string_view text, std::size_t offset) {
    if (offset >= text.size()) return std::nullopt;
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[offset + i]); };
    const unsigned char lead = byte(0);
    if (lead < 0x80) return CodePoint{lead, 1};

    std::size_t length = 0;
    char32_t value = 0;
    char32_t smallest = 0;  // below this the sequence is an overlong encoding
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2, value = lead & 0x1Fu, smallest = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3, value = lead & 0x0Fu, smallest = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4, value = lead & 0x07u, smallest = 0x10000;
    } else {
        return std::nullopt;  // a continuation byte, C0/C1 (always overlong) or F5..FF
    }
    if (text.size() - offset < length) return std::nullopt;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0u) != 0x80u) return std::nullopt;
        value = (value << 6) | (byte(i) & 0x3Fu);
    }
    if (value < smallest || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return std::nullopt;
    return CodePoint{value, length};
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        auto cp = decode_utf8(text, i);
        if (!cp) return false;
        i += cp->length;
    }
    return true;
}

std::size_t count_code_points(std::string_view text) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++count) {
        auto cp = decode_utf8(text, i);
        i += cp ? cp->length : 1;
    }
    return count;
}

}  // namespace incidentd::core
