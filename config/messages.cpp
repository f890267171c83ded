// Wording of configuration errors, and the typo and secret-key hints they carry.
#include "config/messages.hpp"

#include <algorithm>
#include <vector>

namespace incidentd::config {
namespace {

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
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
    const std::string* best = nullptr;
    std::size_t best_distance = 3;  // more than two edits is a different word, not a typo
    for (const auto& candidate : candidates) {
        const std::size_t distance = edit_distance(lowercase(word), lowercase(candidate));
        if (distance < best_distance) {
            best = &candidate;
            best_distance = distance;
        }
    }
    return best ? "; did you mean " + *best + "?" : "";
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
