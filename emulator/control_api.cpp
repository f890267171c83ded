// Control API handlers. Errors answer 400 {"ok":false,"error":...} with a sentence naming the
// field at fault; acting users follow Slack's rules (members only, nothing in archived channels).
#include "emulator/control_api.hpp"

#include <algorithm>
#include <set>

#include <boost/asio/use_awaitable.hpp>

#include "emulator/block_elements.hpp"
#include "emulator/block_kit_check.hpp"
#include "emulator/response_urls.hpp"
#include "emulator/slack_facts.hpp"
#include "emulator/view_state.hpp"

namespace incidentd::emulator {

namespace asio = boost::asio;

namespace {

PlannedResponse bad_request(const std::string& error) {
    return json_reply({{"ok", false}, {"error", error}}, http::status::bad_request);
}

// "/a, /b" (or "none").
std::string listed(const std::set<std::string, std::less<>>& names) {
    std::string list;
    for (const auto& name : names)
        list += (list.empty() ? "" : ", ") + name;
    return list.empty() ? "none" : list;
}

PlannedResponse not_found(const std::string& what) {
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

asio::awaitable<PlannedResponse> ControlApi::handle(const Request& request, std::string path,
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
    if (path == "/slash" || path == "/actions" || path == "/views/submit" || path == "/shortcuts" ||
        path == "/url_verification") {
        co_return co_await interact(path, body);
    }
    if (path == "/faults" || path == "/outage" || path.starts_with("/socket_mode/")) {
        co_return inject(path, body);
    }
    co_return act(path, body);
}

PlannedResponse ControlApi::read(const std::string& path, const nlohmann::json& query) {
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
            item["ephemeral"] = channel.ephemeral;
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
    if (path == "/home") {
        const std::string key = query.value("user", "");
        const User* user = ws.find_user(key);
        if (!user) user = ws.find_user_by_name(key);
        if (!user) return bad_request("\"user\": no user \"" + key + "\" (try U0ALICE or alice)");
        const View* home = deps_.interactions.home_view(user->id);
        if (!home)
            return bad_request("no Home tab published for " + user->id +
                               " (the app has not called views.publish for them)");
        return json_reply({{"ok", true}, {"view", to_json(*home)}});
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

PlannedResponse ControlApi::act(const std::string& path, const nlohmann::json& body) {
    Workspace& ws = deps_.workspace;
    EventSink& sink = deps_.delivery;
    std::string problem;
    const User* user = user_of(body, problem);
    if (!user) return bad_request(problem);
    if (path == "/triggers") {
        return json_reply({{"ok", true}, {"trigger_id", deps_.interactions.new_trigger(user->id)}});
    }
    if (path == "/home") return open_home(*user, body);
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

PlannedResponse ControlApi::inject(const std::string& path, const nlohmann::json& body) {
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

asio::awaitable<PlannedResponse> ControlApi::interact(const std::string& path,
                                                      const nlohmann::json& body) {
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
    if (path == "/shortcuts") co_return co_await shortcut(body);
    co_return co_await view_submission(body);
}

asio::awaitable<PlannedResponse> ControlApi::slash_command(const nlohmann::json& body) {
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

asio::awaitable<PlannedResponse> ControlApi::block_action(const nlohmann::json& body) {
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
    // The user can only press what the message shows.
    auto found = find_element(message->blocks, action_id, str(body, "block_id"));
    if (!found)
        co_return bad_request(
            "\"action_id\": message " + message_ts + " has no element \"" + action_id + "\"" +
            (body.contains("block_id") ? " in block \"" + str(body, "block_id") + "\""
                                       : std::string()));
    const nlohmann::json& element = found->element;
    if (body.contains("value") && element.contains("value") && body["value"] != element["value"])
        co_return bad_request("\"value\": the element \"" + action_id + "\" carries the value " +
                              element["value"].dump() + "; leave \"value\" out");
    if (element.contains("confirm") && !body.value("confirmed", false)) {
        const nlohmann::json& confirm = element["confirm"];
        const std::string title =
            confirm.contains("/title/text"_json_pointer) && confirm["title"]["text"].is_string()
                ? confirm["title"]["text"].get<std::string>()
                : "";
        co_return bad_request("\"" + action_id + "\" asks for confirmation first (\"" + title +
                              "\"): Slack's client shows the dialog and sends nothing until the "
                              "user confirms; add \"confirmed\": true to press it");
    }

    const std::string trigger_id = deps_.interactions.new_trigger(user->id);
    ResponseUrl& url = deps_.interactions.new_response_url(channel->id, user->id, message_ts);
    const std::string response_url = deps_.base_url + "/actions/" + url.id;
    nlohmann::json action = {{"action_id", action_id},
                             {"block_id", found->block_id},
                             {"type", element.value("type", "button")},
                             {"action_ts", ws.next_ts()}};
    for (const char* key : {"value", "text", "style"}) {
        if (element.contains(key)) action[key] = element[key];
    }
    for (const char* key :
         {"value", "selected_option", "selected_options", "selected_user", "selected_users",
          "selected_conversation", "selected_channel", "selected_date", "selected_time"}) {
        if (body.contains(key) && !action.contains(key)) action[key] = body[key];
    }
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
        {"enterprise", nullptr},
        {"is_enterprise_install", false},
        {"channel", {{"id", channel->id}, {"name", channel->name}}},
        {"message", to_json(*message, ws)},
        {"state", {{"values", nlohmann::json::object()}}},
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

asio::awaitable<PlannedResponse> ControlApi::shortcut(const nlohmann::json& body) {
    Workspace& ws = deps_.workspace;
    std::string problem;
    const User* user = user_of(body, problem);
    if (!user) co_return bad_request(problem);
    const std::string callback_id = str(body, "callback_id");
    if (callback_id.empty()) co_return bad_request("\"callback_id\" is required");
    if (const auto& manifest = deps_.options.manifest;
        manifest && !manifest->global_shortcuts.contains(callback_id))
        co_return bad_request("\"" + callback_id +
                              "\" is not a global shortcut of the app: --manifest "
                              "features.shortcuts lists " +
                              listed(manifest->global_shortcuts));

    const std::string trigger_id = deps_.interactions.new_trigger(user->id);
    const auto& id = ws.identity();
    nlohmann::json payload = {{"type", "shortcut"},
                              {"token", "emulator-verification-token"},
                              {"action_ts", ws.next_ts()},
                              {"team", {{"id", id.team_id}, {"domain", id.team_domain}}},
                              {"user", user_ref(*user, ws)},
                              {"api_app_id", id.app_id},
                              {"is_enterprise_install", false},
                              {"enterprise", nullptr},
                              {"callback_id", callback_id},
                              {"trigger_id", trigger_id}};
    AppAnswer answer = co_await deps_.delivery.deliver_interaction("interactive", payload, "");
    nlohmann::json result = answer_json(answer);
    result["trigger_id"] = trigger_id;
    co_return json_reply(result);
}

PlannedResponse ControlApi::open_home(const User& user, const nlohmann::json& body) {
    Workspace& ws = deps_.workspace;
    const std::string tab = body.value("tab", "home");
    if (tab != "home" && tab != "messages")
        return bad_request("\"tab\" must be \"home\" or \"messages\"");
    const auto& manifest = deps_.options.manifest;
    if (manifest && tab == "home" && !manifest->home_tab)
        return bad_request(
            "the app has no Home tab: --manifest features.app_home.home_tab_enabled is not true");
    // The event names the app's direct-message conversation with the user, as Slack's does.
    Channel& im = ws.direct_channel(ws.identity().bot_user_id, user.id);
    const std::string event_ts = ws.next_ts();
    nlohmann::json event = {{"type", "app_home_opened"},
                            {"user", user.id},
                            {"channel", im.id},
                            {"tab", tab},
                            {"event_ts", event_ts}};
    if (const View* home = deps_.interactions.home_view(user.id); home && tab == "home")
        event["view"] = to_json(*home);
    deps_.delivery.publish(event, im.id);
    const bool subscribed = !manifest || manifest->bot_events.contains("app_home_opened");
    return json_reply(
        {{"ok", true}, {"channel", im.id}, {"event_ts", event_ts}, {"subscribed", subscribed}});
}

namespace {

// What the app asked for in its answer to a view_submission, applied as Slack applies it. The
// control answer gets `view_closed` and, where Slack would show the user an error instead,
// `problems`.
void apply_response_action(Interactions& interactions, View& view, const nlohmann::json& reply,
                           nlohmann::json& result) {
    auto problems = nlohmann::json::array();
    const std::string action = reply.is_object() ? reply.value("response_action", "") : "";
    bool closed = false;
    if (action.empty()) {
        interactions.close_view(view.id, false);
        closed = true;
    } else if (action == "clear") {
        interactions.close_view(view.id, true);
        closed = true;
    } else if (action == "errors") {
        const auto inputs = input_block_ids(view.view);
        const nlohmann::json errors = reply.value("errors", nlohmann::json());
        if (!errors.is_object() || errors.empty()) {
            problems.push_back("response_action errors needs an \"errors\" object");
        } else {
            for (const auto& [block_id, text] : errors.items()) {
                if (std::ranges::find(inputs, block_id) == inputs.end())
                    problems.push_back("errors names \"" + block_id +
                                       "\", which is not an input block of the view");
                if (!text.is_string())
                    problems.push_back("errors[\"" + block_id + "\"] must be a string");
            }
        }
        result["errors"] = errors;
    } else if (action == "update" || action == "push") {
        const nlohmann::json next = reply.value("view", nlohmann::json());
        auto view_problems = check_view(next, "modal");
        for (auto& p : view_problems)
            problems.push_back(std::move(p));
        if (view_problems.empty() && action == "update") {
            view.view = next;
            interactions.rehash(view);
            result["view"] = to_json(view);
        } else if (view_problems.empty()) {
            if (View* pushed = interactions.push_view(view, next)) {
                result["view"] = to_json(*pushed);
            } else {
                problems.push_back(std::string{facts::error::push_limit_reached} + ": at most " +
                                   std::to_string(facts::block_kit::view_stack_max) +
                                   " views in a stack");
            }
        }
    } else {
        problems.push_back("unknown response_action \"" + action +
                           "\" (errors, update, push or clear)");
    }
    result["view_closed"] = closed;
    if (!problems.empty()) result["problems"] = problems;
}

}  // namespace

asio::awaitable<PlannedResponse> ControlApi::view_submission(const nlohmann::json& body) {
    Workspace& ws = deps_.workspace;
    const std::string view_id = str(body, "view_id");
    View* view = deps_.interactions.find_view(view_id);
    if (!view || view->type != "modal")
        co_return bad_request("\"view_id\": no open modal \"" + view_id + "\"");
    const User* user = ws.find_user(view->user);
    if (!user) co_return bad_request("the view has no user (opened without a trigger?)");
    // Slack's client sends every input block's state, what the user entered over the initial
    // values, and refuses to submit while a required input is empty.
    nlohmann::json values = initial_state_values(view->view);
    if (body.contains("values")) {
        auto problems = enter_values(values, body["values"]);
        if (!problems.empty()) co_return bad_request(problems.front());
    }
    if (auto missing = missing_required(view->view, values); !missing.empty())
        co_return bad_request("input block \"" + missing.front() +
                              "\" is required (not \"optional\"): Slack's client does not "
                              "submit the view until it is filled");
    view->values = values;

    const auto& id = ws.identity();
    nlohmann::json view_json = to_json(*view);
    view_json.erase("user");
    view_json["team_id"] = id.team_id;
    view_json["app_id"] = id.app_id;
    view_json["bot_id"] = id.bot_id;
    const std::string trigger_id = deps_.interactions.new_trigger(user->id);
    nlohmann::json payload = {{"type", "view_submission"},
                              {"team", {{"id", id.team_id}, {"domain", id.team_domain}}},
                              {"user", user_ref(*user, ws)},
                              {"api_app_id", id.app_id},
                              {"token", "emulator-verification-token"},
                              {"trigger_id", trigger_id},
                              {"view", view_json},
                              {"response_urls", nlohmann::json::array()},
                              {"is_enterprise_install", false},
                              {"enterprise", nullptr}};
    AppAnswer answer = co_await deps_.delivery.deliver_interaction("interactive", payload, "");
    nlohmann::json result = answer_json(answer);
    result["trigger_id"] = trigger_id;
    // The view may have been closed or changed while the app answered (views.update, say).
    view = deps_.interactions.find_view(view_id);
    if (!answer.ok() || !view) {
        // Slack shows "We had some trouble connecting" and leaves the modal open.
        result["view_closed"] = !view;
    } else {
        apply_response_action(deps_.interactions, *view, result["answer"], result);
    }
    co_return json_reply(result);
}

}  // namespace incidentd::emulator
