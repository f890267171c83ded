// The one exception type the store throws for its own refusals (unknown incident, a database
// newer than this binary, a backup target that exists), each message saying what to do.
#pragma once

#include <stdexcept>
#include <string>

namespace incidentd::store {

class StoreError : public std::runtime_error {
  public:
    explicit StoreError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace incidentd::store
