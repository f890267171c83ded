// Reading `environ` once, at start-up.
#include "config/environment.hpp"

#include <unistd.h>

#include <string_view>

namespace incidentd::config {

Environment process_environment() {
    Environment env;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view text(*entry);
        const auto equals = text.find('=');
        if (equals == std::string_view::npos) continue;
        env.emplace(text.substr(0, equals), text.substr(equals + 1));
    }
    return env;
}

}  // namespace incidentd::config
