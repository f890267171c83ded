#include "render/render_options.hpp"

#include <algorithm>

namespace incidentd::render {

std::string render_options_problem(const RenderOptions& options) {
    if (options.timezone != "UTC")
        return "timezone \"" + options.timezone +
               "\" is not supported yet: incidentd renders times in UTC; set it to \"UTC\"";
    const bool emoji_ok = !options.key_event_emoji.empty() &&
                          std::ranges::all_of(options.key_event_emoji, [](char c) {
                              return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                                     c == '-' || c == '+' || c == '\'';
                          });
    if (!emoji_ok)
        return "key-event emoji \"" + options.key_event_emoji +
               "\" is not an emoji name: use Slack's name without colons, like pushpin";
    if (options.postmortem_due.count() < 0)
        return "postmortem due period is negative: use a duration like 7d";
    return {};
}

}  // namespace incidentd::render
