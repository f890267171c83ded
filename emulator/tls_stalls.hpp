// Truncated TLS handshakes armed through the control API (/_emulator/tls_stalls): the next
// connections to the HTTPS port have their ClientHello read and then get silence, half a
// ServerHello, or a reset, so a client's handshake timeout and retries can be tested.
#pragma once

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "emulator/http_types.hpp"

namespace incidentd::emulator {

enum class TlsStallMode {
    silent,      // read the ClientHello, answer nothing
    half_hello,  // send the first bytes of a ServerHello record, then nothing
    reset,       // close with a TCP reset right after the ClientHello
};

struct TlsStall {
    TlsStallMode mode = TlsStallMode::silent;
    // How long a stalled connection is held open (unless the client gives up first).
    std::chrono::milliseconds hold{30'000};
};

class TlsStalls {
  public:
    // The stall for the connection just accepted, counted as used; nothing when none is armed.
    std::optional<TlsStall> take() {
        if (armed_ <= 0) return std::nullopt;
        --armed_;
        ++stalled_;
        return stall_;
    }

    // POST arms (`count`, `mode`, `hold_ms`), DELETE disarms, GET reports `armed` and `stalled`.
    PlannedResponse handle(const Request& request, bool tls) {
        if (request.method() == http::verb::get) return json_reply(state());
        if (request.method() == http::verb::delete_) {
            armed_ = 0;
            return json_reply(state());
        }
        if (request.method() != http::verb::post)
            return refused("use GET, POST or DELETE on /_emulator/tls_stalls");
        if (!tls) return refused("the emulator serves plain HTTP; start it with --tls-cert");
        const auto body = nlohmann::json::parse(request.body(), nullptr, false);
        if (!body.is_object()) return refused("the body must be a JSON object");
        const int count = body.value("count", 1);
        const std::string mode = body.value("mode", "silent");
        const int hold_ms = body.value("hold_ms", 30'000);
        if (count < 1) return refused("count must be at least 1");
        if (hold_ms < 0 || hold_ms > 120'000) return refused("hold_ms must be 0 to 120000");
        if (mode == "silent") {
            stall_.mode = TlsStallMode::silent;
        } else if (mode == "half_hello") {
            stall_.mode = TlsStallMode::half_hello;
        } else if (mode == "reset") {
            stall_.mode = TlsStallMode::reset;
        } else {
            return refused("mode must be silent, half_hello or reset, not \"" + mode + "\"");
        }
        stall_.hold = std::chrono::milliseconds{hold_ms};
        armed_ = count;
        return json_reply(state());
    }

  private:
    static PlannedResponse refused(const std::string& why) {
        return json_reply({{"ok", false}, {"error", why}}, http::status::bad_request);
    }
    nlohmann::json state() const {
        return {{"ok", true}, {"armed", std::max(armed_, 0)}, {"stalled", stalled_}};
    }

    TlsStall stall_;
    int armed_ = 0;
    int stalled_ = 0;
};

}  // namespace incidentd::emulator
