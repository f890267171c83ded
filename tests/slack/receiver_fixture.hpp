// A real HttpReceiver on 127.0.0.1 with its own io_context threads and a handler the test
// shapes, plus request signing and a raw connection for keep-alive, trickling and refusal tests.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "slack/http_receiver.hpp"
#include "slack/signature.hpp"
#include "support/eventually.hpp"
#include "support/http_client.hpp"

namespace incidentd::test {

inline const std::string signing_secret = "8f742231b10e8888abcd99yyyzzz85a5";

// Headers that make `body` a request Slack signed at `signed_at`.
inline std::vector<std::pair<std::string, std::string>> slack_headers(
    const std::string& body, const std::string& content_type = "application/json",
    std::chrono::system_clock::time_point signed_at = std::chrono::system_clock::now(),
    const std::string& secret = signing_secret) {
    const std::string timestamp = std::to_string(
        std::chrono::duration_cast<std::chrono::seconds>(signed_at.time_since_epoch()).count());
    return {{"Content-Type", content_type},
            {"X-Slack-Request-Timestamp", timestamp},
            {"X-Slack-Signature", slack::compute_signature(secret, timestamp, body)}};
}

inline std::string message_event_body(const std::string& event_id, const std::string& text) {
    return R"({"type":"event_callback","team_id":"T0001","api_app_id":"A0001","event_id":")" +
           event_id +
           R"(","event_time":1764000000,"event":{"type":"message","channel":"C0INC",)"
           R"("user":"U0ALICE","text":")" +
           text + R"(","ts":"1764000000.000100"}})";
}

// Short timeouts so that timeout tests finish quickly; each test changes what it exercises.
inline slack::HttpReceiverOptions test_options() {
    slack::HttpReceiverOptions options;
    options.signing_secret = signing_secret;
    options.idle_timeout = std::chrono::seconds(5);
    options.header_timeout = std::chrono::milliseconds(300);
    options.body_timeout = std::chrono::milliseconds(300);
    options.linger_timeout = std::chrono::milliseconds(500);
    options.stop_grace = std::chrono::seconds(3);
    return options;
}

// For counters the server updates just after the client has seen the effect.
using incidentd::test::eventually;

struct HandlerCall {
    slack::Inbound inbound;
    slack::DeliveryMeta meta;
};

class RunningReceiver {
  public:
    // What the inbound handler answers, and how long it takes (as a store commit would).
    std::function<slack::DeliveryAnswer(const slack::Inbound&)> answer = [](const slack::Inbound&) {
        return slack::DeliveryAnswer{200, "text/plain", "recorded", {}};
    };
    std::chrono::milliseconds handler_delay{0};
    slack::ProbeHandler healthz = [] { return slack::DeliveryAnswer{200, "text/plain", "ok", {}}; };

    explicit RunningReceiver(slack::HttpReceiverOptions options = test_options())
        : receiver_(io_.get_executor(), std::move(options), handlers()) {
        if (auto problem = receiver_.listen()) throw std::runtime_error(*problem);
        for (auto& thread : threads_)
            thread = std::thread([this] { io_.run(); });
    }

    ~RunningReceiver() {
        stop();
        work_.reset();
        io_.stop();
        for (auto& thread : threads_)
            thread.join();
    }
    RunningReceiver(const RunningReceiver&) = delete;
    RunningReceiver& operator=(const RunningReceiver&) = delete;

    // Runs the graceful stop; false if it did not complete within `bound`.
    bool stop(std::chrono::milliseconds bound = std::chrono::seconds(10)) {
        if (stopped_) return true;
        stopped_ = true;
        auto done = boost::asio::co_spawn(io_, receiver_.stop(), boost::asio::use_future);
        return done.wait_for(bound) == std::future_status::ready;
    }

    slack::HttpReceiver& receiver() { return receiver_; }
    std::uint16_t port() const { return receiver_.port(); }
    std::string url(const std::string& path = "/slack/events") const {
        return "http://127.0.0.1:" + std::to_string(port()) + path;
    }

    // POSTs a correctly signed body to /slack/events.
    HttpResult post_signed(const std::string& body,
                           const std::string& content_type = "application/json") const {
        return http_request("POST", url(), slack_headers(body, content_type), body);
    }

    std::vector<HandlerCall> calls() const {
        std::lock_guard lock(mutex_);
        return calls_;
    }
    bool wait_for_calls(std::size_t count, std::chrono::milliseconds timeout) const {
        std::unique_lock lock(mutex_);
        return called_.wait_for(lock, timeout, [&] { return calls_.size() >= count; });
    }

  private:
    slack::HttpReceiverHandlers handlers() {
        slack::HttpReceiverHandlers h;
        h.inbound = [this](
                        slack::Inbound inbound,
                        slack::DeliveryMeta meta) -> boost::asio::awaitable<slack::DeliveryAnswer> {
            {
                std::lock_guard lock(mutex_);
                calls_.push_back({inbound, meta});
            }
            called_.notify_all();
            if (handler_delay.count() > 0) {
                boost::asio::steady_timer wait(co_await boost::asio::this_coro::executor,
                                               handler_delay);
                co_await wait.async_wait(boost::asio::use_awaitable);
            }
            co_return answer(inbound);
        };
        h.healthz = [this] { return healthz(); };
        return h;
    }

    boost::asio::io_context io_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
        boost::asio::make_work_guard(io_);
    slack::HttpReceiver receiver_;
    std::array<std::thread, 2> threads_;
    bool stopped_ = false;
    mutable std::mutex mutex_;
    mutable std::condition_variable called_;
    std::vector<HandlerCall> calls_;
};

// One client TCP connection driven step by step; every step has a deadline.
class RawConnection {
  public:
    using Request = boost::beast::http::request<boost::beast::http::string_body>;

    boost::beast::error_code connect(std::uint16_t port,
                                     std::chrono::milliseconds timeout = std::chrono::seconds(2)) {
        const boost::asio::ip::tcp::endpoint endpoint{boost::asio::ip::make_address("127.0.0.1"),
                                                      port};
        return bounded([&](auto done) { socket_.async_connect(endpoint, done); }, timeout);
    }

    boost::beast::error_code write(const std::string& bytes,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(2)) {
        return bounded(
            [&](auto done) { boost::asio::async_write(socket_, boost::asio::buffer(bytes), done); },
            timeout);
    }

    boost::beast::error_code send(Request request,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(2)) {
        request.prepare_payload();
        return bounded([&](auto done) { boost::beast::http::async_write(socket_, request, done); },
                       timeout);
    }

    // The next response on this connection; status 0 and `error` set when none came in time.
    HttpResult read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        HttpResult result;
        boost::beast::http::response<boost::beast::http::string_body> response;
        auto ec = bounded(
            [&](auto done) { boost::beast::http::async_read(socket_, buffer_, response, done); },
            timeout);
        if (ec) {
            result.error = ec.message();
            return result;
        }
        result.status = static_cast<int>(response.result_int());
        for (const auto& field : response) {
            std::string name{field.name_string()};
            for (auto& c : name)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            result.headers[name] = std::string{field.value()};
        }
        result.body = response.body();
        return result;
    }

    // True when the server closes the connection (end of stream or reset) within `timeout`
    // without sending anything.
    bool closed_within(std::chrono::milliseconds timeout) {
        std::array<char, 256> sink{};
        auto ec = bounded(
            [&](auto done) { socket_.async_read_some(boost::asio::buffer(sink), done); }, timeout);
        return ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset;
    }

    void close() {
        boost::beast::error_code ignored;
        socket_.close(ignored);
    }

  private:
    // Starts one operation and runs it for at most `timeout`; timed_out if it did not finish.
    template <class Start>
    boost::beast::error_code bounded(Start start, std::chrono::milliseconds timeout) {
        std::optional<boost::beast::error_code> result;
        start([&result](boost::beast::error_code ec, auto&&...) { result = ec; });
        io_.restart();
        io_.run_for(timeout);
        if (result) return *result;
        boost::beast::error_code ignored;
        socket_.cancel(ignored);
        io_.restart();
        io_.run_for(std::chrono::seconds(1));
        return boost::asio::error::timed_out;
    }

    boost::asio::io_context io_;
    boost::asio::ip::tcp::socket socket_{io_};
    boost::beast::flat_buffer buffer_;
};

// A signed POST /slack/events for a RawConnection.
inline RawConnection::Request signed_request(const std::string& body, bool keep_alive = true) {
    RawConnection::Request request{boost::beast::http::verb::post, "/slack/events", 11};
    request.set(boost::beast::http::field::host, "127.0.0.1");
    for (const auto& [name, value] : slack_headers(body))
        request.set(name, value);
    request.body() = body;
    request.keep_alive(keep_alive);
    return request;
}

}  // namespace incidentd::test
