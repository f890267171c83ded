// Runs time-based work when it falls due: archive a closed incident's channel, remind about a
// postmortem; and seal the records that changed since their last seal, every [store]
// seal_interval. The schedule is rows in the jobs and seals tables, so a restart picks it up
// where it was.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "bot/runtime/background_loop.hpp"
#include "bot/runtime/runtime.hpp"

namespace incidentd::bot {

class Scheduler : public BackgroundWorker {
  public:
    Scheduler(Runtime& runtime, boost::asio::any_io_executor executor);

  private:
    boost::asio::awaitable<void> run() override;
    boost::asio::awaitable<void> seal_changed_records();

    Runtime& runtime_;
};

}  // namespace incidentd::bot
