// The emulated workspace's state and its Slack-shaped JSON forms.
#include "emulator/workspace.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace incidentd::emulator {
namespace {

std::int64_t now_seconds() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

std::string format_ts(std::int64_t micros) {
    char text[32];
    std::snprintf(text, sizeof text, "%lld.%06lld", static_cast<long long>(micros / 1'000'000),
                  static_cast<long long>(micros % 1'000'000));
    return text;
}

User human(std::string id, std::string name, std::string real_name) {
    User user;
    user.id = std::move(id);
    user.display_name = name;
    user.name = std::move(name);
    user.real_name = std::move(real_name);
    return user;
}

}  // namespace

bool Channel::has_member(std::string_view user) const {
    return std::find(members.begin(), members.end(), user) != members.end();
}

Workspace::Workspace(AppIdentity identity) : identity_(std::move(identity)) {
    for (auto& user :
         {human("U0ALICE", "alice", "Alice Archer"), human("U0BOB", "bob", "Bob Baker"),
          human("U0CAROL", "carol", "Carol Chen")}) {
        users_.emplace(user.id, user);
    }
    User bot;
    bot.id = identity_.bot_user_id;
    bot.name = identity_.bot_name;
    bot.display_name = identity_.bot_name;
    bot.real_name = identity_.bot_name;
    bot.is_bot = true;
    bot.bot_id = identity_.bot_id;
    users_.emplace(bot.id, bot);

    const std::vector<std::string> humans{"U0ALICE", "U0BOB", "U0CAROL"};
    Channel general;
    general.id = "C0GENERAL";
    general.name = "general";
    general.is_general = true;
    general.creator = "U0ALICE";
    general.created = now_seconds();
    general.members = humans;
    channels_.emplace(general.id, general);

    Channel incidents;
    incidents.id = "C0INCIDENTS";
    incidents.name = "incidents";
    incidents.creator = "U0ALICE";
    incidents.created = now_seconds();
    incidents.members = humans;
    incidents.members.push_back(identity_.bot_user_id);
    incidents.purpose = "Incident announcements";
    channels_.emplace(incidents.id, incidents);
}

const User* Workspace::find_user(std::string_view id) const {
    auto it = users_.find(id);
    return it == users_.end() ? nullptr : &it->second;
}

const User* Workspace::find_user_by_name(std::string_view name) const {
    for (const auto& [id, user] : users_) {
        if (user.name == name) return &user;
    }
    return nullptr;
}

Channel* Workspace::find_channel(std::string_view id) {
    auto it = channels_.find(id);
    return it == channels_.end() ? nullptr : &it->second;
}

Channel* Workspace::find_channel_by_name(std::string_view name) {
    if (name.starts_with('#')) name.remove_prefix(1);
    for (auto& [id, channel] : channels_) {
        if (channel.name == name) return &channel;
    }
    return nullptr;
}

Channel& Workspace::direct_channel(const std::string& app_user, const std::string& user) {
    for (auto& [id, channel] : channels_) {
        if (channel.is_im && channel.has_member(app_user) && channel.has_member(user)) {
            return channel;
        }
    }
    Channel channel;
    channel.id = next_id("D");
    channel.is_private = true;
    channel.is_im = true;
    channel.created = now_seconds();
    channel.members = {app_user, user};
    channel.creator = app_user;
    auto [it, inserted] = channels_.emplace(channel.id, std::move(channel));
    return it->second;
}

Channel& Workspace::create_channel(std::string name, bool is_private, std::string creator) {
    Channel channel;
    channel.id = next_id(is_private ? "G" : "C");
    channel.name = std::move(name);
    channel.is_private = is_private;
    channel.created = now_seconds();
    channel.members.push_back(creator);
    channel.creator = std::move(creator);
    auto [it, inserted] = channels_.emplace(channel.id, std::move(channel));
    return it->second;
}

std::string Workspace::next_ts() {
    using namespace std::chrono;
    const auto now = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
    last_ts_micros_ = std::max<std::int64_t>(now, last_ts_micros_ + 1);
    return format_ts(last_ts_micros_);
}

std::string Workspace::post(Channel& channel, Message message) {
    message.ts = next_ts();
    if (!message.thread_ts.empty()) {
        if (Message* parent = find_message(channel, message.thread_ts)) {
            parent->thread_ts = parent->ts;
            parent->reply_count += 1;
            parent->latest_reply = message.ts;
            const std::string& author = message.user;
            if (std::find(parent->reply_users.begin(), parent->reply_users.end(), author) ==
                parent->reply_users.end()) {
                parent->reply_users.push_back(author);
            }
        }
    }
    channel.messages.push_back(std::move(message));
    return channel.messages.back().ts;
}

Message* Workspace::find_message(Channel& channel, std::string_view ts) {
    auto it = std::find_if(channel.messages.begin(), channel.messages.end(),
                           [&](const Message& m) { return m.ts == ts; });
    return it == channel.messages.end() ? nullptr : &*it;
}

bool Workspace::remove_message(Channel& channel, std::string_view ts) {
    auto it = std::find_if(channel.messages.begin(), channel.messages.end(),
                           [&](const Message& m) { return m.ts == ts; });
    if (it == channel.messages.end()) return false;
    if (it->is_reply()) {
        if (Message* parent = find_message(channel, it->thread_ts)) {
            parent->reply_count = std::max(0, parent->reply_count - 1);
        }
    }
    channel.messages.erase(it);
    return true;
}

File& Workspace::create_file(std::string name, std::size_t length, std::string user) {
    File file;
    file.id = next_id("F");
    file.title = name;
    file.name = std::move(name);
    file.declared_length = length;
    file.user = std::move(user);
    file.mimetype = "application/octet-stream";
    if (file.name.ends_with(".txt") || file.name.ends_with(".md")) file.mimetype = "text/plain";
    if (file.name.ends_with(".json")) file.mimetype = "application/json";
    auto [it, inserted] = files_.emplace(file.id, std::move(file));
    return it->second;
}

File* Workspace::find_file(std::string_view id) {
    auto it = files_.find(id);
    return it == files_.end() ? nullptr : &it->second;
}

std::string Workspace::next_id(std::string_view prefix) {
    return std::string{prefix} + std::to_string(++id_counter_);
}

nlohmann::json to_json(const Channel& channel, const Workspace&) {
    return {
        {"id", channel.id},
        {"name", channel.name},
        {"name_normalized", channel.name},
        {"is_channel", !channel.is_private},
        {"is_group", channel.is_private && !channel.is_im},
        {"is_im", channel.is_im},
        {"is_private", channel.is_private},
        {"is_archived", channel.is_archived},
        {"is_general", channel.is_general},
        {"created", channel.created},
        {"creator", channel.creator},
        {"num_members", channel.members.size()},
        {"topic", {{"value", channel.topic}, {"creator", ""}, {"last_set", 0}}},
        {"purpose", {{"value", channel.purpose}, {"creator", ""}, {"last_set", 0}}},
    };
}

nlohmann::json to_json(const User& user, const Workspace& workspace) {
    nlohmann::json profile = {
        {"display_name", user.display_name},
        {"real_name", user.real_name},
        {"display_name_normalized", user.display_name},
        {"real_name_normalized", user.real_name},
    };
    if (user.is_bot) profile["bot_id"] = user.bot_id;
    return {
        {"id", user.id},     {"team_id", workspace.identity().team_id},
        {"name", user.name}, {"real_name", user.real_name},
        {"tz", user.tz},     {"is_bot", user.is_bot},
        {"deleted", false},  {"profile", profile},
    };
}

nlohmann::json to_json(const Message& message, const Workspace& workspace) {
    nlohmann::json out = {{"type", "message"}, {"ts", message.ts}, {"text", message.text}};
    if (!message.user.empty()) out["user"] = message.user;
    if (!message.subtype.empty()) out["subtype"] = message.subtype;
    if (!message.bot_id.empty()) {
        out["bot_id"] = message.bot_id;
        out["app_id"] = workspace.identity().app_id;
        out["bot_profile"] = {{"id", message.bot_id},
                              {"app_id", workspace.identity().app_id},
                              {"name", workspace.identity().bot_name},
                              {"team_id", workspace.identity().team_id}};
    }
    if (!message.blocks.is_null()) out["blocks"] = message.blocks;
    if (!message.metadata.is_null()) out["metadata"] = message.metadata;
    if (!message.thread_ts.empty()) out["thread_ts"] = message.thread_ts;
    if (!message.thread_ts.empty() && !message.is_reply()) {
        out["reply_count"] = message.reply_count;
        out["reply_users"] = message.reply_users;
        out["reply_users_count"] = message.reply_users.size();
        out["latest_reply"] = message.latest_reply;
    }
    if (message.reply_broadcast) out["subtype"] = "thread_broadcast";
    if (message.edited)
        out["edited"] = {{"user", message.edited->user}, {"ts", message.edited->ts}};
    if (!message.reactions.empty()) {
        auto reactions = nlohmann::json::array();
        for (const auto& r : message.reactions) {
            reactions.push_back({{"name", r.name}, {"users", r.users}, {"count", r.users.size()}});
        }
        out["reactions"] = reactions;
    }
    if (!message.file_ids.empty()) {
        auto files = nlohmann::json::array();
        for (const auto& id : message.file_ids) {
            auto it = workspace.files().find(id);
            if (it != workspace.files().end()) files.push_back(to_json(it->second, workspace));
        }
        out["files"] = files;
    }
    return out;
}

nlohmann::json to_json(const File& file, const Workspace& workspace) {
    const std::string domain = workspace.identity().team_domain;
    return {
        {"id", file.id},
        {"name", file.name},
        {"title", file.title},
        {"mimetype", file.mimetype},
        {"size", file.content.size()},
        {"user", file.user},
        {"channels", file.channels},
        {"url_private", "https://files.slack.com/files-pri/" + workspace.identity().team_id + "-" +
                            file.id + "/" + file.name},
        {"permalink",
         "https://" + domain + ".slack.com/files/" + file.user + "/" + file.id + "/" + file.name},
    };
}

}  // namespace incidentd::emulator
