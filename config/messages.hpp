// How configuration errors are worded, so every reader names keys and places the same way:
//   config: [incidents] archive_after: "soon" is not a duration like 24h or 30m (incidentd.toml:9)
//   config: INCIDENTD_INCIDENTS_ARCHIVE_AFTER: "soon" is not a duration like 24h or 30m
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "config/config.hpp"

namespace incidentd::config {

// `table` is a section ("incidents") or a team table ("teams.payments"). A value from the
// environment is named by its variable; one from a file by [table] key and file:line.
std::string key_message(std::string_view table, std::string_view key, const Source& source,
                        std::string_view problem);

// "; did you mean api_url?" when a candidate is a likely typo of `word`, else "".
std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

// The environment variables that hold each secret, for keys that look like one ("bot_token",
// "INCIDENTD_SLACK_SIGNING_SECRET"): secrets are never accepted there.
bool looks_like_secret(std::string_view key);
std::string secret_variables_for(
    std::string_view key);  // "SLACK_BOT_TOKEN or SLACK_BOT_TOKEN_FILE"

}  // namespace incidentd::config
