// The emulator as one object: its state, its Web API, control API and deliveries, and the routing
// of every HTTP request that reaches its port.
#pragma once

#include <string>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "emulator/control_api.hpp"
#include "emulator/event_delivery.hpp"
#include "emulator/faults.hpp"
#include "emulator/http_types.hpp"
#include "emulator/interactions.hpp"
#include "emulator/options.hpp"
#include "emulator/rate_limits.hpp"
#include "emulator/socket_mode.hpp"
#include "emulator/tls_stalls.hpp"
#include "emulator/web_api.hpp"
#include "emulator/workspace.hpp"

namespace incidentd::emulator {

class Emulator {
  public:
    Emulator(boost::asio::any_io_executor executor, Options options);
    Emulator(const Emulator&) = delete;
    Emulator& operator=(const Emulator&) = delete;

    // Known once the port is bound: "http://127.0.0.1:PORT" or "https://...".
    void set_base_url(std::string url) { base_url_ = std::move(url); }
    const std::string& base_url() const { return base_url_; }
    const Options& options() const { return options_; }

    // Starts what runs by itself: the url_verification handshake when a request URL is set.
    void start();

    boost::asio::awaitable<PlannedResponse> handle(const Request& request);

    // Whether a WebSocket upgrade to `target` carries a valid, unused Socket Mode ticket.
    bool accept_socket_mode(std::string_view target);
    SocketMode& socket_mode() { return socket_mode_; }
    // Handshakes the HTTPS listener truncates on purpose (armed at /_emulator/tls_stalls).
    TlsStalls& tls_stalls() { return tls_stalls_; }
    const std::string& app_id() const { return workspace_.identity().app_id; }

  private:
    PlannedResponse upload(std::string_view file_id, const Request& request);

    boost::asio::any_io_executor executor_;
    Options options_;
    std::string base_url_;
    Workspace workspace_;
    Interactions interactions_;
    Faults faults_;
    RateLimits rate_limits_;
    SocketMode socket_mode_;
    EventDelivery delivery_;
    WebApi web_api_;
    ControlApi control_;
    TlsStalls tls_stalls_;
};

}  // namespace incidentd::emulator
