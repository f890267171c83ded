// Accept loop and per-connection TLS handshake (or its truncation, when a stall is armed);
// everything after is serve_http's.
#include "emulator/server.hpp"

#include <array>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

#include "emulator/http_session.hpp"
#include "emulator/tls_stalls.hpp"
#include "slack/use_tuple.hpp"

namespace incidentd::emulator {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
using slack::use_tuple;

namespace {

constexpr std::chrono::seconds handshake_timeout{10};

// Logs what ended a detached coroutine with an exception; the process carries on.
auto log_failure(const char* what) {
    return [what](std::exception_ptr failure) {
        if (!failure) return;
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& e) {
            spdlog::error("{}: {}", what, e.what());
        }
    };
}

// Reads the client's first TLS record (its ClientHello), then fails the handshake the way `stall`
// says, holding the connection open until the client gives up or the hold ends.
asio::awaitable<void> truncate_handshake(beast::tcp_stream stream, TlsStall stall) {
    stream.expires_after(stall.hold);
    std::array<unsigned char, 5> record_header{};
    auto [header_error, header_bytes] =
        co_await asio::async_read(stream, asio::buffer(record_header), use_tuple);
    if (header_error) co_return;
    std::vector<unsigned char> hello(static_cast<std::size_t>(record_header[3]) << 8 |
                                     record_header[4]);
    auto [hello_error, hello_bytes] =
        co_await asio::async_read(stream, asio::buffer(hello), use_tuple);
    if (hello_error) co_return;
    spdlog::info("tls: truncating a handshake on purpose (/_emulator/tls_stalls)");
    switch (stall.mode) {
        case TlsStallMode::reset: {
            beast::error_code ignored;
            stream.socket().set_option(asio::socket_base::linger(true, 0), ignored);
            stream.socket().close(ignored);
            co_return;
        }
        case TlsStallMode::half_hello: {
            // A handshake record announcing 90 bytes and a ServerHello of 86, of which only the
            // version arrives: the client has started parsing and must wait for the rest.
            constexpr std::array<unsigned char, 11> partial{0x16, 0x03, 0x03, 0x00, 0x5a, 0x02,
                                                            0x00, 0x00, 0x56, 0x03, 0x03};
            auto [write_error, written] =
                co_await asio::async_write(stream, asio::buffer(partial), use_tuple);
            if (write_error) co_return;
            break;
        }
        case TlsStallMode::silent:
            break;
    }
    std::array<char, 1024> sink{};
    for (;;) {
        auto [read_error, read] = co_await stream.async_read_some(asio::buffer(sink), use_tuple);
        if (read_error) co_return;
    }
}

}  // namespace

Server::Server(asio::io_context& io, Emulator& emulator)
    : io_(io), emulator_(emulator), acceptor_(io) {}

std::string Server::listen(const Options& options) {
    if (options.tls()) {
        tls_.emplace(asio::ssl::context::tls_server);
        beast::error_code ec;
        tls_->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                          asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                          asio::ssl::context::no_tlsv1_1);
        tls_->use_certificate_chain_file(options.tls_cert, ec);
        if (ec) return "--tls-cert " + options.tls_cert + ": " + ec.message() + " (a PEM chain)";
        tls_->use_private_key_file(options.tls_key, asio::ssl::context::pem, ec);
        if (ec) return "--tls-key " + options.tls_key + ": " + ec.message() + " (a PEM key)";
    }
    beast::error_code ec;
    auto address = asio::ip::make_address(options.listen_host, ec);
    if (ec) return "--listen: \"" + options.listen_host + "\" is not an IP address";
    tcp::endpoint endpoint{address, options.listen_port};
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return "--listen " + options.listen_host + ":" + std::to_string(options.listen_port) +
               ": " + ec.message();
    }
    host_ = options.listen_host;
    return "";
}

std::string Server::base_url() const {
    const auto port = acceptor_.local_endpoint().port();
    return std::string{tls_ ? "https" : "http"} + "://" + host_ + ":" + std::to_string(port);
}

void Server::start() {
    asio::co_spawn(io_, accept_loop(), log_failure("accept loop"));
}

void Server::stop() {
    beast::error_code ignored;
    acceptor_.close(ignored);
}

asio::awaitable<void> Server::accept_loop() {
    while (acceptor_.is_open()) {
        auto [ec, socket] = co_await acceptor_.async_accept(use_tuple);
        if (ec) {
            if (ec == asio::error::operation_aborted) break;
            spdlog::warn("accept failed: {}", ec.message());
            continue;
        }
        asio::co_spawn(io_, serve(std::move(socket)), log_failure("connection"));
    }
}

asio::awaitable<void> Server::serve(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    if (!tls_) {
        co_await serve_http(std::move(stream), emulator_);
        co_return;
    }
    if (auto stall = emulator_.tls_stalls().take()) {
        co_await truncate_handshake(std::move(stream), *stall);
        co_return;
    }
    beast::ssl_stream<beast::tcp_stream> secure(std::move(stream), *tls_);
    beast::get_lowest_layer(secure).expires_after(handshake_timeout);
    auto [ec] = co_await secure.async_handshake(asio::ssl::stream_base::server, use_tuple);
    if (ec) {
        spdlog::info("tls handshake failed: {}", ec.message());
        co_return;
    }
    co_await serve_http(std::move(secure), emulator_);
}

}  // namespace incidentd::emulator
