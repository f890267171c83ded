// The tier table (from Slack's method reference pages) and the buckets that enforce it.
#include "emulator/rate_limits.hpp"

#include <algorithm>
#include <cmath>

namespace incidentd::emulator {
namespace {

struct MethodTier {
    std::string_view method;
    Tier tier;
};

constexpr MethodTier tier_table[] = {
    {"apps.connections.open", Tier::tier1},
    {"conversations.create", Tier::tier2},
    {"conversations.invite", Tier::tier3},
    {"conversations.archive", Tier::tier2},
    {"conversations.list", Tier::tier2},
    {"usergroups.users.list", Tier::tier2},
    {"bookmarks.add", Tier::tier2},
    {"pins.add", Tier::tier2},
    {"conversations.join", Tier::tier3},
    {"conversations.setTopic", Tier::tier3},
    {"conversations.setPurpose", Tier::tier3},
    {"conversations.history", Tier::tier3},
    {"conversations.replies", Tier::tier3},
    {"conversations.info", Tier::tier3},
    {"reactions.add", Tier::tier3},
    {"reactions.remove", Tier::tier3},
    {"chat.update", Tier::tier3},
    {"chat.delete", Tier::tier3},
    {"auth.test", Tier::tier4},
    {"users.info", Tier::tier4},
    {"conversations.members", Tier::tier4},
    {"chat.postEphemeral", Tier::tier4},
    {"chat.getPermalink", Tier::tier4},
    {"views.open", Tier::tier4},
    {"views.update", Tier::tier4},
    {"views.publish", Tier::tier4},
    {"views.push", Tier::tier4},
    {"files.getUploadURLExternal", Tier::tier4},
    {"files.completeUploadExternal", Tier::tier4},
    // chat.postMessage is limited per channel instead (see below).
    {"chat.postMessage", Tier::unlimited},
};

// chat.postMessage: about one per second per channel, a short burst tolerated.
constexpr double post_message_per_second = 1.0;
constexpr double post_message_burst = 3.0;

}  // namespace

Tier tier_of(std::string_view method) {
    for (const auto& entry : tier_table) {
        if (entry.method == method) return entry.tier;
    }
    return Tier::tier3;
}

double per_minute(Tier tier) {
    switch (tier) {
        case Tier::tier1:
            return 1;
        case Tier::tier2:
            return 20;
        case Tier::tier3:
            return 50;
        case Tier::tier4:
            return 100;
        case Tier::unlimited:
            return 0;
    }
    return 0;
}

std::optional<int> RateLimits::take(Bucket& bucket, double capacity, double per_second,
                                    Clock::time_point now) {
    if (!bucket.started) {
        bucket.tokens = capacity;
        bucket.updated = now;
        bucket.started = true;
    }
    const double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    bucket.tokens = std::min(capacity, bucket.tokens + elapsed * per_second);
    bucket.updated = now;
    if (bucket.tokens >= 1.0) {
        bucket.tokens -= 1.0;
        return std::nullopt;
    }
    return std::max(1, static_cast<int>(std::ceil((1.0 - bucket.tokens) / per_second)));
}

std::optional<int> RateLimits::admit(std::string_view method, std::string_view channel,
                                     Clock::time_point now) {
    if (!enabled_) return std::nullopt;
    if (method == "chat.postMessage") {
        if (channel.empty()) return std::nullopt;
        auto& bucket = buckets_[std::string{method} + "/" + std::string{channel}];
        return take(bucket, std::max(1.0, post_message_burst * scale_),
                    post_message_per_second * scale_, now);
    }
    const Tier tier = tier_of(method);
    if (tier == Tier::unlimited) return std::nullopt;
    // Slack tolerates bursts: a tier's whole minute may be spent at once.
    const double allowance = per_minute(tier) * scale_;
    auto& bucket = buckets_[std::string{method}];
    return take(bucket, std::max(1.0, allowance), allowance / 60.0, now);
}

}  // namespace incidentd::emulator
