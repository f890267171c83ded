// incidentd's exit statuses, the same for every subcommand.
#pragma once

namespace incidentd::bot {

enum ExitStatus : int {
    exit_ok = 0,
    exit_failure = 1,  // the command ran and the answer is "no": unknown incident, broken chain
    exit_usage = 2,    // bad arguments or an invalid configuration: nothing was done
};

}  // namespace incidentd::bot
