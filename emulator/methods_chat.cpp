// chat.*: postMessage, update, delete, postEphemeral, getPermalink.
#include <algorithm>

#include "emulator/api_args.hpp"
#include "emulator/block_kit_check.hpp"
#include "emulator/methods.hpp"
#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {
namespace {

namespace error = facts::error;

// The text and blocks of a message about to be posted or updated, checked as Slack checks them.
struct Content {
    std::string text;
    nlohmann::json blocks = nullptr;
    std::string error;
    std::vector<std::string> messages;  // Block Kit problems, for response_metadata.messages
};

// {"ok":false,"error":code} with Block Kit problems listed as Slack lists them.
nlohmann::json content_error(const Content& content) {
    nlohmann::json answer = api_error(content.error);
    if (!content.messages.empty()) answer["response_metadata"] = {{"messages", content.messages}};
    return answer;
}

Content content_args(const nlohmann::json& args) {
    Content content;
    content.text = text_arg(args, "text").value_or("");
    bool invalid = false;
    if (auto blocks = json_arg(args, "blocks", &invalid)) {
        if (!blocks->is_array()) {
            content.error = error::invalid_blocks;
            return content;
        }
        content.messages = check_message_blocks(*blocks);
        if (blocks->size() > facts::message_blocks_max) {
            content.error = error::too_many_blocks;
            return content;
        }
        if (!content.messages.empty()) {
            content.error = error::invalid_blocks;
            return content;
        }
        if (!blocks->empty()) content.blocks = std::move(*blocks);
    }
    if (invalid) {
        content.error = error::invalid_blocks;
    } else if (content.text.empty() && content.blocks.is_null() && !text_arg(args, "attachments")) {
        content.error = error::no_text;
    } else if (content.text.size() > facts::message_text_max) {
        content.error = error::msg_too_long;
    }
    return content;
}

// Where the bot may write: an existing, unarchived channel it belongs to.
std::string writable_error(MethodContext& c, Channel* channel) {
    if (!channel) return std::string{error::channel_not_found};
    if (channel->is_private && !channel->has_member(c.caller)) {
        return std::string{error::channel_not_found};
    }
    if (channel->is_archived) return std::string{error::is_archived};
    if (!channel->has_member(c.caller)) return std::string{error::not_in_channel};
    return "";
}

nlohmann::json post_message(MethodContext& c) {
    Channel* channel = channel_arg(c, "channel");
    // A user id posts in the app's direct messages with that user, as in Slack.
    if (auto id = text_arg(c.args, "channel"); !channel && id && c.workspace.find_user(*id)) {
        channel = &c.workspace.direct_channel(c.caller, *id);
    }
    if (auto problem = writable_error(c, channel); !problem.empty()) return api_error(problem);
    Content content = content_args(c.args);
    if (!content.error.empty()) return content_error(content);

    Message message;
    message.user = c.caller;
    message.bot_id = c.workspace.identity().bot_id;
    message.text = std::move(content.text);
    message.blocks = std::move(content.blocks);
    bool bad_metadata = false;
    if (auto metadata = json_arg(c.args, "metadata", &bad_metadata)) {
        if (!metadata->is_object() || !metadata->contains("event_type") ||
            !(*metadata)["event_type"].is_string()) {
            return api_error(error::invalid_metadata_format);
        }
        message.metadata = std::move(*metadata);
    }
    if (bad_metadata) return api_error(error::invalid_metadata_format);
    // A thread_ts naming a reply means that reply's thread; one naming no message is ignored
    // and the message is posted to the channel, as Slack does.
    if (auto thread_ts = text_arg(c.args, "thread_ts")) {
        if (const Message* parent = c.workspace.find_message(*channel, *thread_ts)) {
            message.thread_ts = parent->is_reply() ? parent->thread_ts : parent->ts;
            message.reply_broadcast = bool_arg(c.args, "reply_broadcast");
        }
    }
    const std::string ts = post_and_publish(c.workspace, c.events, *channel, std::move(message));
    const Message* posted = c.workspace.find_message(*channel, ts);
    return {{"ok", true},
            {"channel", channel->id},
            {"ts", ts},
            {"message", posted ? to_json(*posted, c.workspace) : nlohmann::json::object()}};
}

nlohmann::json update(MethodContext& c) {
    Channel* channel = channel_arg(c, "channel");
    if (!channel) return api_error(error::channel_not_found);
    auto ts = text_arg(c.args, "ts");
    Message* message = ts ? c.workspace.find_message(*channel, *ts) : nullptr;
    if (!message) return api_error(error::message_not_found);
    if (message->user != c.caller) return api_error(error::cant_update_message);
    if (channel->is_archived) return api_error(error::is_archived);
    Content content = content_args(c.args);
    if (!content.error.empty()) return content_error(content);

    const Message before = *message;
    message->text = std::move(content.text);
    if (!content.blocks.is_null() || c.args.contains("blocks")) message->blocks = content.blocks;
    message->edited = Edited{c.caller, c.workspace.next_ts()};
    c.events.publish(events::message_changed(*channel, *message, before, c.workspace), channel->id);
    return {{"ok", true},
            {"channel", channel->id},
            {"ts", message->ts},
            {"text", message->text},
            {"message", to_json(*message, c.workspace)}};
}

nlohmann::json delete_message(MethodContext& c) {
    Channel* channel = channel_arg(c, "channel");
    if (!channel) return api_error(error::channel_not_found);
    auto ts = text_arg(c.args, "ts");
    const Message* message = ts ? c.workspace.find_message(*channel, *ts) : nullptr;
    if (!message) return api_error(error::message_not_found);
    if (message->user != c.caller) return api_error(error::cant_delete_message);
    const Message before = *message;
    c.workspace.remove_message(*channel, before.ts);
    c.events.publish(events::message_deleted(*channel, before, c.workspace), channel->id);
    return {{"ok", true}, {"channel", channel->id}, {"ts", before.ts}};
}

nlohmann::json post_ephemeral(MethodContext& c) {
    Channel* channel = channel_arg(c, "channel");
    if (auto problem = writable_error(c, channel); !problem.empty()) return api_error(problem);
    auto user = text_arg(c.args, "user");
    if (!user || !c.workspace.find_user(*user)) return api_error(error::user_not_found);
    if (!channel->has_member(*user)) return api_error(error::user_not_in_channel);
    Content content = content_args(c.args);
    if (!content.error.empty()) return content_error(content);
    const std::string ts = c.workspace.next_ts();
    channel->ephemeral.push_back({{"ts", ts},
                                  {"user", *user},
                                  {"text", content.text},
                                  {"blocks", content.blocks},
                                  {"thread_ts", text_arg(c.args, "thread_ts").value_or("")}});
    return {{"ok", true}, {"message_ts", ts}};
}

nlohmann::json get_permalink(MethodContext& c) {
    Channel* channel = channel_arg(c, "channel");
    if (!channel) return api_error(error::channel_not_found);
    auto ts = text_arg(c.args, "message_ts");
    const Message* message = ts ? c.workspace.find_message(*channel, *ts) : nullptr;
    if (!message) return api_error(error::message_not_found);
    std::string digits = message->ts;
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    std::string link = "https://" + c.workspace.identity().team_domain + ".slack.com/archives/" +
                       channel->id + "/p" + digits;
    if (message->is_reply()) link += "?thread_ts=" + message->thread_ts + "&cid=" + channel->id;
    return {{"ok", true}, {"channel", channel->id}, {"permalink", link}};
}

}  // namespace

void add_chat_methods(MethodTable& table) {
    table["chat.postMessage"] = {post_message, true, TokenType::bot};
    table["chat.update"] = {update, true, TokenType::bot};
    table["chat.delete"] = {delete_message, true, TokenType::bot};
    table["chat.postEphemeral"] = {post_ephemeral, true, TokenType::bot};
    table["chat.getPermalink"] = {get_permalink, false, TokenType::bot};
}

}  // namespace incidentd::emulator
