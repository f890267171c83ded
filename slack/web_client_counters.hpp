// Counters the Web API client keeps for /metrics: calls by method and outcome, 429s met, retries
// and connections opened. Safe to read from another thread than the client's.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace incidentd::slack {

struct WebClientCounts {
    // (method, outcome) -> calls; outcome is "ok", or the ErrorKind's name ("slack", "http",
    // "transport") so a misbehaving server cannot grow the label set.
    std::map<std::pair<std::string, std::string>, std::uint64_t> calls;
    std::uint64_t rate_limited = 0;  // HTTP 429 answers seen
    std::uint64_t retries = 0;       // requests sent again after a transient failure
    std::uint64_t connections_opened = 0;

    std::uint64_t calls_of(std::string_view method, std::string_view outcome) const;
};

class WebClientCounters {
  public:
    void count_call(std::string_view method, std::string_view outcome);
    void count_rate_limited();
    void count_retry();
    void count_connection();
    WebClientCounts snapshot() const;

  private:
    mutable std::mutex mutex_;
    WebClientCounts counts_;
};

}  // namespace incidentd::slack
