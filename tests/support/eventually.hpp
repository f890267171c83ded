// Waiting in a test for something another thread or process does: bounded in time, polled.
#pragma once

#include <chrono>
#include <thread>

namespace incidentd::test {

// Polls `condition` until it holds or `limit` passes; true if it held. The limit only catches
// "never": a condition that holds returns as soon as it does.
template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = std::chrono::seconds(10),
                std::chrono::milliseconds every = std::chrono::milliseconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(every);
    }
    return true;
}

}  // namespace incidentd::test
