// Accept loop and per-connection TLS handshake; everything after is serve_http's.
#include "emulator/server.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>

#include "emulator/http_session.hpp"

namespace incidentd::emulator {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

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
        auto [ec, socket] = co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
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
    beast::ssl_stream<beast::tcp_stream> secure(std::move(stream), *tls_);
    beast::get_lowest_layer(secure).expires_after(handshake_timeout);
    auto [ec] = co_await secure.async_handshake(asio::ssl::stream_base::server,
                                                asio::as_tuple(asio::use_awaitable));
    if (ec) {
        spdlog::info("tls handshake failed: {}", ec.message());
        co_return;
    }
    co_await serve_http(std::move(secure), emulator_);
}

}  // namespace incidentd::emulator
