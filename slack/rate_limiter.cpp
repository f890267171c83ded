// The per-key schedules behind RateLimiter.
#include "slack/rate_limiter.hpp"

#include <algorithm>
#include <cmath>

#include "slack/api_methods.hpp"

namespace incidentd::slack {

RateLimiter::Schedule* RateLimiter::schedule_for(std::string_view method,
                                                 std::string_view channel) {
    const MethodSpec spec = method_spec(method);
    std::string key;
    Clock::duration interval{};
    int burst = 1;
    if (spec.tier == RateTier::per_channel) {
        if (channel.empty()) return nullptr;
        key = std::string{method} + " " + std::string{channel};
        interval = std::chrono::duration_cast<Clock::duration>(options_.post_interval);
        burst = std::max(1, options_.post_burst);
    } else {
        key = std::string{method};
        const double per_minute = calls_per_minute(spec.tier) * std::max(options_.tier_scale, 1e-6);
        interval = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(60.0 / per_minute));
        // Slack tolerates bursts; a tenth of the minute's allowance at once keeps a backlog from
        // meeting the limit head on.
        burst = std::max(1, static_cast<int>(std::floor(calls_per_minute(spec.tier) / 10.0)));
    }
    auto it = schedules_.find(key);
    if (it == schedules_.end()) {
        Schedule fresh;
        fresh.interval = interval;
        fresh.tolerance = interval * (burst - 1);
        it = schedules_.emplace(std::move(key), fresh).first;
    }
    return &it->second;
}

RateLimiter::Clock::time_point RateLimiter::reserve(std::string_view method,
                                                    std::string_view channel,
                                                    Clock::time_point now) {
    if (!options_.enabled) return now;
    Schedule* s = schedule_for(method, channel);
    if (!s) return now;
    const Clock::time_point send_at = std::max(now, s->theoretical_next - s->tolerance);
    s->theoretical_next = std::max(send_at, s->theoretical_next) + s->interval;
    return send_at;
}

void RateLimiter::hold(std::string_view method, std::string_view channel, Clock::time_point until) {
    Schedule* s = schedule_for(method, channel);
    if (!s) return;
    s->theoretical_next = std::max(s->theoretical_next, until + s->tolerance);
}

}  // namespace incidentd::slack
