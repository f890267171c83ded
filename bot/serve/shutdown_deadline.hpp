// The bound on a graceful stop: once armed, if the process has not finished stopping within the
// limit, it says so and exits with status 1. Nothing acknowledged is lost by that exit: every ack
// followed its commit, and an outbox call cut short is carried out again at the next start.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace incidentd::bot {

class ShutdownDeadline {
  public:
    explicit ShutdownDeadline(std::chrono::milliseconds limit) : limit_(limit) {}
    ~ShutdownDeadline();  // the stop finished in time: disarms
    ShutdownDeadline(const ShutdownDeadline&) = delete;
    ShutdownDeadline& operator=(const ShutdownDeadline&) = delete;

    // Starts the clock (once; later calls do nothing). From any thread.
    void arm();

  private:
    void watch();

    std::chrono::milliseconds limit_;
    std::mutex mutex_;
    std::condition_variable finished_;
    bool armed_ = false;
    bool done_ = false;
    std::thread thread_;  // a thread of its own: a stuck io loop cannot stop it firing
};

}  // namespace incidentd::bot
