// A child process for tests: started with posix_spawn, stdout and stderr captured to files in its
// own temp dir, a wait for a line on stdout (to learn a port), and SIGTERM-then-SIGKILL on stop.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_dir.hpp"

extern char** environ;

namespace incidentd::test {

// Less common ways to start a child: another working directory, variables removed.
struct SpawnOptions {
    std::filesystem::path cwd;           // "" = this process's working directory
    std::vector<std::string> unset_env;  // names removed from the inherited environment
};

class Process {
  public:
    // `env` entries ("NAME=value") are added to (and override) this process's environment.
    Process(std::string program, std::vector<std::string> args, std::vector<std::string> env = {},
            const SpawnOptions& options = {})
        : dir_("incidentd-process") {
        stdout_path_ = dir_.file("stdout.log");
        stderr_path_ = dir_.file("stderr.log");

        std::vector<std::string> argv_strings{program};
        argv_strings.insert(argv_strings.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argv_strings)
            argv.push_back(a.data());
        argv.push_back(nullptr);

        std::vector<std::string> env_strings;
        for (char** e = environ; *e; ++e) {
            const std::string entry{*e};
            const auto name = entry.substr(0, entry.find('=') + 1);
            bool overridden = false;
            for (const auto& extra : env)
                overridden = overridden || extra.starts_with(name);
            for (const auto& unset : options.unset_env)
                overridden = overridden || name == unset + "=";
            if (!overridden) env_strings.push_back(entry);
        }
        env_strings.insert(env_strings.end(), env.begin(), env.end());
        std::vector<char*> envp;
        for (auto& e : env_strings)
            envp.push_back(e.data());
        envp.push_back(nullptr);

        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path_.c_str(),
                                         O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (!options.cwd.empty())
            posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());
        const int rc =
            posix_spawn(&pid_, program.c_str(), &actions, nullptr, argv.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        if (rc != 0) {
            throw std::runtime_error("cannot start " + program + ": " + std::strerror(rc) +
                                     " (is it built?)");
        }
    }

    ~Process() { stop(); }
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return pid_; }
    std::string stdout_text() const { return read_file(stdout_path_); }
    std::string stderr_text() const { return read_file(stderr_path_); }

    // The first stdout line starting with `prefix`, waiting up to `timeout`; nothing if the
    // process exits or the time runs out first.
    std::optional<std::string> wait_for_line(const std::string& prefix,
                                             std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            std::istringstream lines(stdout_text());
            for (std::string line; std::getline(lines, line);) {
                if (line.starts_with(prefix) && !lines.eof()) return line;
            }
            if (!running() || std::chrono::steady_clock::now() > deadline) return std::nullopt;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }

    bool running() {
        if (exited_) return false;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            exited_ = true;
            status_ = status;
            return false;
        }
        return true;
    }

    // Waits for the process to exit by itself; false when it is still running after `timeout`.
    bool wait_exit(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (running()) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return true;
    }

    // SIGTERM, then SIGKILL after `grace`; the exit status (as from waitpid).
    int stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3000)) {
        if (!running()) return status_;
        kill(pid_, SIGTERM);
        const auto deadline = std::chrono::steady_clock::now() + grace;
        while (running() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        if (running()) {
            kill(pid_, SIGKILL);
            int status = 0;
            waitpid(pid_, &status, 0);
            exited_ = true;
            status_ = status;
        }
        return status_;
    }

    // Exit code when the process exited normally, -signal when a signal ended it.
    int exit_code() const {
        if (WIFEXITED(status_)) return WEXITSTATUS(status_);
        if (WIFSIGNALED(status_)) return -WTERMSIG(status_);
        return -1000;
    }

  private:
    static std::string read_file(const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    }

    TempDir dir_;
    std::string stdout_path_;
    std::string stderr_path_;
    pid_t pid_ = -1;
    bool exited_ = false;
    int status_ = 0;
};

}  // namespace incidentd::test
