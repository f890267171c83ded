// Loading the configuration: which file, then the file, then environment overrides, then secrets,
// then the checks that need the final values (files that must exist).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "config/config_error.hpp"
#include "config/environment.hpp"

namespace incidentd::config {

struct LoadOptions {
    std::optional<std::string> config_path;  // --config PATH
    Environment env;                         // process_environment() in the program
    // Where to look for incidentd.toml when neither --config nor $INCIDENTD_CONFIG names a file;
    // unset means the current directory.
    std::optional<std::filesystem::path> working_dir;
};

// File resolution: --config PATH, else $INCIDENTD_CONFIG, else incidentd.toml in the working
// directory if present, else defaults only. A named file that is missing is an error.
// Throws ConfigError (the caller prints what() and exits with status 2).
Config load_config(const LoadOptions& options);

}  // namespace incidentd::config
