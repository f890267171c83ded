#include "slack/workspace.hpp"

#include <algorithm>
#include <iterator>

namespace incidentd::slack {

std::string permalink(const Workspace& ws, std::string_view channel, std::string_view ts,
                      std::optional<std::string_view> thread_ts) {
    if (ws.url.empty() || channel.empty() || ts.empty()) return {};
    std::string link = ws.url;
    if (link.back() != '/') link += '/';
    link += "archives/";
    link += channel;
    link += "/p";
    std::ranges::copy_if(ts, std::back_inserter(link), [](char c) { return c != '.'; });
    if (thread_ts && !thread_ts->empty() && *thread_ts != ts) {
        link += "?thread_ts=";
        link += *thread_ts;
        link += "&cid=";
        link += channel;
    }
    return link;
}

}  // namespace incidentd::slack
