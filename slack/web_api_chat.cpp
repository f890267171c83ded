// The chat.* calls: their arguments as Slack names them, their answers as incidentd reads them.
#include "slack/web_api_chat.hpp"

#include <utility>

#include "slack/web_api_call.hpp"

namespace incidentd::slack::chat {

using nlohmann::json;

void to_json(json& j, const MessageMetadata& metadata) {
    j = {{"event_type", metadata.event_type}, {"event_payload", metadata.event_payload}};
}

void from_json(const json& j, MessageMetadata& metadata) {
    metadata.event_type = lenient_string(j, "event_type");
    metadata.event_payload = lenient_object(j, "event_payload");
}

void to_json(json& j, const PostMessageArgs& args) {
    j = {{"channel", args.channel}, {"text", args.text}};
    if (args.blocks) j["blocks"] = *args.blocks;
    if (args.thread_ts) j["thread_ts"] = *args.thread_ts;
    if (args.unfurl_links) j["unfurl_links"] = *args.unfurl_links;
    if (args.metadata) j["metadata"] = *args.metadata;
}

void from_json(const json& answer, Posted& posted) {
    posted.ts = lenient_string(answer, "ts");
}

void to_json(json& j, const UpdateArgs& args) {
    j = {{"channel", args.channel}, {"ts", args.ts}, {"text", args.text}};
    if (args.blocks) j["blocks"] = *args.blocks;
}

void to_json(json& j, const PostEphemeralArgs& args) {
    j = {{"channel", args.channel}, {"user", args.user}, {"text", args.text}};
}

boost::asio::awaitable<PostMessageResult> post_message(WebClient& client, PostMessageArgs args) {
    return call_typed<Posted, PostMessageError>(client, "chat.postMessage", json(args));
}

boost::asio::awaitable<WebResult<Accepted>> update(WebClient& client, UpdateArgs args) {
    return call_typed<Accepted>(client, "chat.update", json(args));
}

boost::asio::awaitable<WebResult<Accepted>> post_ephemeral(WebClient& client,
                                                           PostEphemeralArgs args) {
    return call_typed<Accepted>(client, "chat.postEphemeral", json(args));
}

}  // namespace incidentd::slack::chat
