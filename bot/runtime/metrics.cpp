#include "bot/runtime/metrics.hpp"

#include <cstdio>
#include <sstream>

namespace incidentd::bot {
namespace {

// Label values come from our own enums and Slack method names; escape anyway, as the format asks.
std::string label(std::string_view value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", value);
    return buffer;
}

// name value, for a metric with one sample and no labels.
template <class Value>
void sample(std::ostream& out, std::string_view name, const Value& value) {
    out << name << ' ' << value << '\n';
}

// A histogram's samples from per-bucket counts (not cumulative) of observations up to each bound;
// `total` also counts those above the last bound.
template <std::size_t N, class BucketCount>
void histogram_samples(std::ostream& out, std::string_view name,
                       const std::array<double, N>& bounds, BucketCount bucket_count,
                       std::uint64_t total, double sum) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < N; ++i) {
        cumulative += bucket_count(i);
        out << name << "_bucket{le=\"" << number(bounds[i]) << "\"} " << cumulative << '\n';
    }
    out << name << "_bucket{le=\"+Inf\"} " << total << '\n';
    out << name << "_sum " << number(sum) << '\n';
    out << name << "_count " << total << '\n';
}

}  // namespace

std::string_view to_string(MetricType type) {
    switch (type) {
        case MetricType::counter:
            return "counter";
        case MetricType::gauge:
            return "gauge";
        case MetricType::histogram:
            return "histogram";
    }
    return "unknown";
}

std::string_view to_string(EventOutcome outcome) {
    switch (outcome) {
        case EventOutcome::recorded:
            return "recorded";
        case EventOutcome::duplicate:
            return "duplicate";
        case EventOutcome::ignored:
            return "ignored";
        case EventOutcome::failed:
            return "failed";
    }
    return "unknown";
}

std::string_view to_string(OutboxOutcome outcome) {
    switch (outcome) {
        case OutboxOutcome::done:
            return "done";
        case OutboxOutcome::retried:
            return "retried";
        case OutboxOutcome::given_up:
            return "given_up";
    }
    return "unknown";
}

std::string_view method_of(LookedFor effect) {
    switch (effect) {
        case LookedFor::post:
            return "chat.postMessage";
        case LookedFor::upload:
            return "files.completeUploadExternal";
        case LookedFor::bookmark:
            return "bookmarks.add";
        case LookedFor::channel:
            return "conversations.create";
    }
    return "unknown";
}

std::string_view to_string(LookupOutcome outcome) {
    switch (outcome) {
        case LookupOutcome::found:
            return "found";
        case LookupOutcome::absent:
            return "absent";
        case LookupOutcome::failed:
            return "failed";
        case LookupOutcome::unavailable:
            return "unavailable";
    }
    return "unknown";
}

void Metrics::observe_ack(std::chrono::steady_clock::duration latency) {
    const double seconds = std::chrono::duration<double>(latency).count();
    for (std::size_t i = 0; i < ack_buckets.size(); ++i)
        if (seconds <= ack_buckets[i]) {
            ack_counts_[i]++;
            break;
        }
    ack_total_++;
    ack_sum_ns_ += static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(latency).count());
}

std::span<const MetricFamily> Metrics::families() {
    using enum MetricType;
    using Out = std::ostream;
    using Name = std::string_view;
    using From = const MetricSources&;
    // Defined here, in a member of Metrics, so that the writers may read its counters.
    static constexpr std::array all{
        MetricFamily{"incidentd_up", gauge,
                     "1 while incidentd serves; ready says whether Slack is.", "", false,
                     [](Out& out, Name name, From) { sample(out, name, 1); }},
        MetricFamily{
            "incidentd_ready", gauge, "1 when the database is writable and auth.test succeeded.",
            "", false,
            [](Out& out, Name name, From from) { sample(out, name, from.metrics.ready_ ? 1 : 0); }},
        MetricFamily{"incidentd_requests_total", counter, "HTTP requests by how they ended.",
                     "outcome", false,
                     [](Out& out, Name name, From from) {
                         for (std::size_t i = 0; i < slack::request_outcome_count; ++i)
                             out << name << "{outcome=\""
                                 << slack::to_string(static_cast<slack::RequestOutcome>(i))
                                 << "\"} " << from.receiver.requests[i] << '\n';
                     }},
        MetricFamily{"incidentd_connections_open", gauge, "HTTP connections open now.", "", false,
                     [](Out& out, Name name, From from) {
                         sample(out, name, from.receiver.connections_open);
                     }},
        MetricFamily{"incidentd_connections_refused_total", counter,
                     "HTTP connections closed at once because too many were open.", "", false,
                     [](Out& out, Name name, From from) {
                         sample(out, name, from.receiver.connections_refused);
                     }},
        MetricFamily{"incidentd_events_total", counter, "Slack events by what became of them.",
                     "outcome", false,
                     [](Out& out, Name name, From from) {
                         for (std::size_t i = 0; i < event_outcome_count; ++i)
                             out << name << "{outcome=\"" << to_string(static_cast<EventOutcome>(i))
                                 << "\"} " << from.metrics.events_[i].load() << '\n';
                     }},
        MetricFamily{"incidentd_events_recorded_total", counter,
                     "Slack events appended to an incident record.", "", false,
                     [](Out& out, Name name, From from) {
                         sample(out, name,
                                from.metrics.events_[index(EventOutcome::recorded)].load());
                     }},
        MetricFamily{"incidentd_events_duplicate_total", counter,
                     "Slack events recorded once already (retries, second deliveries).", "", false,
                     [](Out& out, Name name, From from) {
                         sample(out, name,
                                from.metrics.events_[index(EventOutcome::duplicate)].load());
                     }},
        MetricFamily{"incidentd_commands_total", counter, "Slash commands handled.", "", false,
                     [](Out& out, Name name, From from) {
                         sample(out, name, from.metrics.commands_.load());
                     }},
        MetricFamily{
            "incidentd_jobs_total", counter, "Scheduled jobs run (archive, reminders).", "", false,
            [](Out& out, Name name, From from) { sample(out, name, from.metrics.jobs_.load()); }},
        MetricFamily{"incidentd_outbox_pending", gauge, "Outbox calls waiting to be carried out.",
                     "", false,
                     [](Out& out, Name name, From from) {
                         sample(out, name, from.metrics.outbox_pending_.load());
                     }},
        MetricFamily{"incidentd_outbox_attempts_total", counter, "Outbox attempts by outcome.",
                     "outcome", false,
                     [](Out& out, Name name, From from) {
                         for (std::size_t i = 0; i < outbox_outcome_count; ++i)
                             out << name << "{outcome=\""
                                 << to_string(static_cast<OutboxOutcome>(i)) << "\"} "
                                 << from.metrics.outbox_[i].load() << '\n';
                     }},
        MetricFamily{"incidentd_slack_lookups_total", counter,
                     "Look-ups for an earlier attempt's effect before doing it, by the method that "
                     "makes it and what they found (found, absent, failed, unavailable).",
                     "method,outcome", false,
                     [](Out& out, Name name, From from) {
                         for (std::size_t e = 0; e < looked_for_count; ++e)
                             for (std::size_t o = 0; o < lookup_outcome_count; ++o)
                                 out << name << "{method=\"" << method_of(static_cast<LookedFor>(e))
                                     << "\",outcome=\"" << to_string(static_cast<LookupOutcome>(o))
                                     << "\"} " << from.metrics.lookups_[e][o].load() << '\n';
                     }},
        MetricFamily{"incidentd_slack_api_calls_total", counter,
                     "Slack Web API calls by method and status (ok, slack, http, transport).",
                     "method,status", false,
                     [](Out& out, Name name, From from) {
                         for (const auto& [key, count] : from.web_api.calls)
                             out << name << "{method=\"" << label(key.first) << "\",status=\""
                                 << label(key.second) << "\"} " << count << '\n';
                     }},
        MetricFamily{
            "incidentd_slack_api_rate_limited_total", counter,
            "HTTP 429 answers from the Slack Web API.", "", false,
            [](Out& out, Name name, From from) { sample(out, name, from.web_api.rate_limited); }},
        MetricFamily{
            "incidentd_slack_api_retries_total", counter,
            "Slack Web API requests sent again after a transient failure.", "", false,
            [](Out& out, Name name, From from) { sample(out, name, from.web_api.retries); }},
        MetricFamily{"incidentd_ack_latency_seconds", histogram,
                     "From a verified request to its answer (after commit).", "le", false,
                     [](Out& out, Name name, From from) {
                         const Metrics& m = from.metrics;
                         histogram_samples(
                             out, name, ack_buckets,
                             [&m](std::size_t i) { return m.ack_counts_[i].load(); },
                             m.ack_total_.load(), m.ack_sum_ns_.load() / 1e9);
                     }},
        MetricFamily{"incidentd_socket_mode_connected", gauge,
                     "1 while at least one Socket Mode link is open and greeted.", "", true,
                     [](Out& out, Name name, From from) {
                         sample(out, name, from.socket_mode->connected ? 1 : 0);
                     }},
        MetricFamily{"incidentd_socket_mode_connections_open", gauge, "Socket Mode links open now.",
                     "", true,
                     [](Out& out, Name name, From from) {
                         sample(out, name, from.socket_mode->open_connections);
                     }},
        MetricFamily{
            "incidentd_socket_mode_connects_total", counter,
            "Socket Mode links that got their hello.", "", true,
            [](Out& out, Name name, From from) { sample(out, name, from.socket_mode->connects); }},
        MetricFamily{"incidentd_socket_mode_reconnects_total", counter,
                     "Socket Mode links replaced after one was lost or refreshed.", "", true,
                     [](Out& out, Name name, From from) {
                         sample(out, name, from.socket_mode->reconnects);
                     }},
        MetricFamily{"incidentd_socket_mode_connect_failures_total", counter,
                     "Failed attempts to open a Socket Mode link.", "", true,
                     [](Out& out, Name name, From from) {
                         sample(out, name, from.socket_mode->connect_failures);
                     }},
        MetricFamily{"incidentd_socket_mode_disconnect_requests_total", counter,
                     "disconnect frames Slack sent.", "", true,
                     [](Out& out, Name name, From from) {
                         sample(out, name, from.socket_mode->disconnect_requests);
                     }},
        MetricFamily{
            "incidentd_socket_mode_envelopes_total", counter, "Envelopes received.", "", true,
            [](Out& out, Name name, From from) { sample(out, name, from.socket_mode->envelopes); }},
        MetricFamily{
            "incidentd_socket_mode_acks_total", counter, "Envelopes acknowledged.", "", true,
            [](Out& out, Name name, From from) { sample(out, name, from.socket_mode->acks); }},
        MetricFamily{
            "incidentd_socket_mode_unacked_total", counter,
            "Envelopes left unacknowledged so that Slack redelivers them.", "", true,
            [](Out& out, Name name, From from) { sample(out, name, from.socket_mode->unacked); }},
        MetricFamily{"incidentd_socket_mode_ack_latency_seconds", histogram,
                     "From an envelope's arrival to its ack.", "le", true,
                     [](Out& out, Name name, From from) {
                         const slack::SocketModeStats& s = *from.socket_mode;
                         std::uint64_t total = 0;
                         for (std::uint64_t n : s.ack_latency_buckets)
                             total += n;
                         histogram_samples(
                             out, name, slack::socket_ack_latency_bounds,
                             [&s](std::size_t i) { return s.ack_latency_buckets[i]; }, total,
                             s.ack_latency_sum_seconds);
                     }},
    };
    return all;
}

std::string Metrics::prometheus(const slack::ReceiverStats& receiver,
                                const slack::WebClientCounts& web_api,
                                const std::optional<slack::SocketModeStats>& socket_mode) const {
    const MetricSources from{*this, receiver, web_api, socket_mode ? &*socket_mode : nullptr};
    std::ostringstream out;
    for (const MetricFamily& family : families()) {
        if (family.socket_mode_only && from.socket_mode == nullptr) continue;
        out << "# HELP " << family.name << ' ' << family.help << "\n# TYPE " << family.name << ' '
            << to_string(family.type) << '\n';
        family.write(out, family.name, from);
    }
    return out.str();
}

}  // namespace incidentd::bot
