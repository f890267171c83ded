// Carries out the outbox after commit: due calls in order per incident, each result (a channel id,
// a message ts) stored with a bot_action entry in a new transaction, failures retried with backoff.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "bot/runtime/background_loop.hpp"
#include "bot/runtime/runtime.hpp"
#include "store/outbox.hpp"

namespace incidentd::bot {

class OutboxWorker : public BackgroundWorker {
  public:
    OutboxWorker(Runtime& runtime, boost::asio::any_io_executor executor,
                 store::RetryPolicy policy = {});

  private:
    boost::asio::awaitable<void> run() override;
    boost::asio::awaitable<void> execute(store::OutboxItem item);

    Runtime& runtime_;
    store::RetryPolicy policy_;
};

}  // namespace incidentd::bot
