// Idle keep-alive connections per origin, so consecutive Web API calls reuse one connection
// instead of paying a TCP and TLS handshake each.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <memory>
#include <string>

#include "slack/http_connection.hpp"

namespace incidentd::slack {

// Not thread-safe: owned by one WebClient and used on its strand.
class ConnectionPool {
  public:
    ConnectionPool(std::size_t max_idle_per_origin, std::chrono::milliseconds idle_timeout)
        : max_idle_(max_idle_per_origin), idle_timeout_(idle_timeout) {}

    // The most recently used idle connection to `origin` that has not idled too long; null when
    // none (the caller opens one).
    std::unique_ptr<HttpConnection> take(const Origin& origin);

    // Keeps a connection the server left open; beyond the limit, the oldest is closed.
    void give_back(std::unique_ptr<HttpConnection> connection);

    std::size_t idle_count(const Origin& origin) const;

  private:
    std::size_t max_idle_;
    std::chrono::milliseconds idle_timeout_;
    std::map<std::string, std::deque<std::unique_ptr<HttpConnection>>> idle_;
};

}  // namespace incidentd::slack
