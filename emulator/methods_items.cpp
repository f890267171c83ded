// Things attached to messages and channels: pins.add, reactions.add/remove, bookmarks.add/list.
#include "emulator/api_args.hpp"
#include "emulator/methods.hpp"
#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {
namespace {

namespace error = facts::error;

Channel* member_channel(MethodContext& c, std::string_view key, std::string& problem) {
    Channel* channel = channel_arg(c, key);
    if (!channel || (channel->is_private && !channel->has_member(c.caller))) {
        problem = error::channel_not_found;
        return nullptr;
    }
    if (!channel->has_member(c.caller)) {
        problem = error::not_in_channel;
        return nullptr;
    }
    return channel;
}

nlohmann::json pins_add(MethodContext& c) {
    std::string problem;
    Channel* channel = member_channel(c, "channel", problem);
    if (!channel) return api_error(problem);
    auto ts = text_arg(c.args, "timestamp");
    if (!ts) return api_error("no_item_specified");
    problem = pin_and_publish(c.workspace, c.events, *channel, *ts, c.caller);
    if (!problem.empty()) return api_error(problem);
    return {{"ok", true}};
}

nlohmann::json react(MethodContext& c, bool add) {
    std::string problem;
    Channel* channel = member_channel(c, "channel", problem);
    if (!channel) return api_error(problem);
    auto ts = text_arg(c.args, "timestamp");
    if (!ts) return api_error("no_item_specified");
    problem = react_and_publish(c.workspace, c.events, *channel, *ts, c.caller,
                                text_arg(c.args, "name").value_or(""), add);
    if (!problem.empty()) return api_error(problem);
    return {{"ok", true}};
}

nlohmann::json bookmarks_add(MethodContext& c) {
    std::string problem;
    Channel* channel = member_channel(c, "channel_id", problem);
    if (!channel) return api_error(problem);
    const std::string type = text_arg(c.args, "type").value_or("");
    if (type != "link") return api_error(error::invalid_bookmark_type);
    const std::string link = text_arg(c.args, "link").value_or("");
    if (!link.starts_with("http://") && !link.starts_with("https://")) {
        return api_error(error::invalid_link);
    }
    Bookmark bookmark{c.workspace.next_id("Bk"),
                      channel->id,
                      text_arg(c.args, "title").value_or(link),
                      type,
                      link,
                      c.caller};
    channel->bookmarks.push_back(bookmark);
    return {{"ok", true},
            {"bookmark",
             {{"id", bookmark.id},
              {"channel_id", bookmark.channel_id},
              {"title", bookmark.title},
              {"type", bookmark.type},
              {"link", bookmark.link}}}};
}

// Slack's bookmarks.list: the channel's bookmarks, for members of the channel.
nlohmann::json bookmarks_list(MethodContext& c) {
    std::string problem;
    Channel* channel = member_channel(c, "channel_id", problem);
    if (!channel) return api_error(problem);
    nlohmann::json list = nlohmann::json::array();
    for (const Bookmark& b : channel->bookmarks)
        list.push_back({{"id", b.id},
                        {"channel_id", b.channel_id},
                        {"title", b.title},
                        {"type", b.type},
                        {"link", b.link},
                        {"created_by", b.created_by}});
    return {{"ok", true}, {"bookmarks", list}};
}

}  // namespace

void add_item_methods(MethodTable& table) {
    table["pins.add"] = {pins_add, true, TokenType::bot};
    table["reactions.add"] = {[](MethodContext& c) { return react(c, true); }, true,
                              TokenType::bot};
    table["reactions.remove"] = {[](MethodContext& c) { return react(c, false); }, true,
                                 TokenType::bot};
    table["bookmarks.add"] = {bookmarks_add, true, TokenType::bot};
    table["bookmarks.list"] = {bookmarks_list, false, TokenType::bot};
}

}  // namespace incidentd::emulator
