#include "bot/runtime/background_loop.hpp"

#include <exception>

#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace incidentd::bot {

BackgroundLoop::BackgroundLoop(boost::asio::any_io_executor executor, std::string name)
    : executor_(executor), name_(std::move(name)), timer_(executor), finished_(executor) {}

void BackgroundLoop::start(boost::asio::awaitable<void> body) {
    if (running_) return;
    running_ = true;
    finished_.expires_at(boost::asio::steady_timer::time_point::max());
    boost::asio::co_spawn(executor_, std::move(body), [this](std::exception_ptr error) {
        if (error) {
            try {
                std::rethrow_exception(error);
            } catch (const std::exception& e) {
                spdlog::critical("the {} stopped: {}", name_, e.what());
            }
        }
        running_ = false;
        finished_.cancel();
    });
}

boost::asio::awaitable<void> BackgroundLoop::stop(std::chrono::milliseconds grace) {
    stopping_ = true;
    timer_.wake();
    if (!running_) co_return;
    boost::asio::steady_timer guard(executor_, grace);
    guard.async_wait([this](const boost::system::error_code& error) {
        if (!error) finished_.cancel();
    });
    co_await finished_.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    guard.cancel();
}

}  // namespace incidentd::bot
