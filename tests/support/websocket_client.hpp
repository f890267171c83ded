// A WebSocket client for tests (ws:// on loopback): frames received in the background are queued;
// read() waits for the next one with a timeout; how the link ended is kept (close frame or not).
#pragma once

#include <chrono>
#include <deque>
#include <optional>
#include <stdexcept>
#include <string>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/url/parse.hpp>
#include <nlohmann/json.hpp>

namespace incidentd::test {

class WebSocketClient {
  public:
    // Connects and completes the upgrade; throws with the reason when either fails.
    explicit WebSocketClient(const std::string& url) : ws_(io_) {
        namespace beast = boost::beast;
        auto parsed = boost::urls::parse_uri(url);
        if (!parsed || parsed->scheme() != "ws")
            throw std::runtime_error("not a ws:// URL: " + url);
        const std::string host = parsed->host();
        if (!host.starts_with("127.") && host != "localhost") {
            throw std::runtime_error("tests only talk to loopback addresses, not " + host);
        }
        std::string target = std::string{parsed->encoded_path()};
        if (parsed->has_query()) target += "?" + std::string{parsed->encoded_query()};

        boost::asio::ip::tcp::resolver resolver(io_);
        beast::get_lowest_layer(ws_).expires_after(std::chrono::seconds(5));
        beast::get_lowest_layer(ws_).connect(resolver.resolve(host, parsed->port()));
        beast::error_code ec;
        ws_.handshake(host + ":" + std::string{parsed->port()}, target, ec);
        if (ec) throw std::runtime_error("websocket upgrade refused: " + ec.message());
        beast::get_lowest_layer(ws_).expires_never();
        boost::asio::co_spawn(io_, read_loop(), boost::asio::detached);
    }

    // The next text frame as JSON, or nothing after `timeout` or once the link is closed.
    std::optional<nlohmann::json> read(std::chrono::milliseconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        while (inbox_.empty() && !closed_) {
            const auto now = std::chrono::steady_clock::now();
            if (now >= deadline) break;
            if (io_.stopped()) io_.restart();
            io_.run_one_for(deadline - now);
        }
        if (inbox_.empty()) return std::nullopt;
        auto frame = nlohmann::json::parse(inbox_.front(), nullptr, false);
        inbox_.pop_front();
        return frame;
    }

    void send(const nlohmann::json& message) {
        const std::string text = message.dump();
        bool done = false;
        ws_.text(true);
        ws_.async_write(boost::asio::buffer(text),
                        [&](boost::beast::error_code, std::size_t) { done = true; });
        while (!done) {
            if (io_.stopped()) io_.restart();
            io_.run_one_for(std::chrono::seconds(1));
        }
    }

    // Waits up to `timeout` for the link to end; whether it did.
    bool wait_closed(std::chrono::milliseconds timeout) {
        while (read(timeout)) {
        }
        return closed_;
    }
    bool closed() const { return closed_; }
    // True when the server sent a close frame, false when TCP just ended.
    bool closed_cleanly() const { return close_error_ == boost::beast::websocket::error::closed; }

  private:
    boost::asio::awaitable<void> read_loop() {
        namespace asio = boost::asio;
        for (;;) {
            boost::beast::flat_buffer buffer;
            auto [ec, bytes] = co_await ws_.async_read(buffer, asio::as_tuple(asio::use_awaitable));
            if (ec) {
                close_error_ = ec;
                closed_ = true;
                co_return;
            }
            inbox_.push_back(boost::beast::buffers_to_string(buffer.data()));
        }
    }

    boost::asio::io_context io_;
    boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
    std::deque<std::string> inbox_;
    bool closed_ = false;
    boost::beast::error_code close_error_;
};

}  // namespace incidentd::test
