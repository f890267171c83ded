// Where Web API calls go: a parsed http(s) URL split into the origin a connection is opened to and
// the path a request names, with the rule that plain http:// is for loopback hosts only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace incidentd::slack {

// The scheme, host and port one connection serves; the connection pool's key.
struct Origin {
    bool tls = true;
    std::string host;  // without brackets for IPv6 ("::1")
    std::string port;  // always set ("443" when the URL names none)

    std::string key() const;          // "https://slack.com:443"
    std::string host_header() const;  // "slack.com", "127.0.0.1:8080", "[::1]:8080"
    friend bool operator==(const Origin&, const Origin&) = default;
};

struct ApiUrl {
    Origin origin;
    std::string path;  // "/api/" ; with its query, if any, for one-off URLs such as upload_url
};

// 127.0.0.0/8, ::1 and "localhost": the hosts plain http:// may reach.
bool is_loopback_host(std::string_view host);

// The parsed URL, or nothing with `problem` saying what is wrong with it and what to write
// instead. Accepts https:// anywhere and http:// to loopback hosts only.
std::optional<ApiUrl> parse_api_url(std::string_view text, std::string& problem);

// The target for `method` under a base URL's path: "/api/" + "chat.postMessage".
std::string method_target(const ApiUrl& base, std::string_view method);

}  // namespace incidentd::slack
