// The shape checks behind every setting; messages say what a good value looks like.
#include "config/value_checks.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstdio>

namespace incidentd::config {
namespace {

bool is_upper_alnum(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_lower_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

std::string uppercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    });
    return out;
}

bool starts_with_icase(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && lowercase(text.substr(0, prefix.size())) == prefix;
}

// A Slack id: one of `kinds` then upper-case letters and digits. The kinds name the id's type.
bool is_slack_id(std::string_view id, std::string_view kinds) {
    return id.size() >= 3 && id.size() <= 24 && kinds.find(id[0]) != std::string_view::npos &&
           std::all_of(id.begin() + 1, id.end(), is_upper_alnum);
}

}  // namespace

std::string in_quotes(std::string_view text) {
    constexpr std::size_t limit = 80;
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size() && i < limit; ++i) {
        const char c = text[i];
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            std::array<char, 8> escaped{};
            std::snprintf(escaped.data(), escaped.size(), "\\x%02x",
                          static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += escaped.data();
        } else {
            out += c;
        }
    }
    if (text.size() > limit) out += "…";
    return out + "\"";
}

bool is_loopback_host(std::string_view host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    if (lowercase(host) == "localhost") return true;
    const std::string text(host);
    in_addr v4{};
    if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
    in6_addr v6{};
    if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
        static const in6_addr loopback = IN6ADDR_LOOPBACK_INIT;
        return std::equal(std::begin(v6.s6_addr), std::end(v6.s6_addr),
                          std::begin(loopback.s6_addr));
    }
    return false;
}

std::optional<std::string> api_url_problem(std::string_view url) {
    const bool https = starts_with_icase(url, "https://");
    const bool http = starts_with_icase(url, "http://");
    if (!https && !http)
        return in_quotes(url) +
               " is not an https:// URL; use \"https://slack.com/api/\" (http:// is accepted "
               "only for a loopback host such as the local emulator)";
    const std::string_view rest = url.substr(https ? 8 : 7);
    if (rest.find_first_of("?#") != std::string_view::npos)
        return in_quotes(url) +
               " has a query or fragment; give the base URL the method names follow";
    const std::string_view authority = rest.substr(0, rest.find('/'));
    if (authority.find('@') != std::string_view::npos)
        return in_quotes(url) + " has user information before the host; remove it";
    std::string_view host = authority;
    if (host.starts_with('[')) {
        const auto close = host.find(']');
        if (close == std::string_view::npos)
            return in_quotes(url) + " has an unclosed '[' in its host";
        host = host.substr(0, close + 1);
    } else {
        host = host.substr(0, host.find(':'));
    }
    if (host.empty()) return in_quotes(url) + " has no host";
    if (http && !is_loopback_host(host))
        return in_quotes(url) + " uses plain http:// to " + in_quotes(host) +
               ", which is not a loopback host; use https:// (http:// is only for 127.0.0.1, "
               "::1 or localhost)";
    return std::nullopt;
}

std::optional<std::string> channel_id_problem(std::string_view id) {
    if (is_slack_id(id, "CG")) return std::nullopt;
    if (id.starts_with('#'))
        return in_quotes(id) +
               " is a channel name; use the channel id (C… or G…), shown at the bottom of the "
               "channel's details";
    if (is_slack_id(uppercase(id), "CG"))
        return in_quotes(id) + " has lower-case letters; Slack channel ids are upper-case";
    return in_quotes(id) + " is not a Slack channel id like C0123ABCD";
}

std::optional<std::string> user_id_problem(std::string_view id) {
    if (is_slack_id(id, "UW")) return std::nullopt;
    if (id.starts_with('@'))
        return in_quotes(id) +
               " is a user name; use the member id (U…), from the profile's \"Copy member ID\"";
    return in_quotes(id) + " is not a Slack user id like U0123ABCD";
}

std::string emoji_name(std::string_view text) {
    if (text.size() >= 2 && text.front() == ':' && text.back() == ':')
        text = text.substr(1, text.size() - 2);
    return std::string(text);
}

std::optional<std::string> emoji_name_problem(std::string_view name) {
    if (name.empty()) return std::string("is empty; name an emoji such as \"pushpin\"");
    if (name.size() > 100) return in_quotes(name) + " is too long for an emoji name";
    if (std::any_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return in_quotes(name) + " has upper-case letters; Slack emoji names are lowercase";
    const bool ok = std::all_of(name.begin(), name.end(), [](char c) {
        return is_lower_alnum(c) || c == '_' || c == '-' || c == '+' || c == '\'';
    });
    if (!ok)
        return in_quotes(name) +
               " is not an emoji name; write the name Slack shows between colons, e.g. "
               "\"pushpin\" or \":pushpin:\"";
    return std::nullopt;
}

std::optional<std::string> team_name_problem(std::string_view name) {
    const bool ok =
        !name.empty() && name.size() <= 40 && is_lower_alnum(name.front()) &&
        std::all_of(name.begin(), name.end(), [](char c) { return is_lower_alnum(c) || c == '-'; });
    if (ok) return std::nullopt;
    return in_quotes(name) +
           " is not a team name; use lowercase letters, digits and '-' (at most 40), starting "
           "with a letter or digit, e.g. [teams.payments]";
}

std::optional<std::string> timezone_problem(std::string_view name) {
    if (name == "UTC") return std::nullopt;
    return in_quotes(name) +
           " is not supported: incidentd renders times in UTC only for now; set \"UTC\" or leave "
           "the key out";
}

std::optional<std::string> log_level_problem(std::string_view level) {
    static constexpr std::array<std::string_view, 7> levels{"trace", "debug",    "info", "warn",
                                                            "error", "critical", "off"};
    if (std::find(levels.begin(), levels.end(), level) != levels.end()) return std::nullopt;
    return in_quotes(level) +
           " is not a log level; use one of trace, debug, info, warn, error, critical, off";
}

}  // namespace incidentd::config
