// The external upload flow: files.getUploadURLExternal -> POST the bytes to upload_url ->
// files.completeUploadExternal, which shares the file as a message.
#include "emulator/api_args.hpp"
#include "emulator/methods.hpp"
#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {
namespace {

namespace error = facts::error;

nlohmann::json get_upload_url(MethodContext& c) {
    auto filename = text_arg(c.args, "filename");
    auto length = int_arg(c.args, "length");
    if (!filename || !length) return api_error(error::invalid_arguments);
    if (*length <= 0) return api_error(error::invalid_file_length);
    File& file = c.workspace.create_file(*filename, static_cast<std::size_t>(*length), c.caller);
    return {{"ok", true}, {"upload_url", c.base_url + "/upload/" + file.id}, {"file_id", file.id}};
}

nlohmann::json complete_upload(MethodContext& c) {
    bool invalid = false;
    auto files = json_arg(c.args, "files", &invalid);
    if (!files || !files->is_array() || files->empty()) return api_error(error::invalid_arguments);

    std::vector<File*> found;
    for (const auto& entry : *files) {
        File* file = c.workspace.find_file(entry.value("id", ""));
        if (!file) return api_error(error::file_not_found);
        if (!file->uploaded) return api_error(error::file_upload_not_complete);
        if (entry.contains("title") && entry["title"].is_string()) file->title = entry["title"];
        found.push_back(file);
    }

    Channel* channel = nullptr;
    if (c.args.contains("channel_id") || c.args.contains("channels")) {
        channel = channel_arg(c, c.args.contains("channel_id") ? "channel_id" : "channels");
        if (!channel) return api_error(error::channel_not_found);
        if (channel->is_archived) return api_error(error::is_archived);
        if (!channel->has_member(c.caller)) return api_error(error::not_in_channel);
    }

    auto answer_files = nlohmann::json::array();
    for (File* file : found) {
        file->completed = true;
        if (channel) file->channels.push_back(channel->id);
        answer_files.push_back({{"id", file->id}, {"title", file->title}});
    }
    if (channel) {
        Message share;
        share.user = c.caller;
        share.bot_id = c.workspace.identity().bot_id;
        share.subtype = "file_share";
        share.text = text_arg(c.args, "initial_comment").value_or("");
        for (File* file : found)
            share.file_ids.push_back(file->id);
        if (auto thread_ts = text_arg(c.args, "thread_ts")) {
            if (const Message* parent = c.workspace.find_message(*channel, *thread_ts)) {
                share.thread_ts = parent->is_reply() ? parent->thread_ts : parent->ts;
            }
        }
        post_and_publish(c.workspace, c.events, *channel, std::move(share));
    }
    return {{"ok", true}, {"files", answer_files}};
}

}  // namespace

void add_files_methods(MethodTable& table) {
    table["files.getUploadURLExternal"] = {get_upload_url, false, TokenType::bot};
    table["files.completeUploadExternal"] = {complete_upload, true, TokenType::bot};
}

}  // namespace incidentd::emulator
