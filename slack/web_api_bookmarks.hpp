// bookmarks.add and bookmarks.list as typed calls: links in a channel's header, and reading them
// back to find one incidentd added before.
#pragma once

#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json.hpp>

#include "slack/web_api_result.hpp"
#include "slack/web_client.hpp"

namespace incidentd::slack::bookmarks {

// A link bookmark (type "link", the one kind Slack lets an app add).
struct AddArgs {
    std::string channel_id;
    std::string title;
    std::string link;
};
void to_json(nlohmann::json& j, const AddArgs& args);

boost::asio::awaitable<WebResult<Accepted>> add(WebClient& client, AddArgs args);

struct ListArgs {
    std::string channel_id;
};
void to_json(nlohmann::json& j, const ListArgs& args);

struct Bookmark {
    std::string id;
    std::string title;
    std::string link;
};
void from_json(const nlohmann::json& j, Bookmark& bookmark);

struct BookmarkList {
    std::vector<Bookmark> bookmarks;
};
void from_json(const nlohmann::json& answer, BookmarkList& out);

// A missing scope is worth telling the operator about.
enum class ListError { missing_scope, other };
NLOHMANN_JSON_SERIALIZE_ENUM(ListError, {{ListError::other, nullptr},
                                         {ListError::missing_scope, "missing_scope"}})

using ListResult = WebResult<BookmarkList, ListError>;
boost::asio::awaitable<ListResult> list(WebClient& client, ListArgs args);

}  // namespace incidentd::slack::bookmarks
