// The loopback server's connections, compiled once for the Web API client's tests.
#include "loopback_http_server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "slack/use_tuple.hpp"

namespace incidentd::test {

using slack::use_tuple;

LoopbackHttpServer::LoopbackHttpServer(Handler handler, bool drop_after_answer)
    : handler_(handler ? std::move(handler) : [](const Received&) { return Answer{}; }),
      drop_after_answer_(drop_after_answer),
      acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    boost::asio::co_spawn(io_, accept_loop(), boost::asio::detached);
    thread_ = std::thread([this] { io_.run(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
    io_.stop();
    thread_.join();
}

boost::asio::awaitable<void> LoopbackHttpServer::accept_loop() {
    for (;;) {
        auto [ec, socket] = co_await acceptor_.async_accept(use_tuple);
        if (ec) co_return;
        const int number = ++connections_;
        boost::asio::co_spawn(io_, serve(std::move(socket), number), boost::asio::detached);
    }
}

boost::asio::awaitable<void> LoopbackHttpServer::serve(boost::asio::ip::tcp::socket socket,
                                                       int number) {
    namespace http = boost::beast::http;
    boost::beast::tcp_stream stream(std::move(socket));
    boost::beast::flat_buffer buffer;
    for (;;) {
        http::request<http::string_body> request;
        stream.expires_after(std::chrono::seconds(10));
        auto [read_error, read_bytes] =
            co_await http::async_read(stream, buffer, request, use_tuple);
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
        if (answer.drop) {
            boost::beast::error_code ignored;
            stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
            co_return;
        }
        http::response<http::string_body> response{static_cast<http::status>(answer.status), 11};
        response.set(http::field::content_type, "application/json; charset=utf-8");
        response.keep_alive(request.keep_alive());
        for (const auto& [name, value] : answer.headers)
            response.set(name, value);
        response.body() = answer.body;
        response.prepare_payload();
        auto [write_error, written] = co_await http::async_write(stream, response, use_tuple);
        if (write_error || !response.keep_alive() || drop_after_answer_) {
            boost::beast::error_code ignored;
            stream.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_both, ignored);
            co_return;
        }
    }
}

}  // namespace incidentd::test
