// The conversations.* calls incidentd makes, typed: creating, joining, inviting to, setting the
// topic of and archiving a channel, and reading channels and messages back to find its own work.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "slack/web_api_chat.hpp"
#include "slack/web_api_result.hpp"
#include "slack/web_client.hpp"

namespace incidentd::slack::conversations {

struct Channel {
    std::string id;
    std::string name;
    std::string creator;       // the user id of who created it
    std::int64_t created = 0;  // Unix seconds
};
void from_json(const nlohmann::json& j, Channel& channel);

// Reading channels or messages: a missing scope is worth telling the operator about.
enum class ReadError { missing_scope, other };
NLOHMANN_JSON_SERIALIZE_ENUM(ReadError, {{ReadError::other, nullptr},
                                         {ReadError::missing_scope, "missing_scope"}})

struct CreateArgs {
    std::string name;
    bool is_private = false;
};
void to_json(nlohmann::json& j, const CreateArgs& args);

struct Created {
    Channel channel;
};
void from_json(const nlohmann::json& answer, Created& created);

enum class CreateError { name_taken, other };
NLOHMANN_JSON_SERIALIZE_ENUM(CreateError, {{CreateError::other, nullptr},
                                           {CreateError::name_taken, "name_taken"}})

using CreateResult = WebResult<Created, CreateError>;
boost::asio::awaitable<CreateResult> create(WebClient& client, CreateArgs args);

struct InviteArgs {
    std::string channel;
    std::vector<std::string> users;  // sent as Slack's comma-separated list
};
void to_json(nlohmann::json& j, const InviteArgs& args);

// The first two mean there is nothing to do; the other four, that this user cannot be invited.
enum class InviteError {
    already_in_channel,
    cant_invite_self,
    user_not_found,
    cant_invite,
    user_is_restricted,
    user_disabled,
    other
};
NLOHMANN_JSON_SERIALIZE_ENUM(InviteError, {{InviteError::other, nullptr},
                                           {InviteError::already_in_channel, "already_in_channel"},
                                           {InviteError::cant_invite_self, "cant_invite_self"},
                                           {InviteError::user_not_found, "user_not_found"},
                                           {InviteError::cant_invite, "cant_invite"},
                                           {InviteError::user_is_restricted, "user_is_restricted"},
                                           {InviteError::user_disabled, "user_disabled"}})

using InviteResult = WebResult<Accepted, InviteError>;
boost::asio::awaitable<InviteResult> invite(WebClient& client, InviteArgs args);

struct JoinArgs {
    std::string channel;  // a public channel
};
void to_json(nlohmann::json& j, const JoinArgs& args);

boost::asio::awaitable<WebResult<Accepted>> join(WebClient& client, JoinArgs args);

struct SetTopicArgs {
    std::string channel;
    std::string topic;  // 250 characters at most
};
void to_json(nlohmann::json& j, const SetTopicArgs& args);

boost::asio::awaitable<WebResult<Accepted>> set_topic(WebClient& client, SetTopicArgs args);

struct ArchiveArgs {
    std::string channel;
};
void to_json(nlohmann::json& j, const ArchiveArgs& args);

enum class ArchiveError { already_archived, other };
NLOHMANN_JSON_SERIALIZE_ENUM(ArchiveError, {{ArchiveError::other, nullptr},
                                            {ArchiveError::already_archived, "already_archived"}})

using ArchiveResult = WebResult<Accepted, ArchiveError>;
boost::asio::awaitable<ArchiveResult> archive(WebClient& client, ArchiveArgs args);

struct ListArgs {
    // "public_channel", "private_channel" or both, comma-separated
    std::optional<std::string> types = std::nullopt;
    std::optional<bool> exclude_archived = std::nullopt;
    std::optional<int> limit = std::nullopt;
    std::optional<std::string> cursor = std::nullopt;  // the previous page's next_cursor
};
void to_json(nlohmann::json& j, const ListArgs& args);

struct ChannelPage {
    std::vector<Channel> channels;
    std::string next_cursor;  // response_metadata.next_cursor: "" on the last page
};
void from_json(const nlohmann::json& answer, ChannelPage& page);

using ListResult = WebResult<ChannelPage, ReadError>;
boost::asio::awaitable<ListResult> list(WebClient& client, ListArgs args);

struct File {
    std::string name;
};
void from_json(const nlohmann::json& j, File& file);

struct Message {
    std::string ts;
    std::string text;
    std::optional<chat::MessageMetadata> metadata = std::nullopt;  // with include_all_metadata
    std::vector<File> files;
};
void from_json(const nlohmann::json& j, Message& message);

struct MessagePage {
    std::vector<Message> messages;
    std::string next_cursor;  // response_metadata.next_cursor: "" on the last page
};
void from_json(const nlohmann::json& answer, MessagePage& page);

using MessagesResult = WebResult<MessagePage, ReadError>;

// The channel's latest messages, newest first.
struct HistoryArgs {
    std::string channel;
    std::optional<int> limit = std::nullopt;
    std::optional<bool> include_all_metadata = std::nullopt;
};
void to_json(nlohmann::json& j, const HistoryArgs& args);

boost::asio::awaitable<MessagesResult> history(WebClient& client, HistoryArgs args);

// A thread: its parent message, then the replies.
struct RepliesArgs {
    std::string channel;
    std::string ts;  // the thread's parent message
    std::optional<int> limit = std::nullopt;
    std::optional<bool> include_all_metadata = std::nullopt;
    std::optional<std::string> cursor = std::nullopt;  // the previous page's next_cursor
};
void to_json(nlohmann::json& j, const RepliesArgs& args);

boost::asio::awaitable<MessagesResult> replies(WebClient& client, RepliesArgs args);

}  // namespace incidentd::slack::conversations
