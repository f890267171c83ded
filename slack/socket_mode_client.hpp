// The Socket Mode transport: a WebSocket client that asks apps.connections.open for a link, turns
// each envelope into an Inbound for the same handler the HTTP receiver calls, and acknowledges it
// only when the handler answered 2xx. It keeps its links up: refresh without a gap, reconnect with
// backoff, dead-link detection by pings.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "slack/http_receiver.hpp"

namespace incidentd::slack {

struct SocketModeOptions {
    std::string api_url = "https://slack.com/api/";  // where apps.connections.open is called
    std::string ca_file;                             // extra CAs, as [slack] ca_file
    int connections = 1;  // 1 or 2 concurrent links (Slack allows up to 10)
    // TCP connect, TLS and WebSocket handshakes, and then the hello frame, each within this.
    std::chrono::milliseconds hello_timeout{10'000};
    // A link silent for ping_interval is pinged; with no frame of any kind within pong_timeout
    // after that it is dead, dropped and replaced. (Beast's keep-alive pings do both, at half of
    // their sum each: the two are equal by default.)
    std::chrono::milliseconds ping_interval{10'000};
    std::chrono::milliseconds pong_timeout{10'000};
    // Reconnects wait initial_backoff doubled per failed attempt up to max_backoff, a random point
    // in the upper half of that; a link that got its hello starts over.
    std::chrono::milliseconds initial_backoff{1'000}, max_backoff{60'000};
    // stop() and a replaced link let handlers in flight finish (and ack) for up to this long; a
    // link replaced after refresh_requested first goes on serving for this long, since Slack may
    // still send envelopes on it and an envelope arriving after the close frame cannot be acked.
    std::chrono::milliseconds stop_grace{5'000};
};

// Upper bounds (seconds) of the ack latency histogram: envelope received to ack written.
inline constexpr std::array<double, 9> socket_ack_latency_bounds{0.005, 0.01, 0.025, 0.05, 0.1,
                                                                 0.25,  0.5,  1.0,   2.5};

struct SocketModeStats {
    bool connected = false;  // at least one link has had its hello and is open
    int open_connections = 0;
    std::uint64_t connects = 0;    // links that got their hello
    std::uint64_t reconnects = 0;  // links replaced after one was lost or refreshed
    std::uint64_t envelopes = 0;
    std::uint64_t acks = 0;
    std::uint64_t unacked = 0;      // the handler answered non-2xx (or threw): Slack redelivers
    std::uint64_t undecodable = 0;  // acked without a handler: redelivery cannot help
    std::uint64_t disconnect_requests = 0;
    std::uint64_t connect_failures = 0;  // apps.connections.open, connect, handshake or hello
    // Ack latency, Prometheus style: counts per bucket (not cumulative; the last is +Inf).
    std::array<std::uint64_t, socket_ack_latency_bounds.size() + 1> ack_latency_buckets{};
    double ack_latency_sum_seconds = 0;
};

namespace detail {
class SocketModeState;
}

class SocketModeClient {
  public:
    // Throws std::invalid_argument naming the setting when api_url/ca_file are unusable. The app
    // token is sent only to api_url's host and never logged.
    SocketModeClient(boost::asio::any_io_executor executor, std::string app_token,
                     SocketModeOptions options, InboundHandler handler);
    // Drops every link at once; await stop() first for a clean end.
    ~SocketModeClient();
    SocketModeClient(const SocketModeClient&) = delete;
    SocketModeClient& operator=(const SocketModeClient&) = delete;

    // Connects in the background and keeps connecting, until stop() or link_disabled.
    void start();
    // Stops reconnecting, lets handlers in flight finish and ack (within stop_grace), closes every
    // link with a close frame, and completes when they are closed.
    boost::asio::awaitable<void> stop();

    SocketModeStats stats() const;

  private:
    std::shared_ptr<detail::SocketModeState> state_;
};

}  // namespace incidentd::slack
