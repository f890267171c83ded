// Carries out the outbox after commit: due calls in order per incident, each result (a channel id,
// a message ts) stored with a bot_action entry in a new transaction, failures retried with backoff.
#pragma once

#include <chrono>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/runtime.hpp"
#include "bot/wake_timer.hpp"
#include "store/outbox.hpp"

namespace incidentd::bot {

class OutboxWorker {
  public:
    OutboxWorker(Runtime& runtime, boost::asio::any_io_executor executor,
                 store::RetryPolicy policy = {});

    void start();
    void wake() { timer_.wake(); }
    // Lets the work in progress finish and its result be stored (for up to `grace`), then
    // completes.
    boost::asio::awaitable<void> stop(std::chrono::milliseconds grace = std::chrono::seconds{10});

  private:
    boost::asio::awaitable<void> run();
    boost::asio::awaitable<void> execute(store::OutboxItem item);

    Runtime& runtime_;
    boost::asio::any_io_executor executor_;
    store::RetryPolicy policy_;
    WakeTimer timer_;
    boost::asio::steady_timer finished_;  // cancelled when run() returns
    bool running_ = false;
    bool stopping_ = false;
};

}  // namespace incidentd::bot
