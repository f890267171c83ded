// A secret (token or signing secret) that masks itself wherever it is printed, so a log line or
// an error message cannot carry it by accident; reveal() is for the one place that needs it.
#pragma once

#include <iosfwd>
#include <string>

namespace incidentd::config {

class Secret {
  public:
    Secret() = default;
    // `from` names where the value came from, e.g. "SLACK_BOT_TOKEN_FILE"; it is not secret.
    Secret(std::string value, std::string from);

    bool is_set() const noexcept { return !value_.empty(); }
    const std::string& from() const noexcept { return from_; }

    // The value itself: only for the request that must carry it (Authorization header, HMAC
    // key). Never log, format or store what this returns.
    const std::string& reveal() const noexcept { return value_; }

    // "set (from SLACK_BOT_TOKEN_FILE)" or "not set": what describe() and logs may show.
    std::string masked() const;

  private:
    std::string value_;
    std::string from_;
};

// Prints masked(); there is deliberately no conversion to std::string and no fmt formatter.
std::ostream& operator<<(std::ostream& out, const Secret& secret);

}  // namespace incidentd::config
