// Where a Socket Mode link goes: the wss:// URL apps.connections.open hands out, parsed, with the
// rule that plain ws:// is for loopback hosts only (as http:// is for the Web API).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "slack/api_url.hpp"

namespace incidentd::slack {

struct SocketUrl {
    Origin origin;       // tls is true for wss://
    std::string target;  // path and query: the query holds the single-use ticket, never log it
    std::string redacted() const;  // "wss://host:port/link/" for logs, without the query
};

// The parsed URL, or nothing with `problem` saying what is wrong; the problem never repeats the
// query string.
std::optional<SocketUrl> parse_socket_url(std::string_view text, std::string& problem);

}  // namespace incidentd::slack
