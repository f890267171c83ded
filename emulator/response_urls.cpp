// response_url posts: Slack's limits and the effects of replace_original / delete_original.
#include "emulator/response_urls.hpp"

#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {

void apply_response(Workspace& workspace, EventSink& events, const std::string& channel_id,
                    const std::string& user, const nlohmann::json& answer) {
    Channel* channel = workspace.find_channel(channel_id);
    if (!channel || !answer.is_object()) return;
    const std::string text = answer.value("text", "");
    const nlohmann::json blocks = answer.contains("blocks") ? answer["blocks"] : nullptr;
    if (answer.value("response_type", "ephemeral") == "in_channel") {
        Message message;
        message.user = workspace.identity().bot_user_id;
        message.bot_id = workspace.identity().bot_id;
        message.text = text;
        message.blocks = blocks;
        if (answer.contains("thread_ts") && answer["thread_ts"].is_string()) {
            message.thread_ts = answer["thread_ts"];
        }
        post_and_publish(workspace, events, *channel, std::move(message));
    } else {
        channel->ephemeral.push_back(
            {{"ts", workspace.next_ts()}, {"user", user}, {"text", text}, {"blocks", blocks}});
    }
}

PlannedResponse handle_response_url_post(Workspace& workspace, Interactions& interactions,
                                         EventSink& events, std::string_view id,
                                         const Request& request) {
    ResponseUrl* url = interactions.find_response_url(id);
    if (!url) return json_reply({{"ok", false}, {"error", "no_such_url"}}, http::status::not_found);
    if (Interactions::Clock::now() - url->created > facts::response_url_lifetime) {
        return json_reply({{"ok", false}, {"error", facts::error::expired_url}},
                          http::status::not_found);
    }
    if (url->posts >= facts::response_url_max_posts) {
        return json_reply({{"ok", false}, {"error", facts::error::used_url}},
                          http::status::not_found);
    }
    auto body = nlohmann::json::parse(request.body(), nullptr, false);
    if (!body.is_object()) {
        return json_reply({{"ok", false}, {"error", facts::error::invalid_json}},
                          http::status::bad_request);
    }
    url->posts += 1;
    url->received.push_back(body);

    Channel* channel = workspace.find_channel(url->channel);
    Message* original = channel && !url->message_ts.empty()
                            ? workspace.find_message(*channel, url->message_ts)
                            : nullptr;
    if (body.value("delete_original", false) && original) {
        const Message before = *original;
        workspace.remove_message(*channel, before.ts);
        events.publish(events::message_deleted(*channel, before, workspace), channel->id);
    } else if (body.value("replace_original", false) && original) {
        const Message before = *original;
        original->text = body.value("text", "");
        if (body.contains("blocks")) original->blocks = body["blocks"];
        original->edited = Edited{workspace.identity().bot_user_id, workspace.next_ts()};
        events.publish(events::message_changed(*channel, *original, before, workspace),
                       channel->id);
    } else {
        apply_response(workspace, events, url->channel, url->user, body);
    }
    return json_reply({{"ok", true}});
}

}  // namespace incidentd::emulator
