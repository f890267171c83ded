// Slack's rules for the name of a new channel (conversations.create), as Slack documents them:
// lowercase letters, digits, '-' and '_', at most 80 characters, not punctuation alone.
#pragma once

#include <optional>
#include <string_view>

namespace incidentd::emulator {

// The error Slack answers conversations.create with for `name`, or nothing when Slack accepts
// it: invalid_name_required (empty), invalid_name_maxlength (over 80 characters),
// invalid_name_specials (anything but a-z, 0-9, '-' and '_', upper case included),
// invalid_name_punctuation (only '-' and '_'). Whether the name is taken is the workspace's to say.
std::optional<std::string_view> channel_name_error(std::string_view name);

}  // namespace incidentd::emulator
