// Socket Mode: single-use connection tickets, the connected WebSocket clients, envelopes sent to
// them and the acks that come back (Slack's Socket Mode protocol, https://api.slack.com/apis/socket-mode).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

namespace incidentd::emulator {

// One connected client, whatever stream it runs over.
class SocketConnection {
  public:
    virtual ~SocketConnection() = default;
    virtual void send_text(std::string text) = 0;
    // Closes with a close frame (after a disconnect message) or drops TCP without one.
    virtual void close() = 0;
    virtual void drop() = 0;
    int id = 0;
};

struct EnvelopeResult {
    bool acked = false;
    nlohmann::json payload;  // the ack's "payload", when it had one
    std::string error;
    std::chrono::milliseconds elapsed{0};
};

class SocketMode {
  public:
    explicit SocketMode(boost::asio::any_io_executor executor) : executor_(std::move(executor)) {}

    std::string new_ticket();
    bool use_ticket(std::string_view ticket);

    void attach(std::shared_ptr<SocketConnection> connection);
    void detach(int connection_id);
    bool connected() const { return !connections_.empty(); }
    std::size_t connection_count() const { return connections_.size(); }

    // The hello frame a new connection is greeted with.
    nlohmann::json hello(const std::string& app_id) const;

    // Sends an envelope to one client and waits for its ack, at most `timeout`.
    boost::asio::awaitable<EnvelopeResult> send(std::string type, nlohmann::json payload,
                                                bool accepts_response_payload, int retry_attempt,
                                                std::string retry_reason,
                                                std::chrono::milliseconds timeout);
    // A text frame from a client: an ack {"envelope_id":...} ends that envelope's wait.
    void on_message(int connection_id, std::string_view text);

    // Control API: {"type":"disconnect","reason":...} to every client (link_disabled also closes
    // the link; after refresh_requested the client is expected to reconnect and close the old
    // one), or drop every TCP connection without a close frame.
    void disconnect_all(const std::string& reason);
    void drop_all();

    nlohmann::json to_json() const;

  private:
    struct Waiter {
        explicit Waiter(boost::asio::any_io_executor executor) : signal(std::move(executor)) {}
        boost::asio::steady_timer signal;
        EnvelopeResult result;
    };

    boost::asio::any_io_executor executor_;
    std::set<std::string, std::less<>> tickets_;
    std::vector<std::shared_ptr<SocketConnection>> connections_;
    std::map<std::string, std::shared_ptr<Waiter>, std::less<>> waiting_;
    std::vector<nlohmann::json> log_;  // envelopes sent and acks received, for the control API
    std::size_t next_connection_ = 0;
    std::uint64_t counter_ = 1000;
};

}  // namespace incidentd::emulator
