// Control API handlers. Errors answer 400 {"ok":false,"error":...} with a sentence naming the
// field at fault; acting users follow Slack's rules (members only, nothing in archived channels).
#include "emulator/control_api.hpp"

#include <set>

#include <boost/asio/use_awaitable.hpp>

#include "emulator/response_urls.hpp"
#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {

namespace asio = boost::asio;

namespace {

Reply bad_request(const std::string& error) {
    return json_reply({{"ok", false}, {"error", error}}, http::status::bad_request);
}

// "/a, /b" (or "none").
std::string listed(const std::set<std::string, std::less<>>& names) {
    std::string list;
    for (const auto& name : names)
        list += (list.empty() ? "" : ", ") + name;
    return list.empty() ? "none" : list;
}

Reply not_found(const std::string& what) {
    return json_reply({{"ok", false}, {"error", "no control endpoint " + what}},
                      http::status::not_found);
}

std::string str(const nlohmann::json& body, const char* key) {
    auto it = body.find(key);
    if (it == body.end() || !it->is_string()) return "";
    return it->get<std::string>();
}

nlohmann::json user_ref(const User& user, const Workspace& workspace) {
    return {{"id", user.id},
            {"username", user.name},
            {"name", user.name},
            {"team_id", workspace.identity().team_id}};
}

// The app's synchronous answer as the control API reports it.
nlohmann::json answer_json(const AppAnswer& answer) {
    auto parsed = nlohmann::json::parse(answer.body, nullptr, false);
    return {{"ok", answer.ok()},
            {"status", answer.status},
            {"body", answer.body},
            {"answer", parsed.is_discarded() ? nlohmann::json(nullptr) : parsed},
            {"content_type", answer.content_type},
            {"error", answer.error},
            {"elapsed_ms", answer.elapsed.count()}};
}

}  // namespace

const User* ControlApi::user_of(const nlohmann::json& body, std::string& problem) {
    const std::string key = str(body, "user");
    const User* user = deps_.workspace.find_user(key);
    if (!user) user = deps_.workspace.find_user_by_name(key);
    if (!user) problem = "\"user\": no user \"" + key + "\" (try U0ALICE or alice)";
    return user;
}

Channel* ControlApi::channel_of(const nlohmann::json& body, std::string& problem) {
    const std::string key = str(body, "channel");
    Channel* channel = deps_.workspace.find_channel(key);
    if (!channel) channel = deps_.workspace.find_channel_by_name(key);
    if (!channel) problem = "\"channel\": no channel \"" + key + "\" (an id or a name)";
    return channel;
}

asio::awaitable<Reply> ControlApi::handle(const Request& request, std::string path,
                                          nlohmann::json query) {
    if (request.method() == http::verb::get) co_return read(path, query);
    if (request.method() == http::verb::delete_ && path == "/faults") {
        deps_.faults.clear();
        co_return json_reply({{"ok", true}});
    }
    if (request.method() != http::verb::post) co_return not_found(path);
    auto body = request.body().empty() ? nlohmann::json::object()
                                       : nlohmann::json::parse(request.body(), nullptr, false);
    if (!body.is_object()) co_return bad_request("the body is not a JSON object");
    if (path == "/slash" || path == "/actions" || path == "/views/submit" ||
        path == "/url_verification") {
        co_return co_await interact(path, body);
    }
    if (path == "/faults" || path == "/outage" || path.starts_with("/socket_mode/")) {
        co_return inject(path, body);
    }
    co_return act(path, body);
}

Reply ControlApi::read(const std::string& path, const nlohmann::json& query) {
    Workspace& ws = deps_.workspace;
    if (path == "/health") return json_reply({{"ok", true}});
    if (path == "/channels") {
        auto list = nlohmann::json::array();
        for (const auto& [id, channel] : ws.channels()) {
            nlohmann::json item = to_json(channel, ws);
            item["members"] = channel.members;
            auto bookmarks = nlohmann::json::array();
            for (const auto& b : channel.bookmarks) {
                bookmarks.push_back({{"id", b.id}, {"title", b.title}, {"link", b.link}});
            }
            item["bookmarks"] = bookmarks;
            list.push_back(item);
        }
        return json_reply({{"ok", true}, {"channels", list}});
    }
    if (path == "/users") {
        auto list = nlohmann::json::array();
        for (const auto& [id, user] : ws.users())
            list.push_back(to_json(user, ws));
        return json_reply({{"ok", true}, {"users", list}});
    }
    if (path.starts_with("/channels/") && path.ends_with("/messages")) {
        const std::string key = path.substr(10, path.size() - 10 - 9);
        Channel* channel = ws.find_channel(key);
        if (!channel) channel = ws.find_channel_by_name(key);
        if (!channel) return bad_request("no channel \"" + key + "\"");
        auto messages = nlohmann::json::array();
        for (const auto& m : channel->messages) {
            nlohmann::json item = to_json(m, ws);
            item["pinned"] = !m.pinned_by.empty();
            messages.push_back(item);
        }
        return json_reply({{"ok", true},
                           {"channel", channel->id},
                           {"messages", messages},
                           {"ephemeral", channel->ephemeral}});
    }
    if (path == "/calls") {
        const std::string method = query.value("method", "");
        auto list = nlohmann::json::array();
        for (const auto& call : deps_.web_api.calls()) {
            if (method.empty() || call["method"] == method) list.push_back(call);
        }
        return json_reply({{"ok", true}, {"calls", list}});
    }
    if (path == "/deliveries") {
        return json_reply({{"ok", true}, {"deliveries", deps_.delivery.to_json()}});
    }
    if (path == "/response_urls") {
        auto list = nlohmann::json::array();
        for (const auto& [id, url] : deps_.interactions.response_urls())
            list.push_back(to_json(url));
        return json_reply({{"ok", true}, {"response_urls", list}});
    }
    if (path == "/views") {
        auto list = nlohmann::json::array();
        for (const auto& [id, view] : deps_.interactions.views())
            list.push_back(to_json(view));
        return json_reply({{"ok", true}, {"views", list}});
    }
    if (path == "/files") {
        auto list = nlohmann::json::array();
        for (const auto& [id, file] : ws.files()) {
            nlohmann::json item = to_json(file, ws);
            item["content"] = file.content;
            item["uploaded"] = file.uploaded;
            item["completed"] = file.completed;
            list.push_back(item);
        }
        return json_reply({{"ok", true}, {"files", list}});
    }
    if (path == "/faults") {
        nlohmann::json state = deps_.faults.to_json();
        state["ok"] = true;
        return json_reply(state);
    }
    if (path == "/socket_mode") {
        nlohmann::json state = deps_.socket_mode.to_json();
        state["ok"] = true;
        return json_reply(state);
    }
    return not_found(path);
}

Reply ControlApi::act(const std::string& path, const nlohmann::json& body) {
    Workspace& ws = deps_.workspace;
    EventSink& sink = deps_.delivery;
    std::string problem;
    const User* user = user_of(body, problem);
    if (!user) return bad_request(problem);
    if (path == "/triggers") {
        return json_reply({{"ok", true}, {"trigger_id", deps_.interactions.new_trigger(user->id)}});
    }
    Channel* channel = channel_of(body, problem);
    if (!channel) return bad_request(problem);
    if (channel->is_archived) return bad_request(std::string{facts::error::is_archived});

    if (path == "/join") {
        if (channel->has_member(user->id)) {
            return bad_request(std::string{facts::error::already_in_channel});
        }
        join_and_publish(ws, sink, *channel, user->id, "");
        return json_reply({{"ok", true}, {"channel", channel->id}});
    }
    if (!channel->has_member(user->id)) {
        return bad_request(std::string{facts::error::not_in_channel} + ": " + user->name +
                           " is not in #" + channel->name + " (POST /_emulator/join first)");
    }
    const std::string ts = str(body, "ts");
    if (path == "/messages") {
        Message message;
        message.user = user->id;
        message.text = str(body, "text");
        if (body.contains("blocks")) message.blocks = body["blocks"];
        if (message.text.empty() && message.blocks.is_null()) {
            return bad_request("\"text\": a message needs text or blocks");
        }
        if (const std::string thread_ts = str(body, "thread_ts"); !thread_ts.empty()) {
            const Message* parent = ws.find_message(*channel, thread_ts);
            if (!parent) return bad_request("\"thread_ts\": no message " + thread_ts);
            message.thread_ts = parent->is_reply() ? parent->thread_ts : parent->ts;
            message.reply_broadcast = body.value("reply_broadcast", false);
        }
        const std::string posted = post_and_publish(ws, sink, *channel, std::move(message));
        return json_reply({{"ok", true}, {"channel", channel->id}, {"ts", posted}});
    }
    if (path == "/files") {
        // A person shares a file they uploaded: a file_share message, as Slack's clients make.
        const std::string name = str(body, "name");
        if (name.empty()) return bad_request("\"name\": the file needs a name");
        const std::string content = str(body, "content");
        File& file = ws.create_file(name, content.size(), user->id);
        file.title = body.value("title", name);
        file.mimetype = body.value("mimetype", "text/plain");
        file.content = content;
        file.uploaded = file.completed = true;
        file.channels.push_back(channel->id);
        Message share;
        share.user = user->id;
        share.subtype = "file_share";
        share.text = str(body, "text");
        share.file_ids.push_back(file.id);
        if (const std::string thread_ts = str(body, "thread_ts"); !thread_ts.empty()) {
            const Message* parent = ws.find_message(*channel, thread_ts);
            if (!parent) return bad_request("\"thread_ts\": no message " + thread_ts);
            share.thread_ts = parent->is_reply() ? parent->thread_ts : parent->ts;
        }
        const std::string file_id = file.id;
        const std::string posted = post_and_publish(ws, sink, *channel, std::move(share));
        return json_reply(
            {{"ok", true}, {"channel", channel->id}, {"ts", posted}, {"file", file_id}});
    }
    if (path == "/messages/update" || path == "/messages/delete") {
        Message* message = ws.find_message(*channel, ts);
        if (!message) return bad_request(std::string{facts::error::message_not_found});
        if (message->user != user->id) {
            return bad_request(std::string{facts::error::cant_update_message});
        }
        const Message before = *message;
        if (path == "/messages/delete") {
            ws.remove_message(*channel, ts);
            sink.publish(events::message_deleted(*channel, before, ws), channel->id);
        } else {
            message->text = str(body, "text");
            message->edited = Edited{user->id, ws.next_ts()};
            sink.publish(events::message_changed(*channel, *message, before, ws), channel->id);
        }
        return json_reply({{"ok", true}, {"channel", channel->id}, {"ts", ts}});
    }
    if (path == "/reactions") {
        problem = react_and_publish(ws, sink, *channel, ts, user->id, str(body, "name"),
                                    !body.value("remove", false));
        if (!problem.empty()) return bad_request(problem);
        return json_reply({{"ok", true}});
    }
    if (path == "/pins") {
        problem = pin_and_publish(ws, sink, *channel, ts, user->id);
        if (!problem.empty()) return bad_request(problem);
        return json_reply({{"ok", true}});
    }
    return not_found(path);
}

Reply ControlApi::inject(const std::string& path, const nlohmann::json& body) {
    if (path == "/faults") {
        std::string problem;
        auto fault = fault_from_json(body, problem);
        if (!fault) return bad_request(problem);
        deps_.faults.add(*fault);
        return json_reply({{"ok", true}});
    }
    if (path == "/outage") {
        const std::string mode = body.value("mode", "503");
        if (mode != "503" && mode != "drop")
            return bad_request("\"mode\" must be \"503\" or \"drop\"");
        const auto length = std::chrono::milliseconds{
            body.contains("ms") ? body.value("ms", 0)
                                : static_cast<int>(body.value("seconds", 0.0) * 1000)};
        if (length.count() <= 0)
            return bad_request("give the outage a length: \"seconds\" or \"ms\"");
        deps_.faults.start_outage(
            length, mode == "drop" ? OutageMode::drop_connection : OutageMode::service_unavailable);
        return json_reply({{"ok", true}});
    }
    if (path == "/socket_mode/disconnect") {
        const std::string reason = body.value("reason", "refresh_requested");
        if (reason != "warning" && reason != "refresh_requested" && reason != "link_disabled") {
            return bad_request("\"reason\" must be warning, refresh_requested or link_disabled");
        }
        const auto count = deps_.socket_mode.connection_count();
        deps_.socket_mode.disconnect_all(reason);
        return json_reply({{"ok", true}, {"connections", count}});
    }
    if (path == "/socket_mode/drop") {
        const auto count = deps_.socket_mode.connection_count();
        deps_.socket_mode.drop_all();
        return json_reply({{"ok", true}, {"connections", count}});
    }
    return not_found(path);
}

asio::awaitable<Reply> ControlApi::interact(const std::string& path, const nlohmann::json& body) {
    if (path == "/url_verification") {
        nlohmann::json result = co_await deps_.delivery.verify_url();
        co_return json_reply(result);
    }
    if (const auto& manifest = deps_.options.manifest;
        manifest && !manifest->interactivity && path != "/slash")
        co_return bad_request(
            "interactivity is off in the --manifest (settings.interactivity.is_enabled): Slack "
            "sends the app no button clicks or view submissions");
    if (path == "/slash") co_return co_await slash_command(body);
    if (path == "/actions") co_return co_await block_action(body);
    co_return co_await view_submission(body);
}

asio::awaitable<Reply> ControlApi::slash_command(const nlohmann::json& body) {
    Workspace& ws = deps_.workspace;
    std::string problem;
    const User* user = user_of(body, problem);
    if (!user) co_return bad_request(problem);
    Channel* channel = channel_of(body, problem);
    if (!channel) co_return bad_request(problem);
    const std::string command = str(body, "command");
    if (!command.starts_with("/")) co_return bad_request("\"command\" must start with /");
    if (const auto& manifest = deps_.options.manifest;
        manifest && !manifest->slash_commands.contains(command))
        co_return bad_request(command + " is not a slash command of the app: --manifest lists " +
                              listed(manifest->slash_commands));

    const std::string trigger_id = deps_.interactions.new_trigger(user->id);
    ResponseUrl& url = deps_.interactions.new_response_url(channel->id, user->id, "");
    const std::string response_url = deps_.base_url + "/commands/" + url.id;
    const auto& id = ws.identity();
    nlohmann::json fields = {{"token", "emulator-verification-token"},
                             {"team_id", id.team_id},
                             {"team_domain", id.team_domain},
                             {"enterprise_id", ""},
                             {"channel_id", channel->id},
                             {"channel_name", channel->name},
                             {"user_id", user->id},
                             {"user_name", user->name},
                             {"command", command},
                             {"text", str(body, "text")},
                             {"api_app_id", id.app_id},
                             {"is_enterprise_install", "false"},
                             {"response_url", response_url},
                             {"trigger_id", trigger_id}};
    AppAnswer answer =
        co_await deps_.delivery.deliver_interaction("slash_command", fields, channel->id);
    nlohmann::json result = answer_json(answer);
    // A JSON answer is shown as Slack shows it (ephemeral unless in_channel); plain text is an
    // ephemeral message.
    if (answer.ok() && !answer.body.empty()) {
        const nlohmann::json shown =
            result["answer"].is_object() ? result["answer"] : nlohmann::json{{"text", answer.body}};
        apply_response(ws, deps_.delivery, channel->id, user->id, shown);
    }
    result["trigger_id"] = trigger_id;
    result["response_url"] = response_url;
    co_return json_reply(result);
}

asio::awaitable<Reply> ControlApi::block_action(const nlohmann::json& body) {
    Workspace& ws = deps_.workspace;
    std::string problem;
    const User* user = user_of(body, problem);
    if (!user) co_return bad_request(problem);
    Channel* channel = channel_of(body, problem);
    if (!channel) co_return bad_request(problem);
    const std::string message_ts = str(body, "message_ts");
    const Message* message = ws.find_message(*channel, message_ts);
    if (!message) co_return bad_request("\"message_ts\": no message " + message_ts);
    const std::string action_id = str(body, "action_id");
    if (action_id.empty()) co_return bad_request("\"action_id\" is required");

    const std::string trigger_id = deps_.interactions.new_trigger(user->id);
    ResponseUrl& url = deps_.interactions.new_response_url(channel->id, user->id, message_ts);
    const std::string response_url = deps_.base_url + "/actions/" + url.id;
    nlohmann::json action = {{"action_id", action_id},
                             {"block_id", body.value("block_id", "")},
                             {"type", body.value("type", "button")},
                             {"action_ts", ws.next_ts()}};
    if (body.contains("value")) action["value"] = body["value"];
    if (body.contains("selected_option")) action["selected_option"] = body["selected_option"];
    const auto& id = ws.identity();
    nlohmann::json payload = {
        {"type", "block_actions"},
        {"user", user_ref(*user, ws)},
        {"api_app_id", id.app_id},
        {"token", "emulator-verification-token"},
        {"container",
         {{"type", "message"},
          {"message_ts", message_ts},
          {"channel_id", channel->id},
          {"is_ephemeral", false}}},
        {"trigger_id", trigger_id},
        {"team", {{"id", id.team_id}, {"domain", id.team_domain}}},
        {"channel", {{"id", channel->id}, {"name", channel->name}}},
        {"message", to_json(*message, ws)},
        {"response_url", response_url},
        {"actions", nlohmann::json::array({action})},
    };
    AppAnswer answer =
        co_await deps_.delivery.deliver_interaction("interactive", payload, channel->id);
    nlohmann::json result = answer_json(answer);
    result["trigger_id"] = trigger_id;
    result["response_url"] = response_url;
    co_return json_reply(result);
}

asio::awaitable<Reply> ControlApi::view_submission(const nlohmann::json& body) {
    Workspace& ws = deps_.workspace;
    View* view = deps_.interactions.find_view(str(body, "view_id"));
    if (!view) co_return bad_request("\"view_id\": no open view \"" + str(body, "view_id") + "\"");
    const User* user = ws.find_user(view->user);
    if (!user) co_return bad_request("the view has no user (opened without a trigger?)");
    if (body.contains("values")) view->values = body["values"];

    const auto& id = ws.identity();
    nlohmann::json view_json = to_json(*view);
    view_json["team_id"] = id.team_id;
    view_json["app_id"] = id.app_id;
    nlohmann::json payload = {{"type", "view_submission"},
                              {"team", {{"id", id.team_id}, {"domain", id.team_domain}}},
                              {"user", user_ref(*user, ws)},
                              {"api_app_id", id.app_id},
                              {"token", "emulator-verification-token"},
                              {"trigger_id", deps_.interactions.new_trigger(user->id)},
                              {"view", view_json},
                              {"response_urls", nlohmann::json::array()}};
    AppAnswer answer = co_await deps_.delivery.deliver_interaction("interactive", payload, "");
    nlohmann::json result = answer_json(answer);
    // An empty 200 closes the modal; response_action "errors" keeps it open; "update" replaces it.
    const nlohmann::json& reply = result["answer"];
    std::string action = reply.is_object() ? reply.value("response_action", "") : "";
    if (answer.ok() && action == "update" && reply.contains("view")) {
        view->view = reply["view"];
        deps_.interactions.rehash(*view);
    }
    result["view_closed"] = answer.ok() && (action.empty() || action == "clear");
    co_return json_reply(result);
}

}  // namespace incidentd::emulator
