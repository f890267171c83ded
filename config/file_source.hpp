// Applying a TOML configuration file: known sections and keys only, strings where strings belong,
// and no secrets. Every value's file:line is recorded as its source.
#pragma once

#include <string>
#include <string_view>

#include "config/config.hpp"

namespace incidentd::config {

// Parses `text` (the contents of `path`, which names it in messages) and applies it to `config`.
// Throws ConfigError: syntax errors name path:line:column; unknown keys and bad values name the
// key and path:line.
void apply_file(Config& config, std::string_view text, const std::string& path);

}  // namespace incidentd::config
