// A tiny HTTP/1.1 server on 127.0.0.1 for the Web API client's tests: it answers every request
// with what a handler says, records what arrived and counts the connections it accepted. It runs
// on its own thread and stops at scope end.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
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
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace incidentd::test {

class LoopbackHttpServer {
  public:
    using Clock = std::chrono::steady_clock;

    struct Received {
        std::string target;
        std::string content_type;
        std::string authorization;
        std::string body;
        int connection = 0;  // 1 for the first connection accepted, 2 for the next…
        Clock::time_point at;
    };
    struct Answer {
        int status = 200;
        std::string body = R"({"ok":true})";
        std::vector<std::pair<std::string, std::string>> headers;
    };
    using Handler = std::function<Answer(const Received&)>;

    // With `drop_after_answer` the server closes each connection right after answering, without
    // saying so in the answer: what a server does when it drops an idle keep-alive connection.
    explicit LoopbackHttpServer(Handler handler = {}, bool drop_after_answer = false)
        : handler_(handler ? std::move(handler) : [](const Received&) { return Answer{}; }),
          drop_after_answer_(drop_after_answer),
          acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
        boost::asio::co_spawn(io_, accept_loop(), boost::asio::detached);
        thread_ = std::thread([this] { io_.run(); });
    }
    ~LoopbackHttpServer() {
        io_.stop();
        thread_.join();
    }
    LoopbackHttpServer(const LoopbackHttpServer&) = delete;
    LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

    // The base URL to give the client: "http://127.0.0.1:<port>/api/".
    std::string api_url() const {
        return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/api/";
    }
    unsigned short port() const { return acceptor_.local_endpoint().port(); }
    int connections() const { return connections_.load(); }
    std::vector<Received> received() const {
        std::lock_guard lock(mutex_);
        return received_;
    }

  private:
    boost::asio::awaitable<void> accept_loop() {
        for (;;) {
            auto [ec, socket] =
                co_await acceptor_.async_accept(boost::asio::as_tuple(boost::asio::use_awaitable));
            if (ec) co_return;
            const int number = ++connections_;
            boost::asio::co_spawn(io_, serve(std::move(socket), number), boost::asio::detached);
        }
    }

    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket, int number) {
        namespace http = boost::beast::http;
        constexpr auto no_throw = boost::asio::as_tuple(boost::asio::use_awaitable);
        boost::beast::tcp_stream stream(std::move(socket));
        boost::beast::flat_buffer buffer;
        for (;;) {
            http::request<http::string_body> request;
            stream.expires_after(std::chrono::seconds(10));
            auto [read_error, read_bytes] =
                co_await http::async_read(stream, buffer, request, no_throw);
            if (read_error) co_return;
            Received received{std::string{request.target()},
                              std::string{request[http::field::content_type]},
                              std::string{request[http::field::authorization]},
                              request.body(),
                              number,
                              Clock::now()};
            {
                std::lock_guard lock(mutex_);
                received_.push_back(received);
            }
            Answer answer = handler_(received);
            http::response<http::string_body> response{static_cast<http::status>(answer.status),
                                                       11};
            response.set(http::field::content_type, "application/json; charset=utf-8");
            response.keep_alive(request.keep_alive());
            for (const auto& [name, value] : answer.headers)
                response.set(name, value);
            response.body() = answer.body;
            response.prepare_payload();
            auto [write_error, written] = co_await http::async_write(stream, response, no_throw);
            if (write_error || !response.keep_alive() || drop_after_answer_) {
                boost::beast::error_code ignored;
                stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
                co_return;
            }
        }
    }

    Handler handler_;
    bool drop_after_answer_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::thread thread_;
    std::atomic<int> connections_{0};
    mutable std::mutex mutex_;
    std::vector<Received> received_;
};

}  // namespace incidentd::test
