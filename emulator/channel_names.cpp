// The emulator's own check of channel names: Slack's documented rules, not incidentd's code, so
// that a name incidentd gets wrong is refused here as Slack would refuse it.
#include "emulator/channel_names.hpp"

#include <algorithm>
#include <cstddef>

#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {
namespace {

bool is_letter_or_digit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_allowed(char c) {
    return is_letter_or_digit(c) || c == '-' || c == '_';
}

// Slack counts the limit in characters: UTF-8 bytes that do not continue a character.
std::size_t characters(std::string_view text) {
    return static_cast<std::size_t>(std::ranges::count_if(
        text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::optional<std::string_view> channel_name_error(std::string_view name) {
    namespace error = facts::error;
    if (name.empty()) return error::invalid_name_required;
    if (characters(name) > facts::channel_name_max) return error::invalid_name_maxlength;
    if (!std::ranges::all_of(name, is_allowed)) return error::invalid_name_specials;
    if (std::ranges::none_of(name, is_letter_or_digit)) return error::invalid_name_punctuation;
    return std::nullopt;
}

}  // namespace incidentd::emulator
