// One `/incident` command, however it arrived — typed, or a button or a modal that stands for it:
// decided by core and stored with everything it changes in one transaction, recorded in the
// incident record as a `command` entry, and answered only after that commit.
#pragma once

#include <cstdint>
#include <string>

#include <boost/asio/awaitable.hpp>

#include "bot/runtime/runtime.hpp"
#include "core/command_grammar.hpp"
#include "core/decide.hpp"

namespace incidentd::bot {

struct CommandRequest {
    core::ParseResult parsed;
    core::Actor actor;
    std::string channel_id;  // where it was typed or clicked; the incident's channel, if any
    // Slack's name for this invocation (trigger_id): makes the outbox keys unique, and a second
    // delivery of the same invocation is recognised by `dedupe_key`.
    std::string request_id;
    std::string dedupe_key;  // "" = not de-duplicated
    std::string text;        // the command as the record shows it: "/incident close"
    std::string payload;     // what Slack sent, without its credentials
};

struct CommandOutcome {
    core::Decision decision;
    std::int64_t incident = 0;  // the incident it created or changed, 0 if none
    bool repeated = false;      // this invocation was handled before
    bool failed = false;        // storing failed: nothing changed
};

// Decides and stores `request`; wakes the outbox and the scheduler when it queued work for them.
// `log_id` is the request id of the log lines.
boost::asio::awaitable<CommandOutcome> run_command(Runtime& runtime, CommandRequest request,
                                                   std::string log_id);

}  // namespace incidentd::bot
