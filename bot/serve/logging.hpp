// The process's log: one line per meaningful event on stderr, as text or JSON lines; never a
// token, secret or message body.
#pragma once

#include "config/config.hpp"

namespace incidentd::bot {

void setup_logging(const config::LogSettings& settings);

}  // namespace incidentd::bot
