// Socket Mode envelopes and acks: each envelope waits on its own timer, which an ack cancels.
#include "emulator/socket_mode.hpp"

#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace incidentd::emulator {

namespace asio = boost::asio;

std::string SocketMode::new_ticket() {
    std::string ticket = "ticket-" + std::to_string(++counter_);
    tickets_.insert(ticket);
    return ticket;
}

bool SocketMode::use_ticket(std::string_view ticket) {
    auto it = tickets_.find(ticket);
    if (it == tickets_.end()) return false;
    tickets_.erase(it);
    return true;
}

void SocketMode::attach(std::shared_ptr<SocketConnection> connection) {
    connection->id = static_cast<int>(++counter_);
    log_.push_back({{"connected", connection->id}});
    connections_.push_back(std::move(connection));
}

void SocketMode::detach(int connection_id) {
    std::erase_if(connections_, [&](const auto& c) { return c->id == connection_id; });
    log_.push_back({{"disconnected", connection_id}});
}

nlohmann::json SocketMode::hello(const std::string& app_id) const {
    return {{"type", "hello"},
            {"num_connections", connections_.size()},
            {"connection_info", {{"app_id", app_id}}},
            {"debug_info",
             {{"host", "slack-emulator"},
              {"build_number", 1},
              {"approximate_connection_time", 18060}}}};
}

asio::awaitable<EnvelopeResult> SocketMode::send(std::string type, nlohmann::json payload,
                                                 bool accepts_response_payload, int retry_attempt,
                                                 std::string retry_reason,
                                                 std::chrono::milliseconds timeout) {
    const auto started = std::chrono::steady_clock::now();
    if (connections_.empty()) {
        co_return EnvelopeResult{false, nullptr, "no Socket Mode connection", {}};
    }
    auto& connection = connections_[next_connection_++ % connections_.size()];
    const std::string envelope_id = "env-" + std::to_string(++counter_);
    nlohmann::json envelope = {
        {"envelope_id", envelope_id},     {"type", type},
        {"payload", std::move(payload)},  {"accepts_response_payload", accepts_response_payload},
        {"retry_attempt", retry_attempt}, {"retry_reason", retry_reason}};
    auto waiter = std::make_shared<Waiter>(executor_);
    waiter->signal.expires_after(timeout);
    waiting_[envelope_id] = waiter;
    log_.push_back({{"sent", envelope_id},
                    {"type", type},
                    {"retry_attempt", retry_attempt},
                    {"connection", connection->id}});
    connection->send_text(envelope.dump());

    co_await waiter->signal.async_wait(asio::as_tuple(asio::use_awaitable));
    waiting_.erase(envelope_id);
    EnvelopeResult result = waiter->result;
    if (!result.acked) result.error = "no ack within " + std::to_string(timeout.count()) + " ms";
    result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    co_return result;
}

void SocketMode::on_message(int connection_id, std::string_view text) {
    auto message = nlohmann::json::parse(text, nullptr, false);
    if (!message.is_object() || !message.contains("envelope_id")) {
        log_.push_back({{"ignored", std::string{text}}, {"connection", connection_id}});
        return;
    }
    const std::string envelope_id = message.value("envelope_id", "");
    log_.push_back({{"acked", envelope_id}, {"connection", connection_id}});
    auto it = waiting_.find(envelope_id);
    if (it == waiting_.end()) return;  // late or duplicate ack
    it->second->result.acked = true;
    if (message.contains("payload")) it->second->result.payload = message["payload"];
    it->second->signal.cancel();
}

void SocketMode::disconnect_all(const std::string& reason) {
    const std::string frame = nlohmann::json{{"type", "disconnect"},
                                             {"reason", reason},
                                             {"debug_info", {{"host", "slack-emulator"}}}}
                                  .dump();
    for (auto& connection : connections_) {
        connection->send_text(frame);
        if (reason == "link_disabled") connection->close();
    }
}

void SocketMode::drop_all() {
    auto dropped = connections_;
    for (auto& connection : dropped)
        connection->drop();
}

nlohmann::json SocketMode::to_json() const {
    auto ids = nlohmann::json::array();
    for (const auto& c : connections_)
        ids.push_back(c->id);
    return {{"connections", ids}, {"log", log_}};
}

}  // namespace incidentd::emulator
