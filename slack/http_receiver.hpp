// The HTTP transport of Slack's Events API: POST /slack/events for events, slash commands and
// interactivity, signature-checked before anything is parsed; plus /healthz, /readyz, /metrics.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "slack/inbound.hpp"

namespace incidentd::slack {

// An HTTP answer as a handler decides it.
struct DeliveryAnswer {
    unsigned status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // e.g. X-Slack-No-Retry: 1
};

// A text/plain answer with `status`.
inline DeliveryAnswer plain_answer(unsigned status, std::string body) {
    DeliveryAnswer reply;
    reply.status = status;
    reply.body = std::move(body);
    return reply;
}

// Receives every verified, decoded request but url_verification. The HTTP answer is sent only
// when the returned awaitable completes, so a handler acknowledges after its commit.
using InboundHandler = std::function<boost::asio::awaitable<DeliveryAnswer>(Inbound, DeliveryMeta)>;
// Answers GET /healthz, /readyz or /metrics; an empty one makes the path answer 404.
using ProbeHandler = std::function<DeliveryAnswer()>;

struct HttpReceiverHandlers {
    // Empty: Slack's requests arrive another way (Socket Mode); /slack/events answers 404 and no
    // signing secret is needed.
    InboundHandler inbound;
    ProbeHandler healthz;
    ProbeHandler readyz;
    ProbeHandler metrics;
};

struct HttpReceiverOptions {
    std::string host = "127.0.0.1";  // an IP address or a name that resolves to one
    std::uint16_t port = 0;          // 0: the system picks one; see HttpReceiver::port()
    std::string signing_secret;
    std::function<std::chrono::system_clock::time_point()> clock = [] {
        return std::chrono::system_clock::now();
    };

    std::size_t body_limit = 1024 * 1024;  // larger bodies: 413
    std::size_t header_limit = 16 * 1024;  // larger headers: 431
    // A kept-alive connection may wait this long for its next request.
    std::chrono::milliseconds idle_timeout{std::chrono::seconds{60}};
    // A new connection must send its first byte within this: Slack sends its request at once,
    // and a socket opened and left silent only holds a place another client needs.
    std::chrono::milliseconds first_byte_timeout{std::chrono::seconds{5}};
    // Once a request starts, its headers must all arrive within this, and then its body within
    // body_timeout: a client trickling bytes (slowloris) is cut off.
    std::chrono::milliseconds header_timeout{std::chrono::seconds{10}};
    std::chrono::milliseconds body_timeout{std::chrono::seconds{10}};
    std::chrono::milliseconds write_timeout{std::chrono::seconds{10}};
    // After an error answer the rest of the request is read and dropped for up to this long, so
    // the client sees the answer instead of a connection reset.
    std::chrono::milliseconds linger_timeout{std::chrono::seconds{2}};
    // At the cap, a new connection takes the place of the longest-idle ones that are between
    // requests (kept alive, or never sent a byte; an eighth of them, 1 to 32, are closed at
    // once), so silent sockets cannot lock Slack out; only when every connection is in the
    // middle of a request is the new one closed at once.
    std::size_t max_connections = 256;
    // stop() lets requests in progress finish for up to this long, then closes what remains.
    std::chrono::milliseconds stop_grace{std::chrono::seconds{5}};
};

// How each request ended, for /metrics.
enum class RequestOutcome {
    handled,             // the inbound handler answered
    url_verification,    // answered with the challenge
    probe,               // /healthz, /readyz, /metrics
    unauthorized,        // 401: signature missing, stale or wrong
    malformed,           // 400: not HTTP, not JSON, not a Slack payload
    not_found,           // 404
    method_not_allowed,  // 405
    body_too_large,      // 413
    headers_too_large,   // 431
    handler_failed,      // 500: a handler threw
};
inline constexpr std::size_t request_outcome_count = 10;
std::string_view to_string(RequestOutcome outcome);  // "handled", "unauthorized", …

struct ReceiverStats {
    std::array<std::uint64_t, request_outcome_count> requests{};  // indexed by RequestOutcome
    std::uint64_t connections_accepted = 0;
    std::uint64_t connections_refused = 0;    // over max_connections, none of them idle
    std::uint64_t connections_evicted = 0;    // idle, closed to admit a new one at the cap
    std::uint64_t connections_timed_out = 0;  // cut off mid-request by a header or body timeout
    std::uint64_t connections_open = 0;
    std::uint64_t connections_in_request = 0;  // open and past a request's first byte, unanswered

    std::uint64_t count(RequestOutcome outcome) const {
        return requests[static_cast<std::size_t>(outcome)];
    }
};

namespace detail {
class ReceiverState;
}

class HttpReceiver {
  public:
    HttpReceiver(boost::asio::any_io_executor executor, HttpReceiverOptions options,
                 HttpReceiverHandlers handlers);
    // Closes the listener and every connection at once; await stop() first for a graceful end.
    ~HttpReceiver();
    HttpReceiver(const HttpReceiver&) = delete;
    HttpReceiver& operator=(const HttpReceiver&) = delete;

    // Binds, listens and starts accepting. Returns why it could not, naming the address, or
    // nothing on success.
    [[nodiscard]] std::optional<std::string> listen();

    // The bound address, valid after a successful listen(): how tests learn a port-0 port.
    boost::asio::ip::tcp::endpoint local_endpoint() const;
    std::uint16_t port() const { return local_endpoint().port(); }

    // Stops accepting, closes idle connections, lets requests in progress finish within
    // stop_grace, then closes whatever remains. Completes when that is done.
    boost::asio::awaitable<void> stop();

    ReceiverStats stats() const;

  private:
    std::shared_ptr<detail::ReceiverState> state_;
};

}  // namespace incidentd::slack
