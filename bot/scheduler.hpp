// Runs time-based work when it falls due: archive a closed incident's channel, remind about a
// postmortem. The schedule is rows in the jobs table, so a restart picks it up where it was.
#pragma once

#include <chrono>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/background_loop.hpp"
#include "bot/runtime.hpp"

namespace incidentd::bot {

class Scheduler {
  public:
    Scheduler(Runtime& runtime, boost::asio::any_io_executor executor);

    void start() { loop_.start(run()); }
    void wake() { loop_.wake(); }
    // Lets the work in progress finish and its result be stored (for up to `grace`), then
    // completes.
    boost::asio::awaitable<void> stop(std::chrono::milliseconds grace = std::chrono::seconds{10}) {
        return loop_.stop(grace);
    }

  private:
    boost::asio::awaitable<void> run();

    Runtime& runtime_;
    BackgroundLoop loop_;
};

}  // namespace incidentd::bot
