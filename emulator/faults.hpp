// Faults injected through the control API: what the next Web API calls suffer (429, 5xx, slow
// answers, dropped connections) and outage windows when every call fails.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace incidentd::emulator {

enum class FaultKind { rate_limited, server_error, slow, drop_connection, effect_then_fail };

// How a call that took effect answers under effect_then_fail: what Slack does when it posted the
// message and then failed (Slack: "it's possible some aspect of the operation succeeded").
enum class LostAnswer { server_error, internal_error, drop_connection };

struct Fault {
    FaultKind kind = FaultKind::server_error;
    std::string method = "*";  // a Web API method, or "*" for every method
    int remaining = 1;         // calls still to suffer it
    int retry_after_seconds = 1;
    int status = 500;
    std::chrono::milliseconds delay{0};
    LostAnswer then = LostAnswer::server_error;  // effect_then_fail only
};

// What an outage does to every call while it lasts.
enum class OutageMode { service_unavailable, drop_connection };

class Faults {
  public:
    using Clock = std::chrono::steady_clock;

    void add(Fault fault) { faults_.push_back(std::move(fault)); }
    void start_outage(std::chrono::milliseconds length, OutageMode mode);
    void clear();

    // The outage in force now, if any.
    std::optional<OutageMode> outage() const;
    // The first armed fault for `method`, counted as used.
    std::optional<Fault> take(std::string_view method);

    nlohmann::json to_json() const;

  private:
    std::vector<Fault> faults_;
    Clock::time_point outage_until_{};
    OutageMode outage_mode_ = OutageMode::service_unavailable;
};

// Reads a control API fault description; nothing (and `error` set) when it makes no sense.
std::optional<Fault> fault_from_json(const nlohmann::json& body, std::string& error);
std::string_view to_string(FaultKind kind);
std::string_view to_string(LostAnswer answer);

}  // namespace incidentd::emulator
