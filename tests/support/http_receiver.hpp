// A tiny HTTP server on 127.0.0.1 for tests, run on its own thread: it records every request and
// answers with what the test's handler says (status, body, headers, an optional delay).
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

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

    explicit HttpReceiver(Handler handler = [](const ReceivedRequest&) {
        return ReceiverAnswer{};
    });
    ~HttpReceiver();
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
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket);

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
