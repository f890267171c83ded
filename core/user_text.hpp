// Free text a person typed in a command (an update, a fact, a resolve summary), made safe to post
// back as mrkdwn, where it could otherwise ping everyone or disguise a link.
#pragma once

#include <string>
#include <string_view>

namespace incidentd::core {

// `slack_text` is as Slack sends command text: &, < and > escaped as &amp; &lt; &gt;, and the
// mentions a person picked as <@U123|name> or <#C123|name>. Those user and channel mentions stay
// (they are what the person meant); every other <…> — <!channel>, <!here>, <!subteam^…>, a link
// with a misleading label — and any stray &, < or > is escaped, so it shows exactly as typed.
// Slack's own entities stay as they are rather than being escaped twice.
std::string user_mrkdwn(std::string_view slack_text);

}  // namespace incidentd::core
