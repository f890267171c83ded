// The control API under /_emulator/ (JSON): act as a user, read the state and what the app did,
// and inject faults. tests/emulator/README.md is its reference.
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "emulator/event_delivery.hpp"
#include "emulator/faults.hpp"
#include "emulator/http_types.hpp"
#include "emulator/interactions.hpp"
#include "emulator/options.hpp"
#include "emulator/socket_mode.hpp"
#include "emulator/web_api.hpp"
#include "emulator/workspace.hpp"

namespace incidentd::emulator {

struct ControlDeps {
    Workspace& workspace;
    Interactions& interactions;
    EventDelivery& delivery;
    SocketMode& socket_mode;
    Faults& faults;
    WebApi& web_api;
    const Options& options;
    const std::string& base_url;
};

class ControlApi {
  public:
    explicit ControlApi(ControlDeps deps) : deps_(deps) {}

    // `path` is the target without the /_emulator prefix and query ("/channels", ...).
    boost::asio::awaitable<PlannedResponse> handle(const Request& request, std::string path,
                                                   nlohmann::json query);

  private:
    PlannedResponse read(const std::string& path, const nlohmann::json& query);
    PlannedResponse act(const std::string& path, const nlohmann::json& body);
    PlannedResponse inject(const std::string& path, const nlohmann::json& body);
    boost::asio::awaitable<PlannedResponse> interact(const std::string& path,
                                                     const nlohmann::json& body);

    boost::asio::awaitable<PlannedResponse> slash_command(const nlohmann::json& body);
    boost::asio::awaitable<PlannedResponse> block_action(const nlohmann::json& body);
    boost::asio::awaitable<PlannedResponse> view_submission(const nlohmann::json& body);
    boost::asio::awaitable<PlannedResponse> shortcut(const nlohmann::json& body);
    PlannedResponse open_home(const User& user, const nlohmann::json& body);

    const User* user_of(const nlohmann::json& body, std::string& problem);
    Channel* channel_of(const nlohmann::json& body, std::string& problem);

    ControlDeps deps_;
};

}  // namespace incidentd::emulator
