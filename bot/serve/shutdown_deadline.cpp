#include "bot/serve/shutdown_deadline.hpp"

#include <cstdlib>

#include <spdlog/spdlog.h>

namespace incidentd::bot {

ShutdownDeadline::~ShutdownDeadline() {
    {
        std::lock_guard lock(mutex_);
        done_ = true;
    }
    finished_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ShutdownDeadline::arm() {
    std::lock_guard lock(mutex_);
    if (armed_ || done_) return;
    armed_ = true;
    thread_ = std::thread([this] { watch(); });
}

void ShutdownDeadline::watch() {
    std::unique_lock lock(mutex_);
    if (finished_.wait_for(lock, limit_, [this] { return done_; })) return;
    spdlog::error(
        "stopping took longer than {} ms: exiting with work still in progress (every "
        "acknowledged request is stored; an unfinished Slack call is retried at the next start)",
        limit_.count());
    spdlog::default_logger()->flush();
    std::_Exit(1);
}

}  // namespace incidentd::bot
