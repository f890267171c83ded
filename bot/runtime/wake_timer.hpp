// A sleep that ends at a time or when woken, whichever comes first; a wake that arrives while
// nobody sleeps is kept for the next sleep, so work committed in between is never overlooked.
#pragma once

#include <algorithm>
#include <chrono>
#include <optional>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/runtime/clock.hpp"
#include "core/time.hpp"

namespace incidentd::bot {

class WakeTimer {
  public:
    explicit WakeTimer(boost::asio::any_io_executor executor) : timer_(std::move(executor)) {}

    // Until `when` (wall clock), at most `longest` (so a changed clock is noticed), or a wake.
    boost::asio::awaitable<void> sleep_until(std::optional<core::Time> when,
                                             std::chrono::milliseconds longest) {
        if (woken_) {
            woken_ = false;
            co_return;
        }
        auto wait = longest;
        if (when)
            wait = std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(*when - now()),
                              std::chrono::milliseconds{0}, longest);
        timer_.expires_after(wait);
        co_await timer_.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
        woken_ = false;
    }

    void wake() {
        woken_ = true;
        timer_.cancel();
    }

  private:
    boost::asio::steady_timer timer_;
    bool woken_ = false;
};

}  // namespace incidentd::bot
