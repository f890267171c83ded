// The Slack Web API client: asynchronous calls (C++20 coroutines) over keep-alive HTTPS with
// certificate verification, paced per method tier and per channel, retrying transient failures
// within a per-call deadline, and answering every call with an ApiResult.
#pragma once

#include <chrono>
#include <memory>
#include <random>
#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <nlohmann/json.hpp>

#include "slack/api_result.hpp"
#include "slack/api_url.hpp"
#include "slack/connection_pool.hpp"
#include "slack/http_connection.hpp"
#include "slack/rate_limiter.hpp"
#include "slack/web_client_counters.hpp"
#include "slack/web_client_options.hpp"

namespace incidentd::slack {

class WebClient {
  public:
    using Clock = std::chrono::steady_clock;

    // Throws std::invalid_argument with a message naming the setting when api_url is not https://
    // (or http:// to a loopback host) or ca_file cannot be read. The token is only ever sent in
    // the Authorization header to api_url's host; it never appears in messages.
    WebClient(boost::asio::any_io_executor executor, std::string token,
              WebClientOptions options = {});

    WebClient(const WebClient&) = delete;
    WebClient& operator=(const WebClient&) = delete;

    // POSTs `args` (a JSON object) to <api_url><method>, encoded as the method wants (see
    // api_methods.hpp). The client must outlive the calls it is running.
    boost::asio::awaitable<ApiResult> call(std::string method,
                                           nlohmann::json args = nlohmann::json::object());

    // POSTs raw bytes to a URL Slack handed out (files.getUploadURLExternal's upload_url), with
    // the same retries and deadline but without the token. Success has a null body.
    boost::asio::awaitable<ApiResult> post_bytes(std::string url, std::string content_type,
                                                 std::string bytes);

    WebClientCounts counts() const { return counters_.snapshot(); }
    const WebClientOptions& options() const { return options_; }

  private:
    // How an answer is read: Slack's {"ok":…} JSON, or any 2xx as success (upload URLs).
    enum class AnswerFormat { slack_json, any_success };
    struct Target {
        Origin origin;
        std::string method;   // for pacing, messages and counters
        std::string channel;  // chat.postMessage's channel, for per-channel pacing
        bool paced = true;
        AnswerFormat format = AnswerFormat::slack_json;
    };
    using Answer = std::variant<HttpResponse, TransportFailure>;

    boost::asio::awaitable<ApiResult> run_call(std::string method, nlohmann::json args);
    boost::asio::awaitable<ApiResult> run_post_bytes(std::string url, std::string content_type,
                                                     std::string bytes);
    boost::asio::awaitable<ApiResult> send(const Target& target, const HttpRequest& request,
                                           Clock::time_point deadline);
    boost::asio::awaitable<Answer> exchange(const Origin& origin, const HttpRequest& request,
                                            Clock::time_point deadline, bool resend_unanswered);
    ApiResult interpret(const Target& target, Answer answer, int attempt) const;
    HttpRequest make_request(const Origin& origin, std::string target, std::string content_type,
                             std::string body) const;

    boost::asio::strand<boost::asio::any_io_executor> strand_;
    std::string token_;
    WebClientOptions options_;
    ApiUrl base_;
    std::shared_ptr<boost::asio::ssl::context> tls_;
    // Touched only on strand_.
    ConnectionPool pool_;
    RateLimiter limiter_;
    std::mt19937_64 random_;
    WebClientCounters counters_;
};

}  // namespace incidentd::slack
