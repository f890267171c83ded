// The app's Slack manifest (--manifest FILE, JSON) as the emulator enforces it: the bot scopes the
// bot token carries, the bot events delivered, the slash commands and global shortcuts, whether
// interactivity is on and whether the Home tab is.
#pragma once

#include <algorithm>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {

struct AppManifest {
    std::vector<std::string> bot_scopes;  // in the manifest's order, as Slack lists them back
    std::set<std::string, std::less<>> bot_events;
    std::set<std::string, std::less<>> slash_commands;
    std::set<std::string, std::less<>> global_shortcuts;  // callback_ids of type "global"
    bool interactivity = false;
    bool home_tab = false;

    bool grants(std::string_view scope) const {
        return scope.empty() || std::ranges::find(bot_scopes, scope) != bot_scopes.end();
    }
    // The "provided" field of a missing_scope answer: the granted scopes, comma-separated.
    std::string provided() const {
        std::string list;
        for (const auto& scope : bot_scopes)
            list += (list.empty() ? "" : ",") + scope;
        return list;
    }
};

// The scope a bot-token call of `method` needs ("" for none or for a method Slack has no row for
// here); `private_channel` when the call is about a private channel.
inline std::string_view needed_scope(std::string_view method, bool private_channel) {
    for (const auto& row : facts::method_scopes) {
        if (row.method == method)
            return private_channel ? row.private_channel_scope : row.channel_scope;
    }
    return {};
}

// The bot event subscription that delivers `event`: a message is subscribed by where it was
// posted (message.channels for public channels), every other event by its type.
inline std::string subscription_for(const nlohmann::json& event) {
    const std::string type = event.value("type", "");
    if (type != "message") return type;
    const std::string where = event.value("channel_type", "channel");
    if (where == "group") return "message.groups";
    if (where == "im") return "message.im";
    if (where == "mpim") return "message.mpim";
    return "message.channels";
}

namespace manifest_detail {

inline std::vector<std::string> strings_at(const nlohmann::json& manifest,
                                           const nlohmann::json::json_pointer& where) {
    if (!manifest.contains(where)) return {};
    return manifest.at(where).get<std::vector<std::string>>();
}

}  // namespace manifest_detail

// Reads the manifest; throws std::runtime_error saying what is wrong with it. A bot event whose
// scope the manifest does not grant is refused: Slack's app settings require the scope before
// they deliver the event, so such a manifest would not work there either.
inline AppManifest load_manifest(const std::string& path) {
    using nlohmann::json;
    std::ifstream in(path);
    if (!in) throw std::runtime_error(path + ": cannot be read");
    const json manifest = json::parse(in, nullptr, false);
    if (!manifest.is_object()) throw std::runtime_error(path + ": not a JSON object");

    AppManifest app;
    try {
        app.bot_scopes =
            manifest_detail::strings_at(manifest, "/oauth_config/scopes/bot"_json_pointer);
        for (auto& event : manifest_detail::strings_at(
                 manifest, "/settings/event_subscriptions/bot_events"_json_pointer))
            app.bot_events.insert(std::move(event));
        for (const json& command :
             manifest.value("/features/slash_commands"_json_pointer, json::array()))
            app.slash_commands.insert(command.at("command").get<std::string>());
        for (const json& shortcut :
             manifest.value("/features/shortcuts"_json_pointer, json::array())) {
            if (shortcut.at("type").get<std::string>() == "global")
                app.global_shortcuts.insert(shortcut.at("callback_id").get<std::string>());
        }
        app.interactivity =
            manifest.value("/settings/interactivity/is_enabled"_json_pointer, false);
        app.home_tab = manifest.value("/features/app_home/home_tab_enabled"_json_pointer, false);
    } catch (const json::exception& e) {
        throw std::runtime_error(path + ": not shaped like a Slack app manifest: " + e.what());
    }
    for (const auto& event : app.bot_events) {
        const auto row = std::ranges::find(facts::event_scopes, event, &facts::EventScope::event);
        if (row == std::end(facts::event_scopes))
            throw std::runtime_error(path + ": bot event \"" + event +
                                     "\" is not one the emulator knows (facts::event_scopes)");
        if (!app.grants(row->scope))
            throw std::runtime_error(path + ": bot event \"" + event + "\" needs the bot scope " +
                                     std::string(row->scope));
    }
    return app;
}

}  // namespace incidentd::emulator
