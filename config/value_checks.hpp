// What a usable value looks like for each kind of setting. Each check returns a sentence saying
// what is wrong and what to do (it follows the key's name in an error), or nothing when fine.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace incidentd::config {

// `text` in double quotes, control characters escaped and long values shortened, for messages.
std::string in_quotes(std::string_view text);

// 127.0.0.0/8, ::1 (also in brackets) and "localhost": hosts where plain http:// stays on the machine.
bool is_loopback_host(std::string_view host);

// https:// anywhere, http:// only to a loopback host (the local emulator); a host is required.
std::optional<std::string> api_url_problem(std::string_view url);

// Slack conversation ids: C or G then upper-case letters and digits ("C0PAYMENTS").
std::optional<std::string> channel_id_problem(std::string_view id);
// Slack user ids: U or W then upper-case letters and digits ("U0ONCALL1").
std::optional<std::string> user_id_problem(std::string_view id);

// An emoji name as Slack reports it in reactions: surrounding colons are dropped (":pushpin:"
// and "pushpin" are the same setting), and what is left must be a Slack emoji name.
std::string emoji_name(std::string_view text);
std::optional<std::string> emoji_name_problem(std::string_view name);

// Team names appear in `/incident declare --team <name>` and in environment variable names:
// lowercase letters, digits and '-', starting with a letter or digit.
std::optional<std::string> team_name_problem(std::string_view name);

// Times are rendered in UTC only for now (the renderer has no time-zone database), so any other
// name is refused rather than silently ignored.
std::optional<std::string> timezone_problem(std::string_view name);

// spdlog's level names: trace, debug, info, warn, error, critical, off.
std::optional<std::string> log_level_problem(std::string_view level);

}  // namespace incidentd::config
