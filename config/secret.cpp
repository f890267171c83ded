// Secret: the masking rules in one place.
#include "config/secret.hpp"

#include <ostream>
#include <utility>

namespace incidentd::config {

Secret::Secret(std::string value, std::string from)
    : value_(std::move(value)), from_(std::move(from)) {}

std::string Secret::masked() const {
    if (!is_set()) return "not set";
    return from_.empty() ? "set" : "set (from " + from_ + ")";
}

std::ostream& operator<<(std::ostream& out, const Secret& secret) {
    return out << secret.masked();
}

}  // namespace incidentd::config
