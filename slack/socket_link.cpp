// The WebSocket link written once over both streams (plain TCP and TLS over TCP).
#include "slack/socket_link.hpp"

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "slack/use_tuple.hpp"

namespace incidentd::slack {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using asio::ip::tcp;
using beast::error_code;

namespace {

using TlsStream = beast::ssl_stream<beast::tcp_stream>;

bool is_timeout(const error_code& ec) {
    return ec == beast::error::timeout || ec == asio::error::timed_out;
}

// Asks OpenSSL to check the certificate's name (or IP address), and sends SNI for names only
// (RFC 6066), as the Web API client does.
bool expect_peer_name(SSL* ssl, const std::string& host) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    error_code ec;
    asio::ip::make_address(host, ec);
    if (!ec) return X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1;
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    return SSL_set1_host(ssl, host.c_str()) == 1 &&
           SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                    const_cast<char*>(host.c_str())) == 1;
}

template <class Stream>
class WebSocketLink final : public SocketLink {
  public:
    template <class... Args>
    explicit WebSocketLink(Args&&... args) : ws_(std::forward<Args>(args)...) {}

    websocket::stream<Stream>& ws() { return ws_; }

    asio::awaitable<error_code> read(beast::flat_buffer& buffer) override {
        auto [ec, bytes] = co_await ws_.async_read(buffer, use_tuple);
        co_return ec;
    }
    asio::awaitable<error_code> write(std::string_view text) override {
        ws_.text(true);
        auto [ec, bytes] = co_await ws_.async_write(asio::buffer(text), use_tuple);
        co_return ec;
    }
    asio::awaitable<error_code> close() override {
        auto [ec] = co_await ws_.async_close(websocket::close_code::normal, use_tuple);
        co_return ec;
    }
    void drop() override {
        error_code ignored;
        beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
        beast::get_lowest_layer(ws_).socket().close(ignored);
    }
    void set_timeouts(std::chrono::milliseconds handshake, std::chrono::milliseconds idle,
                      bool keep_alive_pings) override {
        websocket::stream_base::timeout option{};
        option.handshake_timeout = handshake;
        option.idle_timeout = idle;
        option.keep_alive_pings = keep_alive_pings;
        ws_.set_option(option);
    }

  private:
    websocket::stream<Stream> ws_;
};

// The upgrade, on a stream that is connected (and through TLS) already.
template <class Stream>
asio::awaitable<SocketLink::Opened> upgrade(std::unique_ptr<WebSocketLink<Stream>> link,
                                            const SocketUrl& url,
                                            std::chrono::milliseconds timeout) {
    beast::get_lowest_layer(link->ws()).expires_never();  // the websocket's own timeouts rule now
    link->set_timeouts(timeout, timeout, false);
    link->ws().set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
        request.set(beast::http::field::user_agent, "incidentd");
    }));
    auto [ec] =
        co_await link->ws().async_handshake(url.origin.host_header(), url.target, use_tuple);
    if (ec) {
        co_return url.redacted() + ": the WebSocket upgrade failed (" +
            (is_timeout(ec) ? std::string{"timed out"} : ec.message()) +
            "); a ticket is single use, so a fresh one is asked for next time";
    }
    co_return std::unique_ptr<SocketLink>(std::move(link));
}

}  // namespace

asio::awaitable<SocketLink::Opened> SocketLink::open(const SocketUrl& url, asio::ssl::context& tls,
                                                     std::chrono::milliseconds timeout) {
    auto executor = co_await asio::this_coro::executor;
    const std::string where = url.redacted();

    tcp::resolver resolver(executor);
    auto [resolve_error, endpoints] =
        co_await resolver.async_resolve(url.origin.host, url.origin.port, use_tuple);
    if (resolve_error) {
        co_return where + ": could not resolve " + url.origin.host + " (" +
            resolve_error.message() + ")";
    }
    beast::tcp_stream stream(executor);
    stream.expires_after(timeout);
    auto [connect_error, endpoint] = co_await stream.async_connect(endpoints, use_tuple);
    if (connect_error) {
        co_return where + ": could not connect (" +
            (is_timeout(connect_error) ? std::string{"timed out"} : connect_error.message()) + ")";
    }
    stream.socket().set_option(tcp::no_delay(true));

    if (!url.origin.tls) {
        co_return co_await upgrade(
            std::make_unique<WebSocketLink<beast::tcp_stream>>(std::move(stream)), url, timeout);
    }
    auto link = std::make_unique<WebSocketLink<TlsStream>>(std::move(stream), tls);
    SSL* ssl = link->ws().next_layer().native_handle();
    if (!expect_peer_name(ssl, url.origin.host))
        co_return where + ": could not set the expected certificate name " + url.origin.host;
    beast::get_lowest_layer(link->ws()).expires_after(timeout);
    auto [handshake_error] =
        co_await link->ws().next_layer().async_handshake(asio::ssl::stream_base::client, use_tuple);
    if (handshake_error) {
        const long verify = SSL_get_verify_result(ssl);
        if (verify != X509_V_OK) {
            co_return where + ": the server's TLS certificate did not verify (" +
                X509_verify_cert_error_string(verify) +
                "); if it is signed by a private CA, set [slack] ca_file to that CA's PEM file";
        }
        co_return where + ": the TLS handshake failed (" +
            (is_timeout(handshake_error) ? std::string{"timed out"} : handshake_error.message()) +
            ")";
    }
    co_return co_await upgrade(std::move(link), url, timeout);
}

}  // namespace incidentd::slack
