// Who incidentd is in the workspace it serves, and the links into it that Slack's clients open.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace incidentd::slack {

// Who incidentd is in the workspace, learned from auth.test at start.
struct Workspace {
    std::string url;          // auth.test "url", e.g. "https://emulator.slack.com/" (ends in '/')
    std::string bot_user_id;  // auth.test "user_id"
    std::string bot_id;       // auth.test "bot_id"
};

// https://<workspace>/archives/<channel>/p<ts without the dot>, plus
// "?thread_ts=<parent>&cid=<channel>" for a thread reply (thread_ts set and != ts).
// "" when the workspace url, the channel or the ts is unknown: no link beats a broken one.
std::string permalink(const Workspace& ws, std::string_view channel, std::string_view ts,
                      std::optional<std::string_view> thread_ts = std::nullopt);

}  // namespace incidentd::slack
