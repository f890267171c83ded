// ConnectionPool: per-origin stacks of idle connections.
#include "slack/connection_pool.hpp"

namespace incidentd::slack {

std::unique_ptr<HttpConnection> ConnectionPool::take(const Origin& origin) {
    auto it = idle_.find(origin.key());
    if (it == idle_.end()) return nullptr;
    auto& idle = it->second;
    const auto now = HttpConnection::Clock::now();
    while (!idle.empty()) {
        std::unique_ptr<HttpConnection> connection = std::move(idle.back());
        idle.pop_back();
        // Servers drop idle connections after their own timeout; one past ours is likely gone,
        // and one whose server already closed it would take a request it cannot answer.
        if (now - connection->idle_since() < idle_timeout_ && !connection->peer_closed())
            return connection;
    }
    return nullptr;
}

void ConnectionPool::give_back(std::unique_ptr<HttpConnection> connection) {
    if (max_idle_ == 0) return;
    connection->mark_idle();
    auto& idle = idle_[connection->origin().key()];
    idle.push_back(std::move(connection));
    while (idle.size() > max_idle_)
        idle.pop_front();
}

std::size_t ConnectionPool::idle_count(const Origin& origin) const {
    auto it = idle_.find(origin.key());
    return it == idle_.end() ? 0 : it->second.size();
}

}  // namespace incidentd::slack
