// The conversations.* calls: their arguments as Slack names them, their answers as incidentd reads
// them.
#include "slack/web_api_conversations.hpp"

#include <utility>

#include "slack/web_api_call.hpp"

namespace incidentd::slack::conversations {

using boost::asio::awaitable;
using nlohmann::json;

void from_json(const json& j, Channel& channel) {
    channel.id = lenient_string(j, "id");
    channel.name = lenient_string(j, "name");
    channel.creator = lenient_string(j, "creator");
    channel.created = lenient_integer(j, "created");
}

void to_json(json& j, const CreateArgs& args) {
    j = {{"name", args.name}, {"is_private", args.is_private}};
}

void from_json(const json& answer, Created& created) {
    created.channel = lenient_object(answer, "channel").get<Channel>();
}

awaitable<CreateResult> create(WebClient& client, CreateArgs args) {
    return call_typed<Created, CreateError>(client, "conversations.create", json(args));
}

void to_json(json& j, const InviteArgs& args) {
    std::string users;
    for (const std::string& user : args.users)
        users += (users.empty() ? "" : ",") + user;
    j = {{"channel", args.channel}, {"users", users}};
}

awaitable<InviteResult> invite(WebClient& client, InviteArgs args) {
    return call_typed<Accepted, InviteError>(client, "conversations.invite", json(args));
}

void to_json(json& j, const JoinArgs& args) {
    j = {{"channel", args.channel}};
}

awaitable<WebResult<Accepted>> join(WebClient& client, JoinArgs args) {
    return call_typed<Accepted>(client, "conversations.join", json(args));
}

void to_json(json& j, const SetTopicArgs& args) {
    j = {{"channel", args.channel}, {"topic", args.topic}};
}

awaitable<WebResult<Accepted>> set_topic(WebClient& client, SetTopicArgs args) {
    return call_typed<Accepted>(client, "conversations.setTopic", json(args));
}

void to_json(json& j, const ArchiveArgs& args) {
    j = {{"channel", args.channel}};
}

awaitable<ArchiveResult> archive(WebClient& client, ArchiveArgs args) {
    return call_typed<Accepted, ArchiveError>(client, "conversations.archive", json(args));
}

void to_json(json& j, const ListArgs& args) {
    j = json::object();
    if (args.types) j["types"] = *args.types;
    if (args.exclude_archived) j["exclude_archived"] = *args.exclude_archived;
    if (args.limit) j["limit"] = *args.limit;
    if (args.cursor) j["cursor"] = *args.cursor;
}

void from_json(const json& answer, ChannelPage& page) {
    page.channels = lenient_items<Channel>(answer, "channels");
    page.next_cursor = lenient_string(lenient_object(answer, "response_metadata"), "next_cursor");
}

awaitable<ListResult> list(WebClient& client, ListArgs args) {
    return call_typed<ChannelPage, ReadError>(client, "conversations.list", json(args));
}

void from_json(const json& j, File& file) {
    file.name = lenient_string(j, "name");
}

void from_json(const json& j, Message& message) {
    message.ts = lenient_string(j, "ts");
    message.text = lenient_string(j, "text");
    if (const auto it = j.find("metadata"); it != j.end() && it->is_object())
        message.metadata = it->get<chat::MessageMetadata>();
    message.files = lenient_items<File>(j, "files");
}

void from_json(const json& answer, MessagePage& page) {
    page.messages = lenient_items<Message>(answer, "messages");
    page.next_cursor = lenient_string(lenient_object(answer, "response_metadata"), "next_cursor");
}

void to_json(json& j, const HistoryArgs& args) {
    j = {{"channel", args.channel}};
    if (args.limit) j["limit"] = *args.limit;
    if (args.include_all_metadata) j["include_all_metadata"] = *args.include_all_metadata;
}

awaitable<MessagesResult> history(WebClient& client, HistoryArgs args) {
    return call_typed<MessagePage, ReadError>(client, "conversations.history", json(args));
}

void to_json(json& j, const RepliesArgs& args) {
    j = {{"channel", args.channel}, {"ts", args.ts}};
    if (args.limit) j["limit"] = *args.limit;
    if (args.include_all_metadata) j["include_all_metadata"] = *args.include_all_metadata;
    if (args.cursor) j["cursor"] = *args.cursor;
}

awaitable<MessagesResult> replies(WebClient& client, RepliesArgs args) {
    return call_typed<MessagePage, ReadError>(client, "conversations.replies", json(args));
}

}  // namespace incidentd::slack::conversations
