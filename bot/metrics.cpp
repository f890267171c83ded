#include "bot/metrics.hpp"

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

void header(std::ostringstream& out, std::string_view name, std::string_view type,
            std::string_view help) {
    out << "# HELP " << name << ' ' << help << "\n# TYPE " << name << ' ' << type << '\n';
}

void counter(std::ostringstream& out, std::string_view name, std::string_view help,
             std::uint64_t value) {
    header(out, name, "counter", help);
    out << name << ' ' << value << '\n';
}

void write_socket_mode(std::ostringstream& out, const slack::SocketModeStats& s) {
    header(out, "incidentd_socket_mode_connected", "gauge",
           "1 while at least one Socket Mode link is open and greeted.");
    out << "incidentd_socket_mode_connected " << (s.connected ? 1 : 0) << '\n';
    header(out, "incidentd_socket_mode_connections_open", "gauge", "Socket Mode links open now.");
    out << "incidentd_socket_mode_connections_open " << s.open_connections << '\n';
    counter(out, "incidentd_socket_mode_connects_total", "Socket Mode links that got their hello.",
            s.connects);
    counter(out, "incidentd_socket_mode_reconnects_total",
            "Socket Mode links replaced after one was lost or refreshed.", s.reconnects);
    counter(out, "incidentd_socket_mode_connect_failures_total",
            "Failed attempts to open a Socket Mode link.", s.connect_failures);
    counter(out, "incidentd_socket_mode_disconnect_requests_total", "disconnect frames Slack sent.",
            s.disconnect_requests);
    counter(out, "incidentd_socket_mode_envelopes_total", "Envelopes received.", s.envelopes);
    counter(out, "incidentd_socket_mode_acks_total", "Envelopes acknowledged.", s.acks);
    counter(out, "incidentd_socket_mode_unacked_total",
            "Envelopes left unacknowledged so that Slack redelivers them.", s.unacked);
    header(out, "incidentd_socket_mode_ack_latency_seconds", "histogram",
           "From an envelope's arrival to its ack.");
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < slack::socket_ack_latency_bounds.size(); ++i) {
        cumulative += s.ack_latency_buckets[i];
        out << "incidentd_socket_mode_ack_latency_seconds_bucket{le=\""
            << number(slack::socket_ack_latency_bounds[i]) << "\"} " << cumulative << '\n';
    }
    cumulative += s.ack_latency_buckets.back();
    out << "incidentd_socket_mode_ack_latency_seconds_bucket{le=\"+Inf\"} " << cumulative << '\n';
    out << "incidentd_socket_mode_ack_latency_seconds_sum " << number(s.ack_latency_sum_seconds)
        << '\n';
    out << "incidentd_socket_mode_ack_latency_seconds_count " << cumulative << '\n';
}

}  // namespace

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

std::string Metrics::prometheus(const slack::ReceiverStats& receiver,
                                const slack::WebClientCounts& web_api,
                                const std::optional<slack::SocketModeStats>& socket_mode) const {
    std::ostringstream out;
    header(out, "incidentd_up", "gauge", "1 while incidentd serves; ready says whether Slack is.");
    out << "incidentd_up 1\n";
    header(out, "incidentd_ready", "gauge",
           "1 when the database is writable and auth.test succeeded.");
    out << "incidentd_ready " << (ready_ ? 1 : 0) << '\n';

    header(out, "incidentd_requests_total", "counter", "HTTP requests by how they ended.");
    for (std::size_t i = 0; i < slack::request_outcome_count; ++i)
        out << "incidentd_requests_total{outcome=\""
            << slack::to_string(static_cast<slack::RequestOutcome>(i)) << "\"} "
            << receiver.requests[i] << '\n';
    header(out, "incidentd_connections_open", "gauge", "HTTP connections open now.");
    out << "incidentd_connections_open " << receiver.connections_open << '\n';
    header(out, "incidentd_connections_refused_total", "counter",
           "HTTP connections closed at once because too many were open.");
    out << "incidentd_connections_refused_total " << receiver.connections_refused << '\n';

    header(out, "incidentd_events_total", "counter", "Slack events by what became of them.");
    for (std::size_t i = 0; i < event_outcome_count; ++i)
        out << "incidentd_events_total{outcome=\"" << to_string(static_cast<EventOutcome>(i))
            << "\"} " << events_[i].load() << '\n';
    header(out, "incidentd_events_recorded_total", "counter",
           "Slack events appended to an incident record.");
    out << "incidentd_events_recorded_total " << events_[index(EventOutcome::recorded)].load()
        << '\n';
    header(out, "incidentd_events_duplicate_total", "counter",
           "Slack events recorded once already (retries, second deliveries).");
    out << "incidentd_events_duplicate_total " << events_[index(EventOutcome::duplicate)].load()
        << '\n';
    header(out, "incidentd_commands_total", "counter", "Slash commands handled.");
    out << "incidentd_commands_total " << commands_.load() << '\n';
    header(out, "incidentd_jobs_total", "counter", "Scheduled jobs run (archive, reminders).");
    out << "incidentd_jobs_total " << jobs_.load() << '\n';

    header(out, "incidentd_outbox_pending", "gauge", "Outbox calls waiting to be carried out.");
    out << "incidentd_outbox_pending " << outbox_pending_.load() << '\n';
    header(out, "incidentd_outbox_attempts_total", "counter", "Outbox attempts by outcome.");
    for (std::size_t i = 0; i < outbox_outcome_count; ++i)
        out << "incidentd_outbox_attempts_total{outcome=\""
            << to_string(static_cast<OutboxOutcome>(i)) << "\"} " << outbox_[i].load() << '\n';

    header(out, "incidentd_slack_lookups_total", "counter",
           "Look-ups for an earlier attempt's effect before doing it, by the method that makes "
           "it and what they found (found, absent, failed, unavailable).");
    for (std::size_t e = 0; e < looked_for_count; ++e)
        for (std::size_t o = 0; o < lookup_outcome_count; ++o)
            out << "incidentd_slack_lookups_total{method=\"" << method_of(static_cast<LookedFor>(e))
                << "\",outcome=\"" << to_string(static_cast<LookupOutcome>(o)) << "\"} "
                << lookups_[e][o].load() << '\n';

    header(out, "incidentd_slack_api_calls_total", "counter",
           "Slack Web API calls by method and status (ok, slack, http, transport).");
    for (const auto& [key, count] : web_api.calls)
        out << "incidentd_slack_api_calls_total{method=\"" << label(key.first) << "\",status=\""
            << label(key.second) << "\"} " << count << '\n';
    header(out, "incidentd_slack_api_rate_limited_total", "counter",
           "HTTP 429 answers from the Slack Web API.");
    out << "incidentd_slack_api_rate_limited_total " << web_api.rate_limited << '\n';
    header(out, "incidentd_slack_api_retries_total", "counter",
           "Slack Web API requests sent again after a transient failure.");
    out << "incidentd_slack_api_retries_total " << web_api.retries << '\n';

    header(out, "incidentd_ack_latency_seconds", "histogram",
           "From a verified request to its answer (after commit).");
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < ack_buckets.size(); ++i) {
        cumulative += ack_counts_[i].load();
        out << "incidentd_ack_latency_seconds_bucket{le=\"" << number(ack_buckets[i]) << "\"} "
            << cumulative << '\n';
    }
    out << "incidentd_ack_latency_seconds_bucket{le=\"+Inf\"} " << ack_total_.load() << '\n';
    out << "incidentd_ack_latency_seconds_sum " << number(ack_sum_ns_.load() / 1e9) << '\n';
    out << "incidentd_ack_latency_seconds_count " << ack_total_.load() << '\n';
    if (socket_mode) write_socket_mode(out, *socket_mode);
    return out.str();
}

}  // namespace incidentd::bot
