// The wall clock as the domain reads it: UTC, millisecond precision.
#pragma once

#include <chrono>

#include "core/time.hpp"

namespace incidentd::bot {

inline core::Time now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

}  // namespace incidentd::bot
