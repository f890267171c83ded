// The test HTTP(S) client's one exchange, compiled once for every suite that uses it.
#include "support/http_client.hpp"

#include <cctype>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include "slack/use_tuple.hpp"

namespace incidentd::test {

using slack::use_tuple;
namespace {

bool is_loopback(const std::string& host) {
    return host == "localhost" || host.starts_with("127.") || host == "[::1]" || host == "::1";
}

template <class Stream>
boost::asio::awaitable<void> exchange(
    Stream& stream, boost::beast::http::request<boost::beast::http::string_body> request,
    HttpResult& result) {
    namespace asio = boost::asio;
    namespace http = boost::beast::http;
    auto [write_error, written] = co_await http::async_write(stream, request, use_tuple);
    if (write_error) {
        result.error = "write: " + write_error.message();
        co_return;
    }
    boost::beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    auto [read_error, read] = co_await http::async_read(stream, buffer, parser, use_tuple);
    if (read_error) {
        result.error = "read: " + read_error.message();
        co_return;
    }
    auto response = parser.release();
    result.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
        std::string name{field.name_string()};
        for (auto& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        result.headers[name] = std::string{field.value()};
    }
    result.body = std::move(response.body());
}

}  // namespace

HttpResult http_request(const std::string& method, const std::string& url,
                        const std::vector<std::pair<std::string, std::string>>& headers,
                        const std::string& body, const HttpOptions& options) {
    namespace asio = boost::asio;
    namespace beast = boost::beast;
    namespace http = beast::http;
    HttpResult result;
    auto parsed = boost::urls::parse_uri(url);
    if (!parsed) {
        result.error = "not a URL: " + url;
        return result;
    }
    const std::string host = parsed->host();
    if (!is_loopback(host)) {
        result.error = "tests only talk to loopback addresses, not " + host;
        return result;
    }
    const bool tls = parsed->scheme() == "https";
    const std::string port =
        parsed->has_port() ? std::string{parsed->port()} : (tls ? "443" : "80");
    std::string target = parsed->encoded_path().empty() ? "/" : std::string{parsed->encoded_path()};
    if (parsed->has_query()) target += "?" + std::string{parsed->encoded_query()};

    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, host + ":" + port);
    for (const auto& [name, value] : headers)
        request.set(name, value);
    request.body() = body;
    request.prepare_payload();

    asio::io_context io;
    asio::ssl::context ssl_context(asio::ssl::context::tls_client);
    if (tls) {
        if (options.ca_file.empty()) {
            ssl_context.set_default_verify_paths();
        } else {
            ssl_context.load_verify_file(options.ca_file);
        }
        ssl_context.set_verify_mode(asio::ssl::verify_peer);
    }
    asio::co_spawn(
        io,
        [&]() -> asio::awaitable<void> {
            asio::ip::tcp::resolver resolver(io);
            auto [resolve_error, endpoints] =
                co_await resolver.async_resolve(host, port, use_tuple);
            if (resolve_error) {
                result.error = "resolve: " + resolve_error.message();
                co_return;
            }
            beast::tcp_stream tcp(io);
            tcp.expires_after(options.timeout);
            auto [connect_error, endpoint] = co_await tcp.async_connect(endpoints, use_tuple);
            if (connect_error) {
                result.error = "connect: " + connect_error.message();
                co_return;
            }
            if (!tls) {
                co_await exchange(tcp, std::move(request), result);
                co_return;
            }
            beast::ssl_stream<beast::tcp_stream> stream(std::move(tcp), ssl_context);
            stream.set_verify_callback(asio::ssl::host_name_verification(host));
            auto [handshake_error] =
                co_await stream.async_handshake(asio::ssl::stream_base::client, use_tuple);
            if (handshake_error) {
                result.error = "tls handshake: " + handshake_error.message();
                co_return;
            }
            co_await exchange(stream, std::move(request), result);
        },
        asio::detached);
    io.run_for(options.timeout + std::chrono::seconds(1));
    if (result.status == 0 && result.error.empty()) result.error = "timed out";
    return result;
}

}  // namespace incidentd::test
