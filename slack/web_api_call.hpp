// The one request template of the typed Web API calls (slack/web_api_*.cpp): a method's arguments
// as JSON in, its answer typed out. Each method's function is then one line naming what it sends
// and what it reads.
#pragma once

#include <string>
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "slack/web_api_result.hpp"
#include "slack/web_client.hpp"

namespace incidentd::slack {

// `arguments` (already JSON, so nothing of the caller's is held while the call runs) POSTed to
// `method`, and the answer read into Value, its error code into Code.
template <class Value, class Code = UnnamedError>
boost::asio::awaitable<WebResult<Value, Code>> call_typed(
    WebClient& client, std::string method, nlohmann::json arguments = nlohmann::json::object()) {
    const ApiResult answer = co_await client.call(std::move(method), std::move(arguments));
    co_return typed<Value, Code>(answer);
}

}  // namespace incidentd::slack
