// The emulated workspace: team, users, channels, messages (threads, edits, reactions, pins),
// bookmarks and uploaded files. Plain state with no I/O; the Web API and control API change it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace incidentd::emulator {

struct User {
    std::string id;
    std::string name;
    std::string display_name;
    std::string real_name;
    std::string tz = "Europe/London";
    bool is_bot = false;
    std::string bot_id;  // set for the app's bot user
};

struct Reaction {
    std::string name;
    std::vector<std::string> users;
};

struct Edited {
    std::string user;
    std::string ts;
};

struct Message {
    std::string ts;
    std::string user;
    std::string bot_id;  // set when the app posted it with its bot token
    std::string text;
    std::string subtype;  // "" for a plain message, "file_share", "channel_join", ...
    nlohmann::json blocks = nullptr;
    // chat.postMessage's `metadata` ({event_type, event_payload}): how an app finds its own posts.
    nlohmann::json metadata = nullptr;
    std::string thread_ts;  // set on a parent (== ts) once it has replies, and on every reply
    bool reply_broadcast = false;
    int reply_count = 0;
    std::vector<std::string> reply_users;
    std::string latest_reply;
    std::optional<Edited> edited;
    std::vector<Reaction> reactions;
    std::vector<std::string> pinned_by;  // non-empty when pinned
    std::vector<std::string> file_ids;

    bool is_reply() const { return !thread_ts.empty() && thread_ts != ts; }
};

struct Bookmark {
    std::string id;
    std::string channel_id;
    std::string title;
    std::string type;
    std::string link;
    std::string created_by;
};

struct Channel {
    std::string id;
    std::string name;
    bool is_private = false;
    bool is_archived = false;
    bool is_general = false;
    bool is_im = false;  // the app's direct messages with one user (id "D…", no name)
    std::string creator;
    std::int64_t created = 0;
    std::vector<std::string> members;
    std::string topic;
    std::string purpose;
    std::vector<Message> messages;  // in ts order, replies included
    std::vector<Bookmark> bookmarks;
    std::vector<nlohmann::json> ephemeral;  // chat.postEphemeral posts, seen by one user each

    bool has_member(std::string_view user) const;
};

struct File {
    std::string id;
    std::string name;
    std::string title;
    std::string mimetype;
    std::size_t declared_length = 0;
    std::string content;
    bool uploaded = false;
    bool completed = false;
    std::string user;
    std::vector<std::string> channels;
};

// Who the app is in this workspace.
struct AppIdentity {
    std::string team_id = "T0EMULATOR";
    std::string team_domain = "emulator";
    std::string team_name = "Emulated Workspace";
    std::string app_id = "A0INCIDENTD";
    std::string bot_user_id = "U0INCIDENTD";
    std::string bot_id = "B0INCIDENTD";
    std::string bot_name = "incidentd";
};

class Workspace {
  public:
    // Seeds alice, bob, carol, the app's bot user, #general and #incidents (the bot is a member
    // of #incidents only), all with fixed ids.
    explicit Workspace(AppIdentity identity = {});

    const AppIdentity& identity() const { return identity_; }

    const User* find_user(std::string_view id) const;
    const User* find_user_by_name(std::string_view name) const;
    const std::map<std::string, User, std::less<>>& users() const { return users_; }

    Channel* find_channel(std::string_view id);
    Channel* find_channel_by_name(std::string_view name);
    // The direct-message conversation of `app_user` with `user`, opened on first use (as
    // chat.postMessage does when its channel is a user id).
    Channel& direct_channel(const std::string& app_user, const std::string& user);
    const std::map<std::string, Channel, std::less<>>& channels() const { return channels_; }
    Channel& create_channel(std::string name, bool is_private, std::string creator);

    // A new ts for a message in `channel`: wall-clock microseconds, bumped so that every ts in
    // the workspace is strictly greater than the last one handed out.
    std::string next_ts();

    // Appends the message with a fresh ts (keeping threads' reply counts) and returns its ts.
    // A reply's parent must exist; the caller checks.
    std::string post(Channel& channel, Message message);
    Message* find_message(Channel& channel, std::string_view ts);
    bool remove_message(Channel& channel, std::string_view ts);

    File& create_file(std::string name, std::size_t length, std::string user);
    File* find_file(std::string_view id);
    const std::map<std::string, File, std::less<>>& files() const { return files_; }

    std::string next_id(std::string_view prefix);

  private:
    AppIdentity identity_;
    std::map<std::string, User, std::less<>> users_;
    std::map<std::string, Channel, std::less<>> channels_;
    std::map<std::string, File, std::less<>> files_;
    std::int64_t last_ts_micros_ = 0;
    std::uint64_t id_counter_ = 1000;
};

// Slack-shaped JSON: conversations.info's "channel", users.info's "user", history's messages.
nlohmann::json to_json(const Channel& channel, const Workspace& workspace);
nlohmann::json to_json(const User& user, const Workspace& workspace);
nlohmann::json to_json(const Message& message, const Workspace& workspace);
nlohmann::json to_json(const File& file, const Workspace& workspace);

}  // namespace incidentd::emulator
