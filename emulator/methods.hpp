// The Web API method table: what each method needs (token type, JSON bodies) and its handler.
// Handlers live in methods_<family>.cpp and answer Slack-shaped JSON.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "emulator/events.hpp"
#include "emulator/interactions.hpp"
#include "emulator/socket_mode.hpp"
#include "emulator/workspace.hpp"

namespace incidentd::emulator {

// What a handler sees: the state it may change, where events go, and its arguments.
struct MethodContext {
    Workspace& workspace;
    Interactions& interactions;
    EventSink& events;
    SocketMode& socket_mode;
    const std::string& base_url;  // http(s)://host:port of this server
    const nlohmann::json& args;
    std::string caller;  // the user the token belongs to (the bot user)
};

enum class TokenType { bot, app };

struct MethodSpec {
    std::function<nlohmann::json(MethodContext&)> handler;
    bool accepts_json = false;  // Slack takes JSON bodies for write methods only
    TokenType token = TokenType::bot;
};

using MethodTable = std::map<std::string, MethodSpec, std::less<>>;

void add_auth_and_users_methods(MethodTable& table);
void add_conversations_methods(MethodTable& table);
void add_chat_methods(MethodTable& table);
void add_item_methods(MethodTable& table);  // pins, reactions, bookmarks
void add_views_methods(MethodTable& table);
void add_files_methods(MethodTable& table);
void add_apps_methods(MethodTable& table);

MethodTable all_methods();

// {"ok":false,"error":code}
nlohmann::json api_error(std::string_view code);

// The channel named by `key` (an id, or a #name where Slack allows one), or nothing.
Channel* channel_arg(MethodContext& context, std::string_view key);

}  // namespace incidentd::emulator
