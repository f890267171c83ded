// Parsing Socket Mode URLs with Boost.URL.
#include "slack/socket_url.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace incidentd::slack {

std::string SocketUrl::redacted() const {
    const std::string scheme = origin.tls ? "wss://" : "ws://";
    const bool ipv6 = origin.host.find(':') != std::string::npos;
    std::string path = target.substr(0, target.find('?'));
    return scheme + (ipv6 ? "[" + origin.host + "]" : origin.host) + ":" + origin.port + path;
}

std::optional<SocketUrl> parse_socket_url(std::string_view text, std::string& problem) {
    auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed) {
        problem = "the Socket Mode URL from apps.connections.open is not an absolute URL";
        return std::nullopt;
    }
    const boost::urls::url_view url = *parsed;
    SocketUrl out;
    if (url.scheme() == "wss") {
        out.origin.tls = true;
    } else if (url.scheme() == "ws") {
        out.origin.tls = false;
    } else {
        problem = "the Socket Mode URL must start with wss:// (or ws:// for loopback), not " +
                  std::string{url.scheme()} + "://";
        return std::nullopt;
    }
    out.origin.host = url.host_type() == boost::urls::host_type::ipv6
                          ? url.host_ipv6_address().to_string()
                          : std::string{url.host()};
    if (out.origin.host.empty() || url.has_userinfo()) {
        problem = "the Socket Mode URL names no host, or carries a user or password";
        return std::nullopt;
    }
    if (!out.origin.tls && !is_loopback_host(out.origin.host)) {
        problem = "the Socket Mode URL is plain ws:// to " + out.origin.host +
                  ", which is not a loopback host; only wss:// is accepted there";
        return std::nullopt;
    }
    if (url.has_port() && url.port_number() == 0) {
        problem = "the Socket Mode URL has port 0 or an invalid port";
        return std::nullopt;
    }
    out.origin.port = url.has_port() ? std::to_string(url.port_number())
                                     : std::string{out.origin.tls ? "443" : "80"};
    out.target = url.encoded_path().empty() ? "/" : std::string{url.encoded_path()};
    if (url.has_query()) out.target += "?" + std::string{url.encoded_query()};
    return out;
}

}  // namespace incidentd::slack
