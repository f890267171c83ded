// WebClientCounters: a mutex-guarded WebClientCounts.
#include "slack/web_client_counters.hpp"

namespace incidentd::slack {

std::uint64_t WebClientCounts::calls_of(std::string_view method, std::string_view outcome) const {
    auto it = calls.find({std::string{method}, std::string{outcome}});
    return it == calls.end() ? 0 : it->second;
}

void WebClientCounters::count_call(std::string_view method, std::string_view outcome) {
    std::lock_guard lock(mutex_);
    ++counts_.calls[{std::string{method}, std::string{outcome}}];
}

void WebClientCounters::count_rate_limited() {
    std::lock_guard lock(mutex_);
    ++counts_.rate_limited;
}

void WebClientCounters::count_retry() {
    std::lock_guard lock(mutex_);
    ++counts_.retries;
}

void WebClientCounters::count_connection() {
    std::lock_guard lock(mutex_);
    ++counts_.connections_opened;
}

WebClientCounts WebClientCounters::snapshot() const {
    std::lock_guard lock(mutex_);
    return counts_;
}

}  // namespace incidentd::slack
