// The address the HTTP server listens on: "host:port", with IPv6 hosts in brackets ("[::1]:3000").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace incidentd::config {

struct ListenAddress {
    std::string host;        // without brackets: "0.0.0.0", "::1", "localhost"
    std::uint16_t port = 0;  // 0 lets the system pick a free port (tests use it)

    // Back to "host:port", bracketing an IPv6 host.
    std::string text() const;
    bool operator==(const ListenAddress&) const = default;
};

// Parses "host:port"; on failure returns nothing and sets `problem` to a sentence such as
// "\"::1:3000\" has an IPv6 host without brackets; write it as \"[::1]:3000\"".
std::optional<ListenAddress> parse_listen_address(std::string_view text, std::string& problem);

}  // namespace incidentd::config
