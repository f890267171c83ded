// The loopback server's connections, compiled once for every suite that uses it.
#include "support/loopback_http_server.hpp"

#include <algorithm>
#include <cctype>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "slack/use_tuple.hpp"

namespace incidentd::test {

using slack::use_tuple;

LoopbackHttpServer::LoopbackHttpServer(Handler handler, AfterAnswer after)
    : handler_(handler ? std::move(handler) : [](const Request&) { return Answer{}; }),
      after_(after),
      acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    boost::asio::co_spawn(io_, accept_loop(), boost::asio::detached);
    thread_ = std::thread([this] { io_.run(); });
}

LoopbackHttpServer::LoopbackHttpServer(Answer answer, AfterAnswer after)
    : LoopbackHttpServer([answer = std::move(answer)](const Request&) { return answer; }, after) {}

LoopbackHttpServer::~LoopbackHttpServer() {
    io_.stop();
    thread_.join();
}

boost::asio::awaitable<void> LoopbackHttpServer::accept_loop() {
    for (;;) {
        auto [ec, socket] = co_await acceptor_.async_accept(use_tuple);
        if (ec) co_return;
        const int connection = ++connections_;
        boost::asio::co_spawn(io_, serve(std::move(socket), connection), boost::asio::detached);
    }
}

boost::asio::awaitable<void> LoopbackHttpServer::serve(boost::asio::ip::tcp::socket socket,
                                                       int connection) {
    namespace beast = boost::beast;
    namespace http = beast::http;
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    auto close = [&] {
        beast::error_code ignored;
        stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
    };
    for (;;) {
        stream.expires_after(std::chrono::seconds(30));
        http::request<http::string_body> request;
        auto [read_error, read_bytes] =
            co_await http::async_read(stream, buffer, request, use_tuple);
        if (read_error) co_return;

        Request received;
        received.connection = connection;
        received.method = std::string{request.method_string()};
        received.target = std::string{request.target()};
        received.body = request.body();
        received.at = Clock::now();
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

        const Answer answer = handler_(received);
        if (answer.delay.count() > 0) {
            boost::asio::steady_timer wait(io_, answer.delay);
            co_await wait.async_wait(use_tuple);
        }
        if (answer.drop) {
            close();
            co_return;
        }
        http::response<http::string_body> response{static_cast<http::status>(answer.status),
                                                   request.version()};
        response.set(http::field::content_type, answer.content_type);
        response.keep_alive(request.keep_alive());
        for (const auto& [name, value] : answer.headers)
            response.set(name, value);
        response.body() = answer.body;
        response.prepare_payload();
        auto [write_error, written] = co_await http::async_write(stream, response, use_tuple);
        if (write_error || !response.keep_alive() || after_ == AfterAnswer::close) {
            close();
            co_return;
        }
    }
}

}  // namespace incidentd::test
