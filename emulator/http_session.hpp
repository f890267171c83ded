// One HTTP connection over any stream (plain or TLS): read a request, route it, answer (late or
// not at all when a fault says so), until the peer closes; a Socket Mode upgrade hands the stream
// to a WebSocketSession.
#pragma once

#include <chrono>
#include <memory>

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include "emulator/emulator.hpp"
#include "emulator/websocket_session.hpp"

namespace incidentd::emulator {

inline constexpr std::chrono::seconds http_idle_timeout{60};
inline constexpr std::uint64_t http_body_limit = 64 * 1024 * 1024;  // uploads

template <class Stream>
boost::asio::awaitable<void> serve_http(Stream stream, Emulator& emulator) {
    namespace asio = boost::asio;
    namespace beast = boost::beast;
    beast::flat_buffer buffer;
    for (;;) {
        beast::get_lowest_layer(stream).expires_after(http_idle_timeout);
        http::request_parser<http::string_body> parser;
        parser.body_limit(http_body_limit);
        auto [read_error, bytes] =
            co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
        if (read_error) {
            if (read_error != http::error::end_of_stream && read_error != beast::error::timeout) {
                spdlog::debug("http: read failed: {}", read_error.message());
            }
            break;
        }
        Request request = parser.release();

        if (beast::websocket::is_upgrade(request)) {
            if (!emulator.accept_socket_mode(request.target())) {
                Response refused{http::status::unauthorized, request.version()};
                refused.body() = "invalid or used Socket Mode ticket: call apps.connections.open";
                refused.prepare_payload();
                co_await http::async_write(stream, refused, asio::as_tuple(asio::use_awaitable));
                break;
            }
            auto session = std::make_shared<WebSocketSession<Stream>>(std::move(stream));
            co_await session->run(std::move(request), emulator.socket_mode(), emulator.app_id());
            co_return;
        }

        PlannedResponse reply = co_await emulator.handle(request);
        if (reply.delay.count() > 0) {
            asio::steady_timer wait(stream.get_executor(), reply.delay);
            co_await wait.async_wait(asio::as_tuple(asio::use_awaitable));
        }
        if (reply.drop_connection) {
            beast::error_code ignored;
            beast::get_lowest_layer(stream).socket().close(ignored);
            co_return;
        }
        Response& response = reply.response;
        response.version(request.version());
        response.keep_alive(request.keep_alive());
        response.set(http::field::server, "slack-emulator");
        response.prepare_payload();
        auto [write_error, written] =
            co_await http::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
        if (write_error) {
            spdlog::debug("http: write failed: {}", write_error.message());
            break;
        }
        if (!response.keep_alive()) break;
    }
    beast::error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(asio::ip::tcp::socket::shutdown_send,
                                                      ignored);
}

}  // namespace incidentd::emulator
