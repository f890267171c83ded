// Wording of configuration errors, and the typo and secret-key hints they carry.
#include "config/messages.hpp"

#include <algorithm>
#include <vector>

#include "core/near_miss.hpp"

namespace incidentd::config {
namespace {

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

}  // namespace

std::string key_message(std::string_view table, std::string_view key, const Source& source,
                        std::string_view problem) {
    if (source.origin == Origin::env)
        return "config: " + source.where + ": " + std::string(problem);
    std::string message =
        "config: [" + std::string(table) + "] " + std::string(key) + ": " + std::string(problem);
    if (source.origin == Origin::file) message += " (" + source.where + ")";
    return message;
}

std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
    const auto best = core::closest_match(word, candidates);
    return best ? "; did you mean " + std::string(*best) + "?" : "";
}

bool looks_like_secret(std::string_view key) {
    const std::string lower = lowercase(key);
    return lower.find("token") != std::string::npos || lower.find("secret") != std::string::npos ||
           lower.find("password") != std::string::npos;
}

std::string secret_variables_for(std::string_view key) {
    const std::string lower = lowercase(key);
    std::string name = "SLACK_BOT_TOKEN";
    if (lower.find("signing") != std::string::npos || lower.find("secret") != std::string::npos)
        name = "SLACK_SIGNING_SECRET";
    else if (lower.find("app") != std::string::npos)
        name = "SLACK_APP_TOKEN";
    return name + " or " + name + "_FILE";
}

}  // namespace incidentd::config
