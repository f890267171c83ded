// The Web API front door (POST /api/<method>): outages and injected faults, authentication, rate
// limits, then the method; every call is recorded with its arguments and answer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/events.hpp"
#include "emulator/faults.hpp"
#include "emulator/http_types.hpp"
#include "emulator/interactions.hpp"
#include "emulator/methods.hpp"
#include "emulator/options.hpp"
#include "emulator/rate_limits.hpp"
#include "emulator/socket_mode.hpp"
#include "emulator/workspace.hpp"

namespace incidentd::emulator {

struct WebApiDeps {
    Workspace& workspace;
    Interactions& interactions;
    EventSink& events;
    SocketMode& socket_mode;
    Faults& faults;
    RateLimits& rate_limits;
    const Options& options;
    const std::string& base_url;
};

class WebApi {
  public:
    explicit WebApi(WebApiDeps deps) : deps_(deps), methods_(all_methods()) {}

    PlannedResponse handle(std::string_view method, const Request& request);

    // Every call received: {"method","args","status","answer","json_body"}; tokens left out.
    const std::vector<nlohmann::json>& calls() const { return calls_; }

  private:
    PlannedResponse answer(std::string_view method, const Request& request);

    WebApiDeps deps_;
    MethodTable methods_;
    std::vector<nlohmann::json> calls_;
    nlohmann::json current_args_;
};

}  // namespace incidentd::emulator
