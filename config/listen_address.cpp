// Parsing "host:port" for the HTTP listener; IPv6 literals must be bracketed so the port is
// unambiguous.
#include "config/listen_address.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

#include "config/value_checks.hpp"

namespace incidentd::config {
namespace {

bool is_ipv6(const std::string& host) {
    in6_addr address{};
    return inet_pton(AF_INET6, host.c_str(), &address) == 1;
}

bool is_ipv4(const std::string& host) {
    in_addr address{};
    return inet_pton(AF_INET, host.c_str(), &address) == 1;
}

// A host name or an IPv4 literal; anything that looks numeric must be a real IPv4 address.
bool is_name_or_ipv4(const std::string& host) {
    const bool name_chars = std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-';
    });
    if (!name_chars) return false;
    const bool numeric = std::all_of(host.begin(), host.end(),
                                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    return !numeric || is_ipv4(host);
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
    if (text.empty() || text.size() > 5) return std::nullopt;
    unsigned value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

}  // namespace

std::string ListenAddress::text() const {
    const bool bracket = host.find(':') != std::string::npos;
    return (bracket ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::optional<ListenAddress> parse_listen_address(std::string_view text, std::string& problem) {
    const std::string shown = in_quotes(text);
    const std::string example = "write host:port like \"0.0.0.0:3000\" or \"[::1]:3000\"";
    std::string host;
    std::string_view port_text;
    if (text.starts_with('[')) {
        const auto close = text.find(']');
        if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
            problem = shown + " is not host:port; " + example;
            return std::nullopt;
        }
        host = std::string(text.substr(1, close - 1));
        port_text = text.substr(close + 2);
        if (!is_ipv6(host)) {
            problem =
                shown + " has " + in_quotes(host) + " in brackets, which is not an IPv6 address";
            return std::nullopt;
        }
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string_view::npos) {
            problem = shown + " has no port; " + example;
            return std::nullopt;
        }
        host = std::string(text.substr(0, colon));
        port_text = text.substr(colon + 1);
        if (host.find(':') != std::string::npos) {
            problem = shown + " has an IPv6 host without brackets; write it as \"[" + host +
                      "]:" + std::string(port_text) + "\"";
            return std::nullopt;
        }
        if (host.empty()) {
            problem = shown +
                      " has no host; use 0.0.0.0 for every interface or 127.0.0.1 for this "
                      "machine only";
            return std::nullopt;
        }
        if (!is_name_or_ipv4(host)) {
            problem =
                shown + " has " + in_quotes(host) + ", which is not a host name or IP address";
            return std::nullopt;
        }
    }
    const auto port = parse_port(port_text);
    if (!port) {
        problem =
            shown + " has port " + in_quotes(port_text) + "; a port is a number from 0 to 65535";
        return std::nullopt;
    }
    return ListenAddress{host, *port};
}

}  // namespace incidentd::config
