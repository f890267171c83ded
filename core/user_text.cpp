// Reposting command text as mrkdwn: person and channel mentions kept, everything else inert.
#include "core/user_text.hpp"

#include <algorithm>
#include <array>

namespace incidentd::core {
namespace {

bool is_id_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// "@U123", "@W123|jane", "#C123|general": a mention Slack made from what the person picked.
bool is_kept_mention(std::string_view inside) {
    const std::string_view id_and_label = inside.substr(std::min<std::size_t>(inside.size(), 1));
    const std::size_t bar = id_and_label.find('|');
    const std::string_view id = id_and_label.substr(0, bar);
    const bool person = inside.starts_with("@U") || inside.starts_with("@W");
    const bool channel = inside.starts_with("#C");
    return (person || channel) && id.size() >= 2 && std::ranges::all_of(id, is_id_char) &&
           inside.find('<') == std::string_view::npos;
}

constexpr std::array<std::string_view, 3> slack_entities{"&amp;", "&lt;", "&gt;"};

std::size_t entity_at(std::string_view text, std::size_t i) {
    for (std::string_view entity : slack_entities)
        if (text.substr(i, entity.size()) == entity) return entity.size();
    return 0;
}

}  // namespace

std::string user_mrkdwn(std::string_view slack_text) {
    std::string out;
    out.reserve(slack_text.size());
    for (std::size_t i = 0; i < slack_text.size();) {
        const char c = slack_text[i];
        if (c == '<') {
            const std::size_t close = slack_text.find('>', i);
            if (close != std::string_view::npos &&
                is_kept_mention(slack_text.substr(i + 1, close - i - 1))) {
                out += slack_text.substr(i, close - i + 1);
                i = close + 1;
                continue;
            }
            out += "&lt;";
        } else if (c == '>') {
            out += "&gt;";
        } else if (c == '&') {
            const std::size_t n = entity_at(slack_text, i);
            out += n > 0 ? slack_text.substr(i, n) : std::string_view("&amp;");
            i += n > 0 ? n : 1;
            continue;
        } else {
            out += c;
        }
        ++i;
    }
    return out;
}

}  // namespace incidentd::core
