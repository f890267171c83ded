// Shared set-up for configuration tests: a temporary directory for config, secret and template
// files, removed afterwards, and loading with an explicit environment map.
#pragma once

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "config/load.hpp"
#include "support/temp_dir.hpp"

namespace incidentd::config::test {

class ConfigDir {
  public:
    const std::filesystem::path& path() const { return dir_.path(); }

    // Writes `content` to `name` inside the directory; returns the file's full path.
    std::string write(const std::string& name, const std::string& content) const {
        const auto file = dir_.path() / name;
        std::ofstream(file, std::ios::binary) << content;
        return file.string();
    }

    // Loads `toml` as the --config file, with `env` as the whole environment.
    Config load(const std::string& toml, Environment env = {}) const {
        return load_config({write("incidentd.toml", toml), std::move(env), dir_.path()});
    }

    // Loads with no file at all: defaults plus `env`.
    Config load_env(Environment env) const {
        return load_config({std::nullopt, std::move(env), dir_.path()});
    }

  private:
    incidentd::test::TempDir dir_{"incidentd-config"};
};

}  // namespace incidentd::config::test
