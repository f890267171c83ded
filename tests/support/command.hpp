// Runs a program to completion for a test: arguments, extra environment, a working directory and
// a time bound; returns its exit status and everything it printed.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace incidentd::test {

struct CommandResult {
    int status = -1;  // the exit status, or -1 when it did not exit by itself in time
    std::string out;
    std::string err;
};

struct CommandOptions {
    std::map<std::string, std::string>
        env;                             // added to (or replacing in) this process's environment
    std::vector<std::string> unset_env;  // removed from it
    std::filesystem::path cwd;           // "" = this process's working directory
    std::chrono::milliseconds timeout{30000};
};

inline CommandResult run_command(const std::string& program, const std::vector<std::string>& args,
                                 const CommandOptions& options = {}) {
    std::vector<std::string> env;
    for (const auto& [name, value] : options.env)
        env.push_back(name + "=" + value);
    Process process(program, args, env, {options.cwd, options.unset_env});
    const bool exited = process.wait_exit(options.timeout);
    process.stop();
    CommandResult result;
    result.status = exited && process.exit_code() >= 0 ? process.exit_code() : -1;
    result.out = process.stdout_text();
    result.err = process.stderr_text();
    return result;
}

}  // namespace incidentd::test
