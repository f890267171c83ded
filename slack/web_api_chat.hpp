// chat.postMessage, chat.update and chat.postEphemeral as typed calls, and the message metadata
// an app's post carries (incidentd's idempotency key, read back by conversations.history).
#pragma once

#include <optional>
#include <string>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "slack/web_api_result.hpp"
#include "slack/web_client.hpp"

namespace incidentd::slack::chat {

// An app's own event type and JSON payload, carried with the message it posted.
struct MessageMetadata {
    std::string event_type;
    nlohmann::json event_payload = nlohmann::json::object();
};
void to_json(nlohmann::json& j, const MessageMetadata& metadata);
void from_json(const nlohmann::json& j, MessageMetadata& metadata);

struct PostMessageArgs {
    std::string channel;  // a channel id, or a user id for the app's direct messages with them
    std::string text;     // mrkdwn; the notification fallback when there are blocks
    std::optional<nlohmann::json> blocks = std::nullopt;
    std::optional<std::string> thread_ts = std::nullopt;  // a reply in that message's thread
    std::optional<bool> unfurl_links = std::nullopt;
    std::optional<MessageMetadata> metadata = std::nullopt;
};
void to_json(nlohmann::json& j, const PostMessageArgs& args);

struct Posted {
    std::string ts;  // the new message's
};
void from_json(const nlohmann::json& answer, Posted& posted);

enum class PostMessageError { not_in_channel, other };
NLOHMANN_JSON_SERIALIZE_ENUM(PostMessageError,
                             {{PostMessageError::other, nullptr},
                              {PostMessageError::not_in_channel, "not_in_channel"}})

using PostMessageResult = WebResult<Posted, PostMessageError>;
boost::asio::awaitable<PostMessageResult> post_message(WebClient& client, PostMessageArgs args);

struct UpdateArgs {
    std::string channel;
    std::string ts;  // the message to replace
    std::string text;
    std::optional<nlohmann::json> blocks = std::nullopt;
};
void to_json(nlohmann::json& j, const UpdateArgs& args);

boost::asio::awaitable<WebResult<Accepted>> update(WebClient& client, UpdateArgs args);

// Shown to `user` only, in `channel`, until they reload.
struct PostEphemeralArgs {
    std::string channel;
    std::string user;
    std::string text;
};
void to_json(nlohmann::json& j, const PostEphemeralArgs& args);

boost::asio::awaitable<WebResult<Accepted>> post_ephemeral(WebClient& client,
                                                           PostEphemeralArgs args);

}  // namespace incidentd::slack::chat
