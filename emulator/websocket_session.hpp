// One Socket Mode client connection over any stream (plain or TLS): greets with hello, hands
// incoming frames (acks) to SocketMode, and writes queued frames one at a time.
#pragma once

#include <deque>
#include <memory>
#include <string>

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "emulator/http_types.hpp"
#include "emulator/socket_mode.hpp"

namespace incidentd::emulator {

template <class Stream>
class WebSocketSession : public SocketConnection,
                         public std::enable_shared_from_this<WebSocketSession<Stream>> {
  public:
    explicit WebSocketSession(Stream stream)
        : ws_(std::move(stream)), signal_(ws_.get_executor()) {}

    void send_text(std::string text) override {
        queue_.push_back(std::move(text));
        signal_.cancel();
    }
    void close() override {
        closing_ = true;
        signal_.cancel();
    }
    void drop() override {
        boost::beast::error_code ignored;
        boost::beast::get_lowest_layer(ws_).socket().close(ignored);
    }

    // Accepts the upgrade and serves the connection until either side ends it.
    boost::asio::awaitable<void> run(Request upgrade, SocketMode& socket_mode, std::string app_id) {
        namespace asio = boost::asio;
        namespace websocket = boost::beast::websocket;
        boost::beast::get_lowest_layer(ws_).expires_never();
        // Server-side pings and an idle timeout, as Slack keeps its links alive.
        ws_.set_option(websocket::stream_base::timeout::suggested(boost::beast::role_type::server));
        auto [accept_error] =
            co_await ws_.async_accept(upgrade, asio::as_tuple(asio::use_awaitable));
        if (accept_error) {
            spdlog::warn("socket mode: upgrade failed: {}", accept_error.message());
            co_return;
        }
        auto self = this->shared_from_this();
        socket_mode.attach(self);
        send_text(socket_mode.hello(app_id).dump());
        asio::co_spawn(ws_.get_executor(), write_loop(self), asio::detached);
        spdlog::info("socket mode: connection {} open", id);

        boost::beast::flat_buffer buffer;
        for (;;) {
            auto [read_error, bytes] =
                co_await ws_.async_read(buffer, asio::as_tuple(asio::use_awaitable));
            if (read_error) {
                spdlog::info("socket mode: connection {} ended: {}", id, read_error.message());
                break;
            }
            socket_mode.on_message(id, boost::beast::buffers_to_string(buffer.data()));
            buffer.consume(buffer.size());
        }
        stopped_ = true;
        signal_.cancel();
        socket_mode.detach(id);
    }

  private:
    boost::asio::awaitable<void> write_loop(
        std::shared_ptr<WebSocketSession> /*keeps this alive*/) {
        namespace asio = boost::asio;
        while (!stopped_) {
            while (!queue_.empty() && !stopped_) {
                const std::string frame = std::move(queue_.front());
                queue_.pop_front();
                ws_.text(true);
                auto [write_error, written] = co_await ws_.async_write(
                    asio::buffer(frame), asio::as_tuple(asio::use_awaitable));
                if (write_error) co_return;
            }
            if (closing_ && !stopped_) {
                co_await ws_.async_close(boost::beast::websocket::close_code::normal,
                                         asio::as_tuple(asio::use_awaitable));
                co_return;
            }
            signal_.expires_at(asio::steady_timer::time_point::max());
            co_await signal_.async_wait(asio::as_tuple(asio::use_awaitable));
        }
    }

    boost::beast::websocket::stream<Stream> ws_;
    boost::asio::steady_timer signal_;
    std::deque<std::string> queue_;
    bool closing_ = false;
    bool stopped_ = false;
};

}  // namespace incidentd::emulator
