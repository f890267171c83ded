// The incidentd command line (CLI11): subcommands, their options, --help, and exit statuses.
#pragma once

namespace incidentd::bot {

// Parses argv, runs the chosen subcommand and returns the process exit status (bot/runtime/exit_status.hpp).
int run_cli(int argc, char** argv);

}  // namespace incidentd::bot
