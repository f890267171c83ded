// One WebSocket link to a Socket Mode URL, plain (loopback only) or TLS: opened with bounded
// connect, TLS (certificate and host name verified) and upgrade handshakes, then used by one
// reader and one writer at a time.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <variant>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include "slack/socket_url.hpp"

namespace incidentd::slack {

class SocketLink {
  public:
    // A link, or what failed (naming the step and the host, never the ticket).
    using Opened = std::variant<std::unique_ptr<SocketLink>, std::string>;

    // Resolves, connects, handshakes TLS (for wss://) and upgrades, each step within `timeout`,
    // on the calling coroutine's executor.
    static boost::asio::awaitable<Opened> open(const SocketUrl& url, boost::asio::ssl::context& tls,
                                               std::chrono::milliseconds timeout);

    virtual ~SocketLink() = default;

    // The next whole message, appended to `buffer`.
    virtual boost::asio::awaitable<boost::beast::error_code> read(
        boost::beast::flat_buffer& buffer) = 0;
    virtual boost::asio::awaitable<boost::beast::error_code> write(std::string_view text) = 0;
    // Sends a close frame and waits (within the handshake timeout) for the peer's; a read in
    // progress ends with websocket::error::closed.
    virtual boost::asio::awaitable<boost::beast::error_code> close() = 0;
    // Ends TCP at once, without a close frame.
    virtual void drop() = 0;

    // Reads fail with beast::error::timeout after `idle` without a frame of any kind; with
    // `keep_alive_pings` a ping goes out after half of it. Closing waits `handshake` at most.
    virtual void set_timeouts(std::chrono::milliseconds handshake, std::chrono::milliseconds idle,
                              bool keep_alive_pings) = 0;
};

}  // namespace incidentd::slack
