// The tests' HTTP/1.1 server on 127.0.0.1, run on its own thread and stopped at scope end: it
// records every request (and which connection brought it) and answers as the test's handler says.
// It stands in for the app the emulator delivers to, and for Slack's Web API before the client.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
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

class LoopbackHttpServer {
  public:
    using Clock = std::chrono::steady_clock;

    struct Request {
        std::size_t index = 0;  // 0 for the first request received
        int connection = 0;     // 1 for the first connection accepted, 2 for the next…
        std::string method;
        std::string target;
        std::map<std::string, std::string> headers;  // names lowercased
        std::string body;
        Clock::time_point at;

        std::string header(const std::string& lowercase_name) const {
            auto it = headers.find(lowercase_name);
            return it == headers.end() ? "" : it->second;
        }
    };

    struct Answer {
        int status = 200;
        std::string body;
        std::string content_type = "text/plain";
        std::vector<std::pair<std::string, std::string>> headers;
        std::chrono::milliseconds delay{0};  // answer this late (the connection stays open)
        // Close the connection without answering, after reading the whole request: a server
        // that may have acted on it, and whose answer is lost.
        bool drop = false;
    };
    using Handler = std::function<Answer(const Request&)>;

    // What happens to a connection once a request on it is answered.
    enum class AfterAnswer {
        keep_alive,  // kept for the next request unless the request or answer says close
        // Closed without saying so in the answer: a server dropping an idle keep-alive connection.
        close,
    };

    // Every request answered 200 with an empty text/plain body: an app that acknowledges.
    LoopbackHttpServer() : LoopbackHttpServer(Handler{}) {}
    explicit LoopbackHttpServer(Handler handler, AfterAnswer after = AfterAnswer::keep_alive);
    // Every request answered with `answer`.
    explicit LoopbackHttpServer(Answer answer, AfterAnswer after = AfterAnswer::keep_alive);
    ~LoopbackHttpServer();
    LoopbackHttpServer(const LoopbackHttpServer&) = delete;
    LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

    unsigned short port() const { return port_; }
    std::string url(const std::string& path = "/slack/events") const {
        return "http://127.0.0.1:" + std::to_string(port_) + path;
    }
    // The base URL of a Web API client pointed at this server.
    std::string api_url() const { return url("/api/"); }

    int connections() const { return connections_.load(); }
    std::vector<Request> requests() const {
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
    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket, int connection);

    Handler handler_;
    AfterAnswer after_;
    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::thread thread_;
    std::atomic<int> connections_{0};
    mutable std::mutex mutex_;
    mutable std::condition_variable arrived_;
    std::vector<Request> requests_;
};

// Slack's Web API answer to a call that worked, `{"ok":true}` as JSON, or another status and body
// in the same content type: for a server standing in for Slack before the Web API client.
inline LoopbackHttpServer::Answer web_api_answer(int status = 200,
                                                 std::string body = R"({"ok":true})") {
    LoopbackHttpServer::Answer answer;
    answer.status = status;
    answer.body = std::move(body);
    answer.content_type = "application/json; charset=utf-8";
    return answer;
}

}  // namespace incidentd::test
