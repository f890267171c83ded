// conversations.*: create, info, invite, join, setTopic, setPurpose, archive, history, replies,
// members.
#include <algorithm>
#include <sstream>

#include "emulator/api_args.hpp"
#include "emulator/channel_names.hpp"
#include "emulator/cursor.hpp"
#include "emulator/methods.hpp"
#include "emulator/slack_facts.hpp"
#include "emulator/slack_ts.hpp"

namespace incidentd::emulator {
namespace {

namespace error = facts::error;

// Private channels are invisible to non-members: Slack answers channel_not_found.
Channel* visible_channel(MethodContext& c, std::string_view key = "channel") {
    Channel* channel = channel_arg(c, key);
    if (channel && channel->is_private && !channel->has_member(c.caller)) return nullptr;
    return channel;
}

nlohmann::json channel_answer(MethodContext& c, const Channel& channel) {
    return {{"ok", true}, {"channel", to_json(channel, c.workspace)}};
}

nlohmann::json create(MethodContext& c) {
    const std::string name = text_arg(c.args, "name").value_or("");
    if (auto problem = channel_name_error(name)) return api_error(*problem);
    if (c.workspace.find_channel_by_name(name)) return api_error(error::name_taken);
    Channel& channel = c.workspace.create_channel(name, bool_arg(c.args, "is_private"), c.caller);
    return channel_answer(c, channel);
}

nlohmann::json info(MethodContext& c) {
    Channel* channel = visible_channel(c);
    if (!channel) return api_error(error::channel_not_found);
    return channel_answer(c, *channel);
}

nlohmann::json invite(MethodContext& c) {
    Channel* channel = visible_channel(c);
    if (!channel) return api_error(error::channel_not_found);
    auto users = text_arg(c.args, "users");
    if (!users) return api_error(error::no_user);
    if (channel->is_archived) return api_error(error::is_archived);
    if (!channel->has_member(c.caller)) return api_error(error::not_in_channel);

    std::vector<std::string> ids;
    std::stringstream in(*users);
    for (std::string id; std::getline(in, id, ',');) {
        if (!id.empty()) ids.push_back(id);
    }
    if (ids.empty()) return api_error(error::no_user);
    std::vector<std::string> to_add;
    for (const auto& id : ids) {
        if (id == c.caller) return api_error(error::cant_invite_self);
        if (!c.workspace.find_user(id)) return api_error(error::user_not_found);
        if (!channel->has_member(id) &&
            std::find(to_add.begin(), to_add.end(), id) == to_add.end()) {
            to_add.push_back(id);
        }
    }
    if (to_add.empty()) return api_error(error::already_in_channel);
    for (const auto& id : to_add) {
        join_and_publish(c.workspace, c.events, *channel, id, c.caller);
    }
    return channel_answer(c, *channel);
}

nlohmann::json join(MethodContext& c) {
    Channel* channel = visible_channel(c);
    if (!channel) return api_error(error::channel_not_found);
    if (channel->is_private) return api_error(error::method_not_supported_for_channel_type);
    if (channel->is_archived) return api_error(error::is_archived);
    if (channel->has_member(c.caller)) {
        nlohmann::json answer = channel_answer(c, *channel);
        answer["warning"] = "already_in_channel";
        answer["response_metadata"] = {{"warnings", {"already_in_channel"}}};
        return answer;
    }
    join_and_publish(c.workspace, c.events, *channel, c.caller, "");
    return channel_answer(c, *channel);
}

// setTopic and setPurpose differ only in the field and the message subtype.
nlohmann::json set_text(MethodContext& c, const char* field, const char* subtype,
                        std::string Channel::*member) {
    Channel* channel = visible_channel(c);
    if (!channel) return api_error(error::channel_not_found);
    const std::string value = text_arg(c.args, field).value_or("");
    if (value.size() > facts::topic_max) return api_error(error::too_long);
    if (channel->is_archived) return api_error(error::is_archived);
    if (!channel->has_member(c.caller)) return api_error(error::not_in_channel);
    channel->*member = value;
    Message notice;
    notice.user = c.caller;
    notice.subtype = subtype;
    notice.text = std::string{"set the channel "} + field + ": " + value;
    post_and_publish(c.workspace, c.events, *channel, std::move(notice));
    return channel_answer(c, *channel);
}

nlohmann::json set_topic(MethodContext& c) {
    return set_text(c, "topic", "channel_topic", &Channel::topic);
}

nlohmann::json set_purpose(MethodContext& c) {
    return set_text(c, "purpose", "channel_purpose", &Channel::purpose);
}

nlohmann::json archive(MethodContext& c) {
    Channel* channel = visible_channel(c);
    if (!channel) return api_error(error::channel_not_found);
    if (channel->is_general) return api_error(error::cant_archive_general);
    if (channel->is_archived) return api_error(error::already_archived);
    if (!channel->has_member(c.caller)) return api_error(error::not_in_channel);
    c.events.publish(events::channel_archive(*channel, c.caller), channel->id);
    channel->is_archived = true;
    return {{"ok", true}};
}

struct Page {
    int limit = facts::history_limit_default;
    std::optional<std::string> after;  // decoded cursor
    bool bad_cursor = false;
};

Page page_args(const nlohmann::json& args, int default_limit) {
    Page page;
    page.limit = static_cast<int>(int_arg(args, "limit").value_or(default_limit));
    if (page.limit <= 0) page.limit = default_limit;
    page.limit = std::min(page.limit, facts::history_limit_max);
    if (auto cursor = text_arg(args, "cursor")) {
        page.after = decode_cursor(*cursor);
        page.bad_cursor = !page.after;
    }
    return page;
}

// oldest/latest bounds, exclusive unless inclusive=true.
bool within(const nlohmann::json& args, const std::string& ts) {
    const bool inclusive = bool_arg(args, "inclusive");
    if (auto oldest = text_arg(args, "oldest")) {
        if (ts_before(ts, *oldest)) return false;
        if (!inclusive && ts == *oldest) return false;
    }
    if (auto latest = text_arg(args, "latest")) {
        if (ts_before(*latest, ts)) return false;
        if (!inclusive && ts == *latest) return false;
    }
    return true;
}

// One page of `messages` (already in delivery order), starting at the cursor's ts.
nlohmann::json paginate(MethodContext& c, const std::vector<const Message*>& messages,
                        const Page& page, bool newest_first) {
    auto start = messages.begin();
    if (page.after) {
        const std::string from = page.after->substr(page.after->find(':') + 1);
        start = std::find_if(messages.begin(), messages.end(), [&](const Message* m) {
            return newest_first ? !ts_before(from, m->ts) : !ts_before(m->ts, from);
        });
    }
    auto list = nlohmann::json::array();
    auto it = start;
    for (; it != messages.end() && static_cast<int>(list.size()) < page.limit; ++it) {
        list.push_back(to_json(**it, c.workspace));
    }
    const bool has_more = it != messages.end();
    return {{"ok", true},
            {"messages", list},
            {"has_more", has_more},
            {"pin_count", 0},
            {"response_metadata",
             {{"next_cursor", has_more ? encode_cursor("next_ts:" + (*it)->ts) : ""}}}};
}

nlohmann::json history(MethodContext& c) {
    Channel* channel = visible_channel(c);
    if (!channel) return api_error(error::channel_not_found);
    Page page = page_args(c.args, facts::history_limit_default);
    if (page.bad_cursor) return api_error(error::invalid_cursor);
    std::vector<const Message*> messages;
    for (auto it = channel->messages.rbegin(); it != channel->messages.rend(); ++it) {
        if ((!it->is_reply() || it->reply_broadcast) && within(c.args, it->ts)) {
            messages.push_back(&*it);
        }
    }
    return paginate(c, messages, page, true);
}

nlohmann::json replies(MethodContext& c) {
    Channel* channel = visible_channel(c);
    if (!channel) return api_error(error::channel_not_found);
    auto ts = text_arg(c.args, "ts");
    if (!ts) return api_error(error::thread_not_found);
    const Message* parent = c.workspace.find_message(*channel, *ts);
    if (!parent) return api_error(error::thread_not_found);
    Page page = page_args(c.args, facts::history_limit_default);
    if (page.bad_cursor) return api_error(error::invalid_cursor);
    std::vector<const Message*> messages;
    for (const auto& m : channel->messages) {
        const bool in_thread = m.ts == parent->ts || (m.is_reply() && m.thread_ts == parent->ts);
        if (in_thread && within(c.args, m.ts)) messages.push_back(&m);
    }
    return paginate(c, messages, page, false);
}

nlohmann::json members(MethodContext& c) {
    Channel* channel = visible_channel(c);
    if (!channel) return api_error(error::channel_not_found);
    Page page = page_args(c.args, facts::members_limit_default);
    if (page.bad_cursor) return api_error(error::invalid_cursor);
    std::size_t offset = 0;
    if (page.after) {
        if (!page.after->starts_with("offset:")) return api_error(error::invalid_cursor);
        auto n = int_arg(nlohmann::json{{"n", page.after->substr(7)}}, "n");
        if (!n || *n < 0) return api_error(error::invalid_cursor);
        offset = static_cast<std::size_t>(*n);
    }
    auto list = nlohmann::json::array();
    std::size_t i = offset;
    for (; i < channel->members.size() && static_cast<int>(list.size()) < page.limit; ++i) {
        list.push_back(channel->members[i]);
    }
    const bool has_more = i < channel->members.size();
    return {{"ok", true},
            {"members", list},
            {"response_metadata",
             {{"next_cursor", has_more ? encode_cursor("offset:" + std::to_string(i)) : ""}}}};
}

// Public channels, and private ones the bot is in; "types" filters, cursor pagination by offset.
nlohmann::json list(MethodContext& c) {
    const std::string types = text_arg(c.args, "types").value_or("public_channel");
    const bool want_public = types.find("public_channel") != std::string::npos;
    const bool want_private = types.find("private_channel") != std::string::npos;
    const bool exclude_archived = bool_arg(c.args, "exclude_archived");
    Page page = page_args(c.args, facts::members_limit_default);
    if (page.bad_cursor || (page.after && !page.after->starts_with("offset:"))) {
        return api_error(error::invalid_cursor);
    }
    std::vector<const Channel*> matching;
    for (const auto& [id, channel] : c.workspace.channels()) {
        if (channel.is_private ? !want_private || !channel.has_member(c.caller) : !want_public) {
            continue;
        }
        if (exclude_archived && channel.is_archived) continue;
        if (channel.is_im) continue;  // conversations.list shows them only for types=im
        matching.push_back(&channel);
    }
    std::size_t offset = 0;
    if (page.after) {
        auto n = int_arg(nlohmann::json{{"n", page.after->substr(7)}}, "n");
        if (!n || *n < 0) return api_error(error::invalid_cursor);
        offset = static_cast<std::size_t>(*n);
    }
    auto channels = nlohmann::json::array();
    std::size_t i = offset;
    for (; i < matching.size() && static_cast<int>(channels.size()) < page.limit; ++i) {
        nlohmann::json item = to_json(*matching[i], c.workspace);
        item["is_member"] = matching[i]->has_member(c.caller);
        channels.push_back(item);
    }
    const bool has_more = i < matching.size();
    return {{"ok", true},
            {"channels", channels},
            {"response_metadata",
             {{"next_cursor", has_more ? encode_cursor("offset:" + std::to_string(i)) : ""}}}};
}

}  // namespace

void add_conversations_methods(MethodTable& table) {
    table["conversations.create"] = {create, true, TokenType::bot};
    table["conversations.info"] = {info, false, TokenType::bot};
    table["conversations.invite"] = {invite, true, TokenType::bot};
    table["conversations.join"] = {join, true, TokenType::bot};
    table["conversations.setTopic"] = {set_topic, true, TokenType::bot};
    table["conversations.setPurpose"] = {set_purpose, true, TokenType::bot};
    table["conversations.archive"] = {archive, true, TokenType::bot};
    table["conversations.history"] = {history, false, TokenType::bot};
    table["conversations.replies"] = {replies, false, TokenType::bot};
    table["conversations.members"] = {members, false, TokenType::bot};
    table["conversations.list"] = {list, false, TokenType::bot};
}

}  // namespace incidentd::emulator
