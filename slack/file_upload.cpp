// The three steps of the external upload flow.
#include "slack/file_upload.hpp"

#include <utility>

namespace incidentd::slack {

boost::asio::awaitable<ApiResult> upload_file(WebClient& client, FileUpload upload) {
    nlohmann::json reserve_args = nlohmann::json::object();
    reserve_args["filename"] = upload.filename;
    reserve_args["length"] = upload.content.size();
    ApiResult reserved =
        co_await client.call("files.getUploadURLExternal", std::move(reserve_args));
    if (!reserved) co_return reserved;

    const nlohmann::json& answer = reserved.body();
    auto upload_url = answer.find("upload_url");
    auto file_id = answer.find("file_id");
    if (upload_url == answer.end() || !upload_url->is_string() || file_id == answer.end() ||
        !file_id->is_string()) {
        co_return ApiResult::failure(
            {ErrorKind::http, std::string{transport_error::invalid_response}, 200,
             "files.getUploadURLExternal: the answer has no upload_url or file_id", std::nullopt},
            reserved.attempts(), answer);
    }

    ApiResult sent = co_await client.post_bytes(
        upload_url->get<std::string>(), "application/octet-stream", std::move(upload.content));
    if (!sent) co_return sent;

    nlohmann::json file = nlohmann::json::object();
    file["id"] = file_id->get<std::string>();
    file["title"] = upload.title.empty() ? upload.filename : upload.title;
    nlohmann::json args = nlohmann::json::object();
    args["files"] = nlohmann::json::array({file});
    if (!upload.channel_id.empty()) args["channel_id"] = upload.channel_id;
    if (!upload.thread_ts.empty()) args["thread_ts"] = upload.thread_ts;
    if (!upload.initial_comment.empty()) args["initial_comment"] = upload.initial_comment;
    co_return co_await client.call("files.completeUploadExternal", std::move(args));
}

}  // namespace incidentd::slack
