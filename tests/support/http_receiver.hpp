// A tiny HTTP server on 127.0.0.1 for tests, run on its own thread: it records every request and
// answers with what the test's handler says (status, body, headers, an optional delay).
#pragma once

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace incidentd::test {

struct ReceivedRequest {
    std::size_t index = 0;  // 0 for the first request received
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;  // names lowercased
    std::string body;
    std::chrono::steady_clock::time_point at;

    std::string header(const std::string& lowercase_name) const {
        auto it = headers.find(lowercase_name);
        return it == headers.end() ? "" : it->second;
    }
};

struct ReceiverAnswer {
    int status = 200;
    std::string body;
    std::string content_type = "text/plain";
    std::vector<std::pair<std::string, std::string>> headers;
    std::chrono::milliseconds delay{0};  // answer this late (the connection stays open)
};

class HttpReceiver {
  public:
    using Handler = std::function<ReceiverAnswer(const ReceivedRequest&)>;

    explicit HttpReceiver(Handler handler = [](const ReceivedRequest&) { return ReceiverAnswer{}; })
        : handler_(std::move(handler)), acceptor_(io_) {
        using boost::asio::ip::tcp;
        tcp::endpoint endpoint{boost::asio::ip::make_address("127.0.0.1"), 0};
        acceptor_.open(endpoint.protocol());
        acceptor_.bind(endpoint);
        acceptor_.listen();
        port_ = acceptor_.local_endpoint().port();
        boost::asio::co_spawn(io_, accept_loop(), boost::asio::detached);
        thread_ = std::thread([this] { io_.run(); });
    }

    ~HttpReceiver() {
        io_.stop();
        thread_.join();
    }
    HttpReceiver(const HttpReceiver&) = delete;
    HttpReceiver& operator=(const HttpReceiver&) = delete;

    std::string url(const std::string& path = "/slack/events") const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }

    std::vector<ReceivedRequest> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

    // Waits until at least `count` requests arrived; false when the time ran out.
    bool wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) const {
        std::unique_lock lock(mutex_);
        return arrived_.wait_for(lock, timeout, [&] { return requests_.size() >= count; });
    }

  private:
    boost::asio::awaitable<void> accept_loop() {
        namespace asio = boost::asio;
        for (;;) {
            auto [ec, socket] =
                co_await acceptor_.async_accept(asio::as_tuple(asio::use_awaitable));
            if (ec) co_return;
            asio::co_spawn(io_, serve(std::move(socket)), asio::detached);
        }
    }

    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket) {
        namespace asio = boost::asio;
        namespace beast = boost::beast;
        namespace http = beast::http;
        beast::tcp_stream stream(std::move(socket));
        beast::flat_buffer buffer;
        for (;;) {
            stream.expires_after(std::chrono::seconds(30));
            http::request<http::string_body> request;
            auto [read_error, bytes] = co_await http::async_read(
                stream, buffer, request, asio::as_tuple(asio::use_awaitable));
            if (read_error) co_return;

            ReceivedRequest received;
            received.method = std::string{request.method_string()};
            received.target = std::string{request.target()};
            received.body = request.body();
            received.at = std::chrono::steady_clock::now();
            for (const auto& field : request) {
                std::string name{field.name_string()};
                std::transform(name.begin(), name.end(), name.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
                received.headers[name] = std::string{field.value()};
            }
            {
                std::lock_guard lock(mutex_);
                received.index = requests_.size();
                requests_.push_back(received);
            }
            arrived_.notify_all();

            ReceiverAnswer answer = handler_(received);
            if (answer.delay.count() > 0) {
                asio::steady_timer wait(io_, answer.delay);
                co_await wait.async_wait(asio::as_tuple(asio::use_awaitable));
            }
            http::response<http::string_body> response{static_cast<http::status>(answer.status),
                                                       request.version()};
            response.set(http::field::content_type, answer.content_type);
            for (const auto& [name, value] : answer.headers)
                response.set(name, value);
            response.keep_alive(request.keep_alive());
            response.body() = answer.body;
            response.prepare_payload();
            auto [write_error, written] =
                co_await http::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
            if (write_error || !response.keep_alive()) co_return;
        }
    }

    Handler handler_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    mutable std::condition_variable arrived_;
    std::vector<ReceivedRequest> requests_;
};

}  // namespace incidentd::test
