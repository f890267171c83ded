// Carries out the outbox after commit: due calls in order per incident, each result (a channel id,
// a message ts) stored with a bot_action entry in a new transaction, failures retried with backoff.
#pragma once

#include <chrono>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bot/background_loop.hpp"
#include "bot/runtime.hpp"
#include "store/outbox.hpp"

namespace incidentd::bot {

class OutboxWorker {
  public:
    OutboxWorker(Runtime& runtime, boost::asio::any_io_executor executor,
                 store::RetryPolicy policy = {});

    void start() { loop_.start(run()); }
    void wake() { loop_.wake(); }
    // Lets the work in progress finish and its result be stored (for up to `grace`), then
    // completes.
    boost::asio::awaitable<void> stop(std::chrono::milliseconds grace = std::chrono::seconds{10}) {
        return loop_.stop(grace);
    }

  private:
    boost::asio::awaitable<void> run();
    boost::asio::awaitable<void> execute(store::OutboxItem item);

    Runtime& runtime_;
    store::RetryPolicy policy_;
    BackgroundLoop loop_;
};

}  // namespace incidentd::bot
