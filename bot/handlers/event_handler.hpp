// An Events API delivery: recorded in its incident's record, once, before it is acknowledged.
#pragma once

#include <string_view>

#include <boost/asio/awaitable.hpp>

#include "bot/runtime/runtime.hpp"
#include "slack/http_receiver.hpp"
#include "slack/inbound.hpp"

namespace incidentd::bot {

// Event types incidentd acts on without recording anything: app_home_opened draws the Home tab.
inline bool handled_without_recording(std::string_view event_type) {
    return event_type == "app_home_opened";
}

// 200 once the event is durably recorded (or when the record does not keep it); 503 while the
// workspace is not known yet and 500 when storing failed, so that Slack delivers it again.
boost::asio::awaitable<slack::DeliveryAnswer> handle_event(Runtime& runtime,
                                                           const slack::EventCallback& callback,
                                                           const slack::DeliveryMeta& meta,
                                                           const std::string& request_id);

}  // namespace incidentd::bot
