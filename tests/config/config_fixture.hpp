// Shared set-up for configuration tests: a temporary directory for config, secret and template
// files, removed afterwards, and loading with an explicit environment map.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "config/load.hpp"

namespace incidentd::config::test {

class ConfigDir {
  public:
    ConfigDir() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "incidentd-config-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        dir_ = pattern;
    }
    ~ConfigDir() {
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }
    ConfigDir(const ConfigDir&) = delete;
    ConfigDir& operator=(const ConfigDir&) = delete;

    const std::filesystem::path& path() const { return dir_; }

    // Writes `content` to `name` inside the directory; returns the file's full path.
    std::string write(const std::string& name, const std::string& content) const {
        const auto file = dir_ / name;
        std::ofstream(file, std::ios::binary) << content;
        return file.string();
    }

    // Loads `toml` as the --config file, with `env` as the whole environment.
    Config load(const std::string& toml, Environment env = {}) const {
        return load_config({write("incidentd.toml", toml), std::move(env), dir_});
    }

    // Loads with no file at all: defaults plus `env`.
    Config load_env(Environment env) const {
        return load_config({std::nullopt, std::move(env), dir_});
    }

  private:
    std::filesystem::path dir_;
};

}  // namespace incidentd::config::test
