// pins.add as a typed call: pinning a message (the incident summary) to its channel.
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "slack/web_api_result.hpp"
#include "slack/web_client.hpp"

namespace incidentd::slack::pins {

struct AddArgs {
    std::string channel;
    std::string timestamp;  // the message's ts
};
void to_json(nlohmann::json& j, const AddArgs& args);

enum class AddError { already_pinned, other };
NLOHMANN_JSON_SERIALIZE_ENUM(AddError, {{AddError::other, nullptr},
                                        {AddError::already_pinned, "already_pinned"}})

using AddResult = WebResult<Accepted, AddError>;
boost::asio::awaitable<AddResult> add(WebClient& client, AddArgs args);

}  // namespace incidentd::slack::pins
