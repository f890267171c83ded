// A coroutine that runs in the background until asked to stop: started once, woken when new work
// is committed, and stopped with a bound on how long the work in progress may still take. The
// outbox worker and the scheduler are each one (a BackgroundWorker).
#pragma once

#include <chrono>
#include <string>
#include <utility>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/runtime/wake_timer.hpp"

namespace incidentd::bot {

class BackgroundLoop {
  public:
    // `name` is for the log line should the body end with an exception.
    BackgroundLoop(boost::asio::any_io_executor executor, std::string name);

    // Spawns `body` (once): it works while !stopping() and sleeps on timer() in between.
    void start(boost::asio::awaitable<void> body);
    bool stopping() const { return stopping_; }
    WakeTimer& timer() { return timer_; }
    void wake() { timer_.wake(); }

    // Asks the body to stop and waits until it has, for up to `grace`. Work stuck past the grace
    // is abandoned rather than awaited: whatever it was doing is still in the database and is
    // done again after the restart (outbox actions and jobs are idempotent).
    boost::asio::awaitable<void> stop(std::chrono::milliseconds grace);

  private:
    boost::asio::any_io_executor executor_;
    std::string name_;
    WakeTimer timer_;
    boost::asio::steady_timer finished_;  // cancelled when the body returns
    bool running_ = false;
    bool stopping_ = false;
};

// A class whose work is one BackgroundLoop running its run(), as the rest of serve sees it:
// started once, woken when new work is committed, stopped with a bound.
class BackgroundWorker {
  public:
    virtual ~BackgroundWorker() = default;
    BackgroundWorker(const BackgroundWorker&) = delete;
    BackgroundWorker& operator=(const BackgroundWorker&) = delete;

    void start() { loop_.start(run()); }
    void wake() { loop_.wake(); }
    // Lets the work in progress finish and its result be stored (for up to `grace`), then
    // completes.
    boost::asio::awaitable<void> stop(std::chrono::milliseconds grace = std::chrono::seconds{10}) {
        return loop_.stop(grace);
    }

  protected:
    BackgroundWorker(boost::asio::any_io_executor executor, std::string name)
        : loop_(std::move(executor), std::move(name)) {}
    BackgroundLoop& loop() { return loop_; }

  private:
    virtual boost::asio::awaitable<void> run() = 0;

    BackgroundLoop loop_;
};

}  // namespace incidentd::bot
