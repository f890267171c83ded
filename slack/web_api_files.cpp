// The external upload flow's calls: their arguments as Slack names them, their answers as incidentd
// reads them, and the three steps in order.
#include "slack/web_api_files.hpp"

#include <utility>

#include "slack/web_api_call.hpp"

namespace incidentd::slack::files {

using boost::asio::awaitable;
using nlohmann::json;

void from_json(const json& answer, UploadTicket& ticket) {
    ticket.upload_url = lenient_string(answer, "upload_url");
    ticket.file_id = lenient_string(answer, "file_id");
}

awaitable<TicketResult> get_upload_url_external(WebClient& client, GetUploadUrlArgs args) {
    const ApiResult answer = co_await client.call("files.getUploadURLExternal", json(args));
    if (answer) {
        const json& body = answer.body();
        const auto upload_url = body.find("upload_url");
        const auto file_id = body.find("file_id");
        if (upload_url == body.end() || !upload_url->is_string() || file_id == body.end() ||
            !file_id->is_string()) {
            ApiError error{ErrorKind::http, std::string{transport_error::invalid_response}, 200,
                           "files.getUploadURLExternal: the answer has no upload_url or file_id",
                           std::nullopt};
            co_return TicketResult::failure(std::move(error), answer.attempts());
        }
    }
    co_return typed<UploadTicket>(answer);
}

void to_json(json& j, const FileTitle& file) {
    j = {{"id", file.id}, {"title", file.title}};
}

void to_json(json& j, const CompleteArgs& args) {
    j = json::object();
    j["files"] = args.files;
    if (args.channel_id) j["channel_id"] = *args.channel_id;
    if (args.thread_ts) j["thread_ts"] = *args.thread_ts;
    if (args.initial_comment) j["initial_comment"] = *args.initial_comment;
}

void from_json(const json& answer, Completed& completed) {
    const auto files = answer.find("files");
    completed.files = files != answer.end() ? *files : json::array();
}

awaitable<CompleteResult> complete_upload_external(WebClient& client, CompleteArgs args) {
    return call_typed<Completed>(client, "files.completeUploadExternal", json(args));
}

awaitable<CompleteResult> share(WebClient& client, ShareArgs args) {
    GetUploadUrlArgs reserve{args.filename, args.content.size()};
    const TicketResult ticket = co_await get_upload_url_external(client, std::move(reserve));
    if (!ticket) co_return CompleteResult::failure(ticket.error(), ticket.attempts());

    const ApiResult sent = co_await client.post_bytes(
        ticket->upload_url, "application/octet-stream", std::move(args.content));
    if (!sent) co_return CompleteResult::failure(sent.error(), sent.attempts());

    CompleteArgs complete;
    complete.files.push_back(
        FileTitle{ticket->file_id, args.title.empty() ? args.filename : args.title});
    if (!args.channel_id.empty()) complete.channel_id = args.channel_id;
    if (!args.thread_ts.empty()) complete.thread_ts = args.thread_ts;
    if (!args.initial_comment.empty()) complete.initial_comment = args.initial_comment;
    co_return co_await complete_upload_external(client, std::move(complete));
}

}  // namespace incidentd::slack::files
