// Injected faults: counting them down, and reading their control API descriptions.
#include "emulator/faults.hpp"

#include <algorithm>

namespace incidentd::emulator {

void Faults::start_outage(std::chrono::milliseconds length, OutageMode mode) {
    outage_until_ = Clock::now() + length;
    outage_mode_ = mode;
}

void Faults::clear() {
    faults_.clear();
    outage_until_ = {};
}

std::optional<OutageMode> Faults::outage() const {
    if (Clock::now() < outage_until_) return outage_mode_;
    return std::nullopt;
}

std::optional<Fault> Faults::take(std::string_view method) {
    auto it = std::find_if(faults_.begin(), faults_.end(), [&](const Fault& f) {
        return f.remaining > 0 && (f.method == "*" || f.method == method);
    });
    if (it == faults_.end()) return std::nullopt;
    Fault fault = *it;
    if (--it->remaining == 0) faults_.erase(it);
    return fault;
}

std::string_view to_string(FaultKind kind) {
    switch (kind) {
        case FaultKind::rate_limited:
            return "rate_limited";
        case FaultKind::server_error:
            return "server_error";
        case FaultKind::slow:
            return "slow";
        case FaultKind::drop_connection:
            return "drop_connection";
        case FaultKind::effect_then_fail:
            return "effect_then_fail";
    }
    return "unknown";
}

std::string_view to_string(LostAnswer answer) {
    switch (answer) {
        case LostAnswer::server_error:
            return "server_error";
        case LostAnswer::internal_error:
            return "internal_error";
        case LostAnswer::drop_connection:
            return "drop_connection";
    }
    return "unknown";
}

nlohmann::json Faults::to_json() const {
    auto list = nlohmann::json::array();
    for (const auto& f : faults_) {
        list.push_back({{"kind", to_string(f.kind)},
                        {"method", f.method},
                        {"remaining", f.remaining},
                        {"retry_after", f.retry_after_seconds},
                        {"status", f.status},
                        {"delay_ms", f.delay.count()},
                        {"then", to_string(f.then)}});
    }
    return {{"faults", list}, {"outage", outage().has_value()}};
}

std::optional<Fault> fault_from_json(const nlohmann::json& body, std::string& error) {
    Fault fault;
    const std::string kind = body.value("kind", "");
    if (kind == "rate_limited") {
        fault.kind = FaultKind::rate_limited;
    } else if (kind == "server_error") {
        fault.kind = FaultKind::server_error;
    } else if (kind == "slow") {
        fault.kind = FaultKind::slow;
    } else if (kind == "drop_connection") {
        fault.kind = FaultKind::drop_connection;
    } else if (kind == "effect_then_fail") {
        fault.kind = FaultKind::effect_then_fail;
        const std::string then = body.value("then", "server_error");
        if (then == "server_error") {
            fault.then = LostAnswer::server_error;
        } else if (then == "internal_error") {
            fault.then = LostAnswer::internal_error;
        } else if (then == "drop_connection") {
            fault.then = LostAnswer::drop_connection;
        } else {
            error = "then must be server_error, internal_error or drop_connection, not \"" + then +
                    "\"";
            return std::nullopt;
        }
    } else {
        error =
            "kind must be rate_limited, server_error, slow, drop_connection or effect_then_fail, "
            "not \"" +
            kind + "\"";
        return std::nullopt;
    }
    fault.method = body.value("method", "*");
    fault.remaining = body.value("count", 1);
    fault.retry_after_seconds = body.value("retry_after", 1);
    fault.status = body.value("status", 500);
    fault.delay = std::chrono::milliseconds{body.value("delay_ms", 0)};
    if (fault.remaining < 1) {
        error = "count must be at least 1";
        return std::nullopt;
    }
    if ((fault.kind == FaultKind::server_error || fault.kind == FaultKind::effect_then_fail) &&
        (fault.status < 500 || fault.status > 599)) {
        error = "status must be a 5xx code for server_error and effect_then_fail";
        return std::nullopt;
    }
    return fault;
}

}  // namespace incidentd::emulator
