// Sharing a file through Slack's external upload flow: files.getUploadURLExternal, a POST of the
// bytes to the URL it hands out, then files.completeUploadExternal (files.upload is retired).
#pragma once

#include <string>

#include <boost/asio/awaitable.hpp>

#include "slack/api_result.hpp"
#include "slack/web_client.hpp"

namespace incidentd::slack {

struct FileUpload {
    std::string filename;    // "INC-12-postmortem.md"
    std::string content;     // the bytes
    std::string title;       // empty: the file name
    std::string channel_id;  // empty: uploaded but not shared
    std::string thread_ts;
    std::string initial_comment;
};

// The result of the step that failed, or files.completeUploadExternal's answer (its `files`).
boost::asio::awaitable<ApiResult> upload_file(WebClient& client, FileUpload upload);

}  // namespace incidentd::slack
