// Runs time-based work when it falls due: archive a closed incident's channel, remind about a
// postmortem. The schedule is rows in the jobs table, so a restart picks it up where it was.
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

    Runtime& runtime_;
};

}  // namespace incidentd::bot
