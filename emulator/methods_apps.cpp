// apps.connections.open: a single-use Socket Mode URL on this server (app-level token only).
#include "emulator/methods.hpp"

namespace incidentd::emulator {
namespace {

nlohmann::json connections_open(MethodContext& c) {
    std::string ws_base = c.base_url;
    ws_base.replace(0, ws_base.find(':'), ws_base.starts_with("https") ? "wss" : "ws");
    return {{"ok", true},
            {"url", ws_base + "/link/?ticket=" + c.socket_mode.new_ticket() +
                        "&app_id=" + c.workspace.identity().app_id}};
}

}  // namespace

void add_apps_methods(MethodTable& table) {
    table["apps.connections.open"] = {connections_open, false, TokenType::app};
}

}  // namespace incidentd::emulator
