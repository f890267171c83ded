// Sharing a file through Slack's external upload flow, as typed calls: files.getUploadURLExternal,
// a POST of the bytes to the URL it hands out, then files.completeUploadExternal (files.upload is
// retired).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "slack/web_api_result.hpp"
#include "slack/web_client.hpp"

namespace incidentd::slack::files {

struct GetUploadUrlArgs {
    std::string filename;
    std::size_t length = 0;  // bytes
};
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE(GetUploadUrlArgs, filename, length)

struct UploadTicket {
    std::string upload_url;  // where the bytes go (without the token)
    std::string file_id;
};
void from_json(const nlohmann::json& answer, UploadTicket& ticket);

// An answer without upload_url or file_id fails as an invalid_response (there is nothing to send).
using TicketResult = WebResult<UploadTicket>;
boost::asio::awaitable<TicketResult> get_upload_url_external(WebClient& client,
                                                             GetUploadUrlArgs args);

struct FileTitle {
    std::string id;  // the ticket's file_id
    std::string title;
};
void to_json(nlohmann::json& j, const FileTitle& file);

struct CompleteArgs {
    std::vector<FileTitle> files;
    std::optional<std::string> channel_id = std::nullopt;  // none: uploaded but not shared
    std::optional<std::string> thread_ts = std::nullopt;
    std::optional<std::string> initial_comment = std::nullopt;
};
void to_json(nlohmann::json& j, const CompleteArgs& args);

struct Completed {
    // Slack's file objects as it sent them: the outbox keeps them whole as the action's result.
    nlohmann::json files = nlohmann::json::array();
};
void from_json(const nlohmann::json& answer, Completed& completed);

using CompleteResult = WebResult<Completed>;
boost::asio::awaitable<CompleteResult> complete_upload_external(WebClient& client,
                                                                CompleteArgs args);

// One file through the whole flow; an empty string leaves its argument out.
struct ShareArgs {
    std::string filename;  // "INC-12-postmortem.md"
    std::string content;   // the bytes
    std::string title{};   // empty: the file name
    std::string channel_id{};
    std::string thread_ts{};
    std::string initial_comment{};
};

// The error of the step that failed, or files.completeUploadExternal's answer.
boost::asio::awaitable<CompleteResult> share(WebClient& client, ShareArgs args);

}  // namespace incidentd::slack::files
