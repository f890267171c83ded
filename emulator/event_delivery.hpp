// Delivery of events, slash commands and interactions to the app, over Socket Mode when a client
// is connected and signed HTTP POSTs otherwise; events in order per channel with Slack's retries.
// Every attempt is recorded for the control API.
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "emulator/app_client.hpp"
#include "emulator/events.hpp"
#include "emulator/options.hpp"
#include "emulator/socket_mode.hpp"
#include "emulator/workspace.hpp"

namespace incidentd::emulator {

struct DeliveryAttempt {
    int retry_num = 0;
    std::string retry_reason;
    std::string transport;  // "http" or "socket_mode"
    std::string outcome;    // "ok", "http_timeout", "http_error", "connection_failed", "timeout"
    int status = 0;
    std::string error;
    std::chrono::milliseconds elapsed{0};
};

struct Delivery {
    int id = 0;
    std::string kind;  // "event_callback", "url_verification", "slash_command", "interactive"
    std::string event_id;
    std::string event_type;
    std::string channel;
    nlohmann::json payload;
    std::vector<DeliveryAttempt> attempts;
    std::string state = "pending";  // "delivered", "failed", "no_retry", "no_app"
};

class EventDelivery : public EventSink {
  public:
    EventDelivery(boost::asio::any_io_executor executor, Workspace& workspace,
                  const Options& options, SocketMode& socket_mode);

    // Wraps the event in an event_callback envelope and queues it behind its channel's earlier
    // events. Events of channels the bot is not in are not delivered, as Slack does, nor events
    // the --manifest does not subscribe to.
    void publish(nlohmann::json event, const std::string& channel_id) override;

    // The url_verification handshake: whether the app echoed the challenge.
    boost::asio::awaitable<nlohmann::json> verify_url();

    // A slash command (form fields) or interaction payload: one attempt, no retries (Slack does
    // not retry these); the app's synchronous answer is returned.
    boost::asio::awaitable<AppAnswer> deliver_interaction(std::string kind, nlohmann::json payload,
                                                          std::string channel_id);

    nlohmann::json to_json() const;

  private:
    boost::asio::awaitable<void> drain(std::string channel);
    boost::asio::awaitable<DeliveryAttempt> attempt(Delivery& delivery, int retry_num,
                                                    std::string retry_reason);
    nlohmann::json envelope(nlohmann::json event);
    // A signed POST of `body` to the app's request URL, within Slack's ack timeout.
    AppPost post_for_app(std::string content_type, std::string body) const;

    boost::asio::any_io_executor executor_;
    Workspace& workspace_;
    const Options& options_;
    SocketMode& socket_mode_;
    std::deque<Delivery> deliveries_;  // a deque keeps references stable while appending
    std::map<std::string, std::deque<std::size_t>> queues_;
    std::set<std::string> draining_;
    std::uint64_t event_counter_ = 0;
};

nlohmann::json to_json(const Delivery& delivery);

}  // namespace incidentd::emulator
