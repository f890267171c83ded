// The `/incident …` text that means the same as a command: how a button press or a modal
// submission is recorded, so the record reads the same whichever way a responder acted.
#pragma once

#include <string>

#include "core/command_grammar.hpp"

namespace incidentd::bot {

// What follows `/incident` (e.g. "update Database failover complete", "sev 1",
// "role commander <@U0BOB>"), as Slack would send it: free text as the command carries it, a
// title escaped again (&amp; &lt; &gt;) the way Slack escapes command text. For every command the
// grammar can produce, core::parse_command gives the command back; the declare modal's
// description and responders have no command form and are left out.
std::string command_text(const core::Command& command);

}  // namespace incidentd::bot
