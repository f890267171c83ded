// Slack's rate limits: a tier per Web API method (per workspace) and chat.postMessage's about
// one message per second per channel, each a token bucket that answers "retry after N s".
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace incidentd::emulator {

enum class Tier { tier1, tier2, tier3, tier4, unlimited };

// The tier Slack documents for the method (Tier 3 for methods not in the table).
Tier tier_of(std::string_view method);
// Calls a minute a tier allows before answering 429.
double per_minute(Tier tier);

class RateLimits {
  public:
    using Clock = std::chrono::steady_clock;

    // scale multiplies every allowance (0.1 = ten times stricter).
    explicit RateLimits(bool enabled, double scale = 1.0) : enabled_(enabled), scale_(scale) {}

    // Nothing when the call may proceed (and is counted); otherwise the seconds to wait.
    std::optional<int> admit(std::string_view method, std::string_view channel,
                             Clock::time_point now = Clock::now());

  private:
    struct Bucket {
        double tokens = 0;
        Clock::time_point updated{};
        bool started = false;
    };
    std::optional<int> take(Bucket& bucket, double capacity, double per_second,
                            Clock::time_point now);

    bool enabled_;
    double scale_;
    std::map<std::string, Bucket, std::less<>> buckets_;
};

}  // namespace incidentd::emulator
