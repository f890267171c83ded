// pins.add: its arguments as Slack names them.
#include "slack/web_api_pins.hpp"

#include "slack/web_api_call.hpp"

namespace incidentd::slack::pins {

using nlohmann::json;

void to_json(json& j, const AddArgs& args) {
    j = {{"channel", args.channel}, {"timestamp", args.timestamp}};
}

boost::asio::awaitable<AddResult> add(WebClient& client, AddArgs args) {
    return call_typed<Accepted, AddError>(client, "pins.add", json(args));
}

}  // namespace incidentd::slack::pins
