// The one exception configuration loading throws: its message names the key and the problem,
// ready to print before exiting with status 2.
#pragma once

#include <stdexcept>
#include <string>

namespace incidentd::config {

// what() reads like `config: [incidents] archive_after: "soon" is not a duration like 24h or 30m`.
class ConfigError : public std::runtime_error {
  public:
    explicit ConfigError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace incidentd::config
