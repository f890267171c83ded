// Parsing and checking Web API URLs with Boost.URL.
#include "slack/api_url.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace incidentd::slack {

std::string Origin::host_header() const {
    const bool ipv6 = host.find(':') != std::string::npos;
    std::string out = ipv6 ? "[" + host + "]" : host;
    const bool default_port = (tls && port == "443") || (!tls && port == "80");
    if (!default_port) out += ":" + port;
    return out;
}

std::string Origin::key() const {
    const bool ipv6 = host.find(':') != std::string::npos;
    return std::string{tls ? "https://" : "http://"} + (ipv6 ? "[" + host + "]" : host) + ":" +
           port;
}

bool is_loopback_host(std::string_view host) {
    if (host == "localhost") return true;
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(std::string{host}, ec);
    return !ec && address.is_loopback();
}

std::optional<ApiUrl> parse_api_url(std::string_view text, std::string& problem) {
    auto parsed = boost::urls::parse_absolute_uri(text);
    if (!parsed) {
        problem = "\"" + std::string{text} +
                  "\" is not an absolute URL; write it like https://slack.com/api/";
        return std::nullopt;
    }
    const boost::urls::url_view url = *parsed;
    ApiUrl out;
    if (url.scheme_id() == boost::urls::scheme::https) {
        out.origin.tls = true;
    } else if (url.scheme_id() == boost::urls::scheme::http) {
        out.origin.tls = false;
    } else {
        problem =
            "\"" + std::string{text} + "\" must start with https:// (or http:// for loopback)";
        return std::nullopt;
    }
    if (url.has_userinfo()) {
        problem = "\"" + std::string{text} + "\" must not carry a user or password";
        return std::nullopt;
    }
    if (url.host_type() == boost::urls::host_type::ipv6) {
        out.origin.host = url.host_ipv6_address().to_string();
    } else {
        out.origin.host = url.host();
    }
    if (out.origin.host.empty()) {
        problem = "\"" + std::string{text} + "\" names no host";
        return std::nullopt;
    }
    if (!out.origin.tls && !is_loopback_host(out.origin.host)) {
        problem = "\"" + std::string{text} + "\" is plain http:// to " + out.origin.host +
                  ", which is not a loopback host; use https:// (http:// is only for 127.0.0.0/8, "
                  "::1 and localhost)";
        return std::nullopt;
    }
    if (url.has_port()) {
        if (url.port_number() == 0) {
            problem = "\"" + std::string{text} + "\" has port 0 or an invalid port";
            return std::nullopt;
        }
        out.origin.port = std::to_string(url.port_number());
    } else {
        out.origin.port = out.origin.tls ? "443" : "80";
    }
    out.path = url.encoded_path().empty() ? "/" : std::string{url.encoded_path()};
    if (url.has_query()) out.path += "?" + std::string{url.encoded_query()};
    return out;
}

std::string method_target(const ApiUrl& base, std::string_view method) {
    std::string target = base.path;
    if (const auto query = target.find('?'); query != std::string::npos) target.resize(query);
    if (target.empty() || target.back() != '/') target += '/';
    target += method;
    return target;
}

}  // namespace incidentd::slack
