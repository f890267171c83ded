// The process environment as a plain map, so loading can be tested without touching the real one.
#pragma once

#include <functional>
#include <map>
#include <string>

namespace incidentd::config {

using Environment = std::map<std::string, std::string, std::less<>>;

// A copy of `environ`.
Environment process_environment();

}  // namespace incidentd::config
