// Opening, using and classifying failures of one client HTTP connection.
#include "slack/http_connection.hpp"

#include <sys/socket.h>

#include <cerrno>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "slack/api_result.hpp"
#include "slack/use_tuple.hpp"

namespace incidentd::slack {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

bool is_ip_literal(const std::string& host) {
    error_code ec;
    asio::ip::make_address(host, ec);
    return !ec;
}

bool is_timeout(const error_code& ec) {
    return ec == beast::error::timeout || ec == asio::error::timed_out ||
           ec == asio::error::operation_aborted;
}

bool is_closed(const error_code& ec) {
    return ec == http::error::end_of_stream || ec == asio::error::eof ||
           ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
           ec == asio::error::connection_aborted || ec == asio::ssl::error::stream_truncated;
}

TransportFailure failure(std::string_view code, const Origin& origin, std::string what) {
    return {code, origin.key() + ": " + std::move(what), false};
}

// Asks OpenSSL to check the certificate's name (or IP address) itself, so a mismatch shows up as
// a verification error with OpenSSL's own reason.
bool expect_peer_name(SSL* ssl, const std::string& host) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (is_ip_literal(host)) return X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1;
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    return SSL_set1_host(ssl, host.c_str()) == 1 &&
           SSL_ctrl(ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                    const_cast<char*>(host.c_str())) == 1;  // SNI, for names only (RFC 6066)
}

}  // namespace

HttpConnection::HttpConnection(Origin origin, std::variant<beast::tcp_stream, TlsStream> stream)
    : origin_(std::move(origin)), stream_(std::move(stream)) {}

HttpConnection::~HttpConnection() {
    error_code ignored;
    tcp().socket().shutdown(tcp::socket::shutdown_both, ignored);
    tcp().socket().close(ignored);
}

beast::tcp_stream& HttpConnection::tcp() {
    if (auto* plain = std::get_if<beast::tcp_stream>(&stream_)) return *plain;
    return beast::get_lowest_layer(std::get<TlsStream>(stream_));
}

asio::awaitable<HttpConnection::Opened> HttpConnection::open(const Origin& origin,
                                                             asio::ssl::context& tls,
                                                             Clock::duration timeout) {
    auto executor = co_await asio::this_coro::executor;
    const auto deadline = Clock::now() + timeout;

    // getaddrinfo cannot be given a deadline; a timer cancels the lookup instead.
    tcp::resolver resolver(executor);
    asio::steady_timer resolve_timer(executor, deadline);
    resolve_timer.async_wait([&resolver](error_code ec) {
        if (!ec) resolver.cancel();
    });
    auto [resolve_error, endpoints] =
        co_await resolver.async_resolve(origin.host, origin.port, use_tuple);
    resolve_timer.cancel();
    if (resolve_error) {
        co_return failure(
            is_timeout(resolve_error) ? transport_error::timeout : transport_error::resolve_failed,
            origin,
            "could not resolve " + origin.host + " (" + resolve_error.message() +
                "); check the host in api_url");
    }

    beast::tcp_stream stream(executor);
    stream.expires_at(deadline);
    auto [connect_error, endpoint] = co_await stream.async_connect(endpoints, use_tuple);
    if (connect_error) {
        if (connect_error == asio::error::connection_refused) {
            co_return failure(transport_error::connection_refused, origin,
                              "connection refused; is the server running on that port?");
        }
        if (is_timeout(connect_error)) {
            co_return failure(transport_error::timeout, origin, "connecting timed out");
        }
        co_return failure(transport_error::connect_failed, origin,
                          "could not connect (" + connect_error.message() + ")");
    }
    stream.socket().set_option(tcp::no_delay(true));

    if (!origin.tls) {
        co_return std::unique_ptr<HttpConnection>(new HttpConnection(origin, std::move(stream)));
    }

    TlsStream secure(std::move(stream), tls);
    if (!expect_peer_name(secure.native_handle(), origin.host)) {
        co_return failure(transport_error::tls_handshake_failed, origin,
                          "could not set the expected certificate name " + origin.host);
    }
    beast::get_lowest_layer(secure).expires_at(deadline);
    auto [handshake_error] =
        co_await secure.async_handshake(asio::ssl::stream_base::client, use_tuple);
    if (handshake_error) {
        const long verify = SSL_get_verify_result(secure.native_handle());
        const bool verify_failed =
            verify != X509_V_OK ||
            (handshake_error.category() == asio::error::get_ssl_category() &&
             ERR_GET_REASON(static_cast<unsigned long>(handshake_error.value())) ==
                 SSL_R_CERTIFICATE_VERIFY_FAILED);
        if (verify_failed) {
            const std::string reason = verify != X509_V_OK ? X509_verify_cert_error_string(verify)
                                                           : handshake_error.message();
            co_return failure(transport_error::tls_verification_failed, origin,
                              "the server's TLS certificate did not verify (" + reason +
                                  "); if it is signed by a private CA, set [slack] ca_file to "
                                  "that CA's PEM file");
        }
        if (is_timeout(handshake_error)) {
            co_return failure(transport_error::timeout, origin, "TLS handshake timed out");
        }
        co_return failure(transport_error::tls_handshake_failed, origin,
                          "TLS handshake failed (" + handshake_error.message() + ")");
    }
    co_return std::unique_ptr<HttpConnection>(new HttpConnection(origin, std::move(secure)));
}

bool HttpConnection::peer_closed() {
    // An idle HTTP/1.1 connection has nothing to read: any byte (a TLS alert included), an end
    // of stream or an error means it is done.
    char byte = 0;
    const ssize_t got = ::recv(tcp().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
    return !(got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
}

asio::awaitable<std::optional<TransportFailure>> HttpConnection::exchange(
    const HttpRequest& request, HttpResponse& response, Clock::duration timeout,
    std::size_t body_limit) {
    tcp().expires_after(timeout);
    error_code write_error;
    if (auto* plain = std::get_if<beast::tcp_stream>(&stream_)) {
        std::tie(write_error, std::ignore) = co_await http::async_write(*plain, request, use_tuple);
    } else {
        std::tie(write_error, std::ignore) =
            co_await http::async_write(std::get<TlsStream>(stream_), request, use_tuple);
    }
    if (write_error) {
        if (is_timeout(write_error)) {
            co_return failure(transport_error::timeout, origin_, "sending the request timed out");
        }
        auto closed =
            failure(transport_error::connection_closed, origin_,
                    "the connection failed while sending (" + write_error.message() + ")");
        closed.before_answer = true;
        closed.unsent = true;
        co_return closed;
    }

    http::response_parser<http::string_body> parser;
    parser.body_limit(body_limit);
    error_code read_error;
    if (auto* plain = std::get_if<beast::tcp_stream>(&stream_)) {
        std::tie(read_error, std::ignore) =
            co_await http::async_read(*plain, buffer_, parser, use_tuple);
    } else {
        std::tie(read_error, std::ignore) =
            co_await http::async_read(std::get<TlsStream>(stream_), buffer_, parser, use_tuple);
    }
    if (read_error) {
        if (is_timeout(read_error)) {
            co_return failure(transport_error::timeout, origin_,
                              "no answer within the request timeout");
        }
        if (is_closed(read_error)) {
            auto closed = failure(
                transport_error::connection_closed, origin_,
                "the server closed the connection before answering (" + read_error.message() + ")");
            closed.before_answer = !parser.got_some();
            co_return closed;
        }
        co_return failure(transport_error::invalid_response, origin_,
                          "the answer could not be read as HTTP (" + read_error.message() + ")");
    }
    tcp().expires_never();
    response = parser.release();
    co_return std::nullopt;
}

}  // namespace incidentd::slack
