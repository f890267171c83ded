// One client HTTP/1.1 connection to an origin, plain or TLS: opened with a bounded resolve,
// connect and handshake (certificate and host name verified), then used for request/answer
// exchanges while the server keeps it alive.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "slack/api_url.hpp"

namespace incidentd::slack {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

struct TransportFailure {
    std::string_view code;  // one of transport_error (api_result.hpp)
    std::string message;    // names the origin and the step that failed
    // The server closed or reset the connection before any of the answer arrived: on a reused
    // connection often the server having dropped it while idle, but it may also have acted on
    // the request first.
    bool before_answer = false;
    // The request was not written whole, so the server cannot have acted on it: it is safe to
    // send it again on a fresh connection, whatever it does.
    bool unsent = false;
};

class HttpConnection {
  public:
    using Clock = std::chrono::steady_clock;
    using Opened = std::variant<std::unique_ptr<HttpConnection>, TransportFailure>;

    // Resolves, connects and (for https) handshakes within `timeout`, on the calling coroutine's
    // executor.
    static boost::asio::awaitable<Opened> open(const Origin& origin, boost::asio::ssl::context& tls,
                                               Clock::duration timeout);

    // Sends `request` and reads the answer into `response` within `timeout`.
    boost::asio::awaitable<std::optional<TransportFailure>> exchange(const HttpRequest& request,
                                                                     HttpResponse& response,
                                                                     Clock::duration timeout,
                                                                     std::size_t body_limit);

    const Origin& origin() const { return origin_; }
    // True when the idle connection can no longer carry a request: the server closed it (its
    // FIN or TLS close_notify is waiting to be read) or it failed. Looked at without blocking
    // before a pooled connection is reused, so a request is rarely written into a closed one.
    bool peer_closed();
    Clock::time_point idle_since() const { return idle_since_; }
    void mark_idle() { idle_since_ = Clock::now(); }

    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;
    ~HttpConnection();

  private:
    using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;
    HttpConnection(Origin origin, std::variant<boost::beast::tcp_stream, TlsStream> stream);
    boost::beast::tcp_stream& tcp();

    Origin origin_;
    std::variant<boost::beast::tcp_stream, TlsStream> stream_;
    boost::beast::flat_buffer buffer_;
    Clock::time_point idle_since_ = Clock::now();
};

}  // namespace incidentd::slack
