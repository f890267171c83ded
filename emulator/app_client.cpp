// One connection per POST to the app; the whole exchange shares one deadline, as Slack's ack
// timeout does.
#include "emulator/app_client.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include "emulator/request_signing.hpp"

namespace incidentd::emulator {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

asio::awaitable<AppAnswer> post_to_app(AppPost post) {
    const auto started = std::chrono::steady_clock::now();
    AppAnswer answer;
    auto finish = [&](AppOutcome outcome, std::string error) {
        answer.outcome = outcome;
        answer.error = std::move(error);
        answer.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::steady_clock::now() - started);
        return answer;
    };

    auto url = boost::urls::parse_uri(post.url);
    if (!url || url->scheme() != "http") {
        co_return finish(AppOutcome::connection_failed,
                         "request URL \"" + post.url + "\" is not an http:// URL");
    }
    const std::string host = url->host();
    const std::string port = url->has_port() ? std::string{url->port()} : "80";
    std::string target = url->encoded_path().empty() ? "/" : std::string{url->encoded_path()};
    if (url->has_query()) target += "?" + std::string{url->encoded_query()};

    auto executor = co_await asio::this_coro::executor;
    tcp::resolver resolver(executor);
    auto [resolve_error, endpoints] =
        co_await resolver.async_resolve(host, port, asio::as_tuple(asio::use_awaitable));
    if (resolve_error) {
        co_return finish(AppOutcome::connection_failed,
                         "resolve " + host + ": " + resolve_error.message());
    }

    beast::tcp_stream stream(executor);
    stream.expires_after(post.timeout);
    auto [connect_error, endpoint] =
        co_await stream.async_connect(endpoints, asio::as_tuple(asio::use_awaitable));
    if (connect_error) {
        co_return finish(AppOutcome::connection_failed,
                         "connect " + host + ":" + port + ": " + connect_error.message());
    }

    const std::string timestamp =
        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count());
    http::request<http::string_body> request{http::verb::post, target, 11};
    request.set(http::field::host, host + ":" + port);
    request.set(http::field::user_agent, "Slackbot 1.0 (+https://api.slack.com/robots)");
    request.set(http::field::content_type, post.content_type);
    request.set("X-Slack-Request-Timestamp", timestamp);
    request.set("X-Slack-Signature", slack_signature(post.signing_secret, timestamp, post.body));
    for (const auto& [name, value] : post.headers)
        request.set(name, value);
    request.body() = std::move(post.body);
    request.prepare_payload();

    auto [write_error, written] =
        co_await http::async_write(stream, request, asio::as_tuple(asio::use_awaitable));
    if (write_error) {
        const bool timed_out = write_error == beast::error::timeout;
        co_return finish(timed_out ? AppOutcome::timeout : AppOutcome::connection_failed,
                         "send to app: " + write_error.message());
    }

    beast::flat_buffer buffer;
    http::response<http::string_body> response;
    auto [read_error, read] =
        co_await http::async_read(stream, buffer, response, asio::as_tuple(asio::use_awaitable));
    if (read_error) {
        const bool timed_out = read_error == beast::error::timeout;
        co_return finish(timed_out ? AppOutcome::timeout : AppOutcome::connection_failed,
                         timed_out
                             ? "no answer within " + std::to_string(post.timeout.count()) + " ms"
                             : "read answer: " + read_error.message());
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);

    answer.status = static_cast<int>(response.result_int());
    answer.body = std::move(response.body());
    answer.content_type = std::string{response[http::field::content_type]};
    answer.no_retry = response["X-Slack-No-Retry"] == "1";
    co_return finish(AppOutcome::answered, "");
}

}  // namespace incidentd::emulator
