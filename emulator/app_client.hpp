// Signed HTTP POSTs to the app (events, slash commands, interactivity), with a deadline, and
// what came of each: the answer, a timeout, or a connection that could not be made.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/awaitable.hpp>

namespace incidentd::emulator {

enum class AppOutcome { answered, timeout, connection_failed };

struct AppAnswer {
    AppOutcome outcome = AppOutcome::connection_failed;
    int status = 0;  // HTTP status when answered
    std::string body;
    std::string content_type;
    bool no_retry = false;  // the app sent X-Slack-No-Retry: 1
    std::string error;      // what failed, for the delivery log
    std::chrono::milliseconds elapsed{0};

    bool ok() const { return outcome == AppOutcome::answered && status >= 200 && status < 300; }
};

struct AppPost {
    std::string url;  // http://host:port/path
    std::string content_type;
    std::string body;
    std::string signing_secret;
    std::vector<std::pair<std::string, std::string>> headers;  // e.g. X-Slack-Retry-Num
    std::chrono::milliseconds timeout{3000};
};

// Signs the body (X-Slack-Request-Timestamp, X-Slack-Signature) and posts it.
boost::asio::awaitable<AppAnswer> post_to_app(AppPost post);

}  // namespace incidentd::emulator
