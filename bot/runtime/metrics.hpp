// What incidentd counts about itself, and its Prometheus text form for GET /metrics.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "slack/http_receiver.hpp"
#include "slack/socket_mode_client.hpp"
#include "slack/web_client_counters.hpp"

namespace incidentd::bot {

// What became of one delivered Slack event.
enum class EventOutcome {
    recorded,   // appended to an incident's record
    duplicate,  // a retry or a second delivery of something already recorded
    ignored,    // not in an incident channel, or nothing the record keeps
    failed,     // storing failed: answered 500 so Slack retries
};
inline constexpr std::size_t event_outcome_count = 4;
std::string_view to_string(EventOutcome outcome);

enum class OutboxOutcome { done, retried, given_up };
inline constexpr std::size_t outbox_outcome_count = 3;
std::string_view to_string(OutboxOutcome outcome);

// The effects the outbox looks for before it does them (again): an earlier attempt's answer may
// have been lost after Slack carried it out. Named by the Web API method that makes the effect.
enum class LookedFor { post, upload, bookmark, channel };
inline constexpr std::size_t looked_for_count = 4;
std::string_view method_of(LookedFor effect);  // "chat.postMessage", …

enum class LookupOutcome {
    found,        // done already: not done again
    absent,       // not there: done now
    failed,       // the look-up itself failed: the action is tried again later, not done blind
    unavailable,  // it cannot be made (a scope not granted, no access): done without it
};
inline constexpr std::size_t lookup_outcome_count = 4;
std::string_view to_string(LookupOutcome outcome);

class Metrics;

enum class MetricType { counter, gauge, histogram };
std::string_view to_string(MetricType type);  // "counter", "gauge", "histogram"

// What one GET /metrics answer is written from.
struct MetricSources {
    const Metrics& metrics;
    const slack::ReceiverStats& receiver;
    const slack::WebClientCounts& web_api;
    const slack::SocketModeStats* socket_mode;  // null unless Socket Mode runs
};

// One metric of GET /metrics: its # HELP and # TYPE lines are written from these fields, its
// samples by `write`; docs/metrics.md lists the same metrics (tests/bot/metrics_doc_test.cpp).
struct MetricFamily {
    std::string_view name;
    MetricType type;
    std::string_view help;
    std::string_view labels;  // its samples' label names, comma-separated: "method,status", "le"
    bool socket_mode_only;    // served only while Socket Mode runs
    void (*write)(std::ostream& out, std::string_view name, const MetricSources& from);
};

class Metrics {
  public:
    // Every metric, in the order GET /metrics serves them.
    static std::span<const MetricFamily> families();

    // Upper bounds of the ack latency histogram's buckets, in seconds.
    static constexpr std::array<double, 12> ack_buckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

    void count_event(EventOutcome outcome) { events_[index(outcome)]++; }
    void count_command() { commands_++; }
    void count_outbox(OutboxOutcome outcome) { outbox_[index(outcome)]++; }
    void count_job() { jobs_++; }
    void count_lookup(LookedFor effect, LookupOutcome outcome) {
        lookups_[index(effect)][index(outcome)]++;
    }
    void set_outbox_pending(std::int64_t n) { outbox_pending_ = n; }
    void set_ready(bool ready) { ready_ = ready; }
    // From the moment a verified request was decoded to the moment its answer was ready.
    void observe_ack(std::chrono::steady_clock::duration latency);

    bool ready() const { return ready_; }

    // Prometheus text exposition format 0.0.4, with the receiver's and the Web API client's
    // counts, and the Socket Mode client's when it runs.
    std::string prometheus(const slack::ReceiverStats& receiver,
                           const slack::WebClientCounts& web_api,
                           const std::optional<slack::SocketModeStats>& socket_mode = {}) const;

  private:
    template <class E>
    static std::size_t index(E e) {
        return static_cast<std::size_t>(e);
    }

    std::array<std::atomic<std::uint64_t>, event_outcome_count> events_{};
    std::array<std::atomic<std::uint64_t>, outbox_outcome_count> outbox_{};
    std::atomic<std::uint64_t> commands_{0};
    std::atomic<std::uint64_t> jobs_{0};
    std::array<std::array<std::atomic<std::uint64_t>, lookup_outcome_count>, looked_for_count>
        lookups_{};
    std::atomic<std::int64_t> outbox_pending_{0};
    std::atomic<bool> ready_{false};
    std::array<std::atomic<std::uint64_t>, ack_buckets.size()> ack_counts_{};  // per bucket
    std::atomic<std::uint64_t> ack_total_{0};
    std::atomic<std::uint64_t> ack_sum_ns_{0};
};

}  // namespace incidentd::bot
