// WebClient: the retry loop, connection reuse and the reading of Slack's answers.
#include "slack/web_client.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/field.hpp>

#include "slack/api_methods.hpp"
#include "slack/json_fields.hpp"
#include "slack/retry_policy.hpp"
#include "slack/tls_context.hpp"

namespace incidentd::slack {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;

ApiUrl checked_api_url(const std::string& text) {
    std::string problem;
    auto url = parse_api_url(text, problem);
    if (!url) throw std::invalid_argument("slack: [slack] api_url: " + problem);
    return *url;
}

std::shared_ptr<asio::ssl::context> checked_tls_context(const std::string& ca_file) {
    std::string problem;
    auto context = make_client_tls_context(ca_file, problem);
    if (!context) throw std::invalid_argument("slack: " + problem);
    return context;
}

asio::awaitable<void> sleep_until(WebClient::Clock::time_point when) {
    if (when <= WebClient::Clock::now()) co_return;
    asio::steady_timer timer(co_await asio::this_coro::executor, when);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
}

// Retry-After in seconds (Slack sends whole seconds); nothing for a missing or HTTP-date value.
std::optional<std::chrono::seconds> retry_after_of(const HttpResponse& response) {
    auto it = response.find(http::field::retry_after);
    if (it == response.end()) return std::nullopt;
    const auto text = it->value();
    long seconds = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc{} || end != text.data() + text.size() || seconds < 0) return std::nullopt;
    return std::chrono::seconds{seconds};
}

ApiResult deadline_failure(const std::string& method, std::string why, int attempts) {
    return ApiResult::failure(
        {ErrorKind::transport, std::string{transport_error::deadline_exceeded}, 0,
         method + ": " + std::move(why), std::nullopt},
        attempts);
}

}  // namespace

WebClient::WebClient(asio::any_io_executor executor, std::string token, WebClientOptions options)
    : strand_(asio::make_strand(std::move(executor))),
      token_(std::move(token)),
      options_(std::move(options)),
      base_(checked_api_url(options_.api_url)),
      tls_(checked_tls_context(options_.ca_file)),
      pool_(options_.max_idle_connections_per_host, options_.idle_timeout),
      limiter_(options_.pacing),
      random_(std::random_device{}()) {
    if (options_.retry.max_attempts < 1) {
        throw std::invalid_argument("slack: retry.max_attempts must be at least 1");
    }
}

asio::awaitable<ApiResult> WebClient::call(std::string method, nlohmann::json args) {
    // The work runs on the client's strand, whichever executor the caller is on.
    co_return co_await asio::co_spawn(strand_, run_call(std::move(method), std::move(args)),
                                      asio::use_awaitable);
}

asio::awaitable<ApiResult> WebClient::post_bytes(std::string url, std::string content_type,
                                                 std::string bytes) {
    co_return co_await asio::co_spawn(
        strand_, run_post_bytes(std::move(url), std::move(content_type), std::move(bytes)),
        asio::use_awaitable);
}

HttpRequest WebClient::make_request(const Origin& origin, std::string target,
                                    std::string content_type, std::string body) const {
    HttpRequest request{http::verb::post, std::move(target), 11};
    request.set(http::field::host, origin.host_header());
    request.set(http::field::user_agent, options_.user_agent);
    request.set(http::field::content_type, std::move(content_type));
    request.body() = std::move(body);
    request.keep_alive(true);
    request.prepare_payload();
    return request;
}

asio::awaitable<ApiResult> WebClient::run_call(std::string method, nlohmann::json args) {
    const auto deadline = Clock::now() + options_.call_deadline;
    EncodedBody encoded = encode_arguments(method, args);
    Target target{base_.origin, method, "", true, AnswerFormat::slack_json};
    if (method_spec(method).tier == RateTier::per_channel && args.is_object()) {
        auto channel = args.find("channel");
        if (channel != args.end() && channel->is_string()) target.channel = *channel;
    }
    HttpRequest request = make_request(base_.origin, method_target(base_, method),
                                       std::move(encoded.content_type), std::move(encoded.body));
    request.set(http::field::authorization, "Bearer " + token_);
    ApiResult result = co_await send(target, request, deadline);
    counters_.count_call(method, result.ok() ? "ok" : to_string(result.error().kind));
    co_return result;
}

asio::awaitable<ApiResult> WebClient::run_post_bytes(std::string url, std::string content_type,
                                                     std::string bytes) {
    static const std::string label = "upload";
    std::string problem;
    auto parsed = parse_api_url(url, problem);
    if (!parsed) {
        counters_.count_call(label, to_string(ErrorKind::transport));
        co_return ApiResult::failure(
            {ErrorKind::transport, std::string{transport_error::invalid_response}, 0,
             "upload: the upload URL cannot be used: " + problem, std::nullopt},
            0);
    }
    const auto deadline = Clock::now() + options_.call_deadline;
    Target target{parsed->origin, label, "", false, AnswerFormat::any_success};
    HttpRequest request =
        make_request(parsed->origin, parsed->path, std::move(content_type), std::move(bytes));
    ApiResult result = co_await send(target, request, deadline);
    counters_.count_call(label, result.ok() ? "ok" : to_string(result.error().kind));
    co_return result;
}

asio::awaitable<ApiResult> WebClient::send(const Target& target, const HttpRequest& request,
                                           Clock::time_point deadline) {
    for (int attempt = 1;; ++attempt) {
        if (target.paced) {
            const auto send_at = limiter_.reserve(target.method, target.channel, Clock::now());
            if (send_at >= deadline) {
                co_return deadline_failure(
                    target.method, "pacing would hold the call past its deadline", attempt - 1);
            }
            co_await sleep_until(send_at);
        }

        ApiResult outcome = interpret(target,
                                      co_await exchange(target.origin, request, deadline,
                                                        resend_after_lost_answer(target.method)),
                                      attempt);
        if (outcome.ok()) co_return outcome;
        const ApiError& error = outcome.error();
        if (error.http_status == 429) counters_.count_rate_limited();
        if (!is_transient(error) || attempt >= options_.retry.max_attempts) co_return outcome;
        // Slack may have posted it already; sent again it would be posted twice. The caller looks
        // for the effect before it tries again.
        if (answer_lost(error) && !resend_after_lost_answer(target.method)) co_return outcome;

        Clock::duration wait{};
        if (error.retry_after) {
            // Longer waits are the caller's to schedule (the outbox keeps the call).
            if (*error.retry_after > options_.retry.max_retry_after) co_return outcome;
            wait = *error.retry_after;
            if (target.paced) limiter_.hold(target.method, target.channel, Clock::now() + wait);
        } else {
            wait = backoff_delay(attempt, options_.retry, random_);
        }
        if (Clock::now() + wait >= deadline) co_return outcome;
        counters_.count_retry();
        co_await sleep_until(Clock::now() + wait);
    }
}

asio::awaitable<WebClient::Answer> WebClient::exchange(const Origin& origin,
                                                       const HttpRequest& request,
                                                       Clock::time_point deadline,
                                                       bool resend_unanswered) {
    std::unique_ptr<HttpConnection> connection = pool_.take(origin);
    bool reused = connection != nullptr;
    for (;;) {
        const auto remaining = deadline - Clock::now();
        if (remaining <= Clock::duration::zero()) {
            co_return TransportFailure{transport_error::deadline_exceeded,
                                       origin.key() + ": the call's deadline passed", false};
        }
        if (!connection) {
            auto opened = co_await HttpConnection::open(
                origin, *tls_, std::min<Clock::duration>(options_.connect_timeout, remaining));
            if (auto* failure = std::get_if<TransportFailure>(&opened)) co_return *failure;
            counters_.count_connection();
            connection = std::move(std::get<std::unique_ptr<HttpConnection>>(opened));
        }
        HttpResponse response;
        auto failure = co_await connection->exchange(
            request, response,
            std::min<Clock::duration>(options_.request_timeout, deadline - Clock::now()),
            options_.max_response_bytes);
        if (!failure) {
            if (response.keep_alive()) pool_.give_back(std::move(connection));
            co_return response;
        }
        // A pooled connection the server had closed: not a failure of the call, if the server
        // cannot have acted on the request (it was not sent whole) or acting twice is harmless.
        // A closed connection after the whole request went out may be Slack having done it.
        if (reused && (failure->unsent || (failure->before_answer && resend_unanswered))) {
            reused = false;
            connection.reset();
            continue;
        }
        co_return *failure;
    }
}

ApiResult WebClient::interpret(const Target& target, Answer answer, int attempt) const {
    if (auto* failure = std::get_if<TransportFailure>(&answer)) {
        return ApiResult::failure({ErrorKind::transport, std::string{failure->code}, 0,
                                   target.method + ": " + failure->message, std::nullopt},
                                  attempt);
    }
    const HttpResponse& response = std::get<HttpResponse>(answer);
    const int status = static_cast<int>(response.result_int());
    const bool success_status = status >= 200 && status < 300;
    if (target.format == AnswerFormat::any_success && success_status) {
        return ApiResult::success(nullptr, attempt);
    }

    std::string parse_problem;
    auto body = parse_json_bounded(response.body(), parse_problem);
    const bool slack_shaped = body && body->is_object() && body->contains("ok");
    std::string slack_code;
    if (slack_shaped) {
        auto error = body->find("error");
        if (error != body->end() && error->is_string()) slack_code = *error;
    }
    nlohmann::json kept = body ? std::move(*body) : nlohmann::json(nullptr);

    if (success_status && slack_shaped && kept["ok"] == true) {
        return ApiResult::success(std::move(kept), attempt);
    }
    ApiError error;
    error.http_status = status;
    if (status == 429) error.retry_after = retry_after_of(response);
    if (success_status && !slack_shaped) {
        error.kind = ErrorKind::http;
        error.code = std::string{transport_error::invalid_response};
        error.message = target.method + ": HTTP " + std::to_string(status) +
                        " with a body that is not Slack's JSON answer; check api_url points at "
                        "the Web API";
    } else if ((success_status || status == 429) && slack_shaped) {
        error.kind = ErrorKind::slack;
        error.code =
            slack_code.empty() ? (status == 429 ? "ratelimited" : "unknown_error") : slack_code;
        error.message = target.method + ": Slack answered error \"" + error.code + "\"";
        if (kept.contains("needed") && kept["needed"].is_string()) {
            error.message += " (scope needed: " + kept["needed"].get<std::string>() + ")";
        }
    } else {
        error.kind = status == 429 ? ErrorKind::slack : ErrorKind::http;
        error.code = !slack_code.empty() ? slack_code
                     : status == 429     ? "ratelimited"
                                         : "http_" + std::to_string(status);
        error.message = target.method + ": HTTP " + std::to_string(status) +
                        (slack_code.empty() ? "" : " (" + slack_code + ")") + " from " +
                        target.origin.key();
    }
    if (error.retry_after) {
        error.message +=
            "; Slack asked to retry after " + std::to_string(error.retry_after->count()) + " s";
    }
    return ApiResult::failure(std::move(error), attempt, std::move(kept));
}

}  // namespace incidentd::slack
