// Client-side pacing so that Slack rarely has to answer 429: each method's tier, and
// chat.postMessage's one message a second per channel, as a schedule of send times.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>

#include "slack/web_client_options.hpp"

namespace incidentd::slack {

// Generic cell rate algorithm per key: a call may go `burst` at once, then one per interval.
// Reserving hands out send times in order, so concurrent callers queue fairly; the caller sleeps
// until its time.
class RateLimiter {
  public:
    using Clock = std::chrono::steady_clock;

    explicit RateLimiter(PacingOptions options) : options_(options) {}

    // When a call of `method` (to `channel`, for chat.postMessage) may be sent; the slot is taken.
    Clock::time_point reserve(std::string_view method, std::string_view channel,
                              Clock::time_point now);

    // Slack answered 429: nothing for the same method (or channel) is sent before `until`.
    void hold(std::string_view method, std::string_view channel, Clock::time_point until);

  private:
    struct Schedule {
        Clock::duration interval{};
        Clock::duration tolerance{};           // (burst - 1) intervals
        Clock::time_point theoretical_next{};  // the GCRA's "theoretical arrival time"
    };
    Schedule* schedule_for(std::string_view method, std::string_view channel);

    PacingOptions options_;
    std::map<std::string, Schedule, std::less<>> schedules_;
};

}  // namespace incidentd::slack
