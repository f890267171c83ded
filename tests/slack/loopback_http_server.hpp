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

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

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
        // Close the connection without answering, after reading the whole request: a server
        // that may have acted on it, and whose answer is lost.
        bool drop = false;
    };
    using Handler = std::function<Answer(const Received&)>;

    // With `drop_after_answer` the server closes each connection right after answering, without
    // saying so in the answer: what a server does when it drops an idle keep-alive connection.
    explicit LoopbackHttpServer(Handler handler = {}, bool drop_after_answer = false);
    ~LoopbackHttpServer();
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
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket, int number);

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
