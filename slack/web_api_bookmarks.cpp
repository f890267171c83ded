// The bookmarks.* calls: their arguments as Slack names them, their answers as incidentd reads
// them.
#include "slack/web_api_bookmarks.hpp"

#include "slack/web_api_call.hpp"

namespace incidentd::slack::bookmarks {

using nlohmann::json;

void to_json(json& j, const AddArgs& args) {
    j = {{"channel_id", args.channel_id},
         {"title", args.title},
         {"type", "link"},
         {"link", args.link}};
}

boost::asio::awaitable<WebResult<Accepted>> add(WebClient& client, AddArgs args) {
    return call_typed<Accepted>(client, "bookmarks.add", json(args));
}

void to_json(json& j, const ListArgs& args) {
    j = {{"channel_id", args.channel_id}};
}

void from_json(const json& j, Bookmark& bookmark) {
    bookmark.id = lenient_string(j, "id");
    bookmark.title = lenient_string(j, "title");
    bookmark.link = lenient_string(j, "link");
}

void from_json(const json& answer, BookmarkList& out) {
    out.bookmarks = lenient_items<Bookmark>(answer, "bookmarks");
}

boost::asio::awaitable<ListResult> list(WebClient& client, ListArgs args) {
    return call_typed<BookmarkList, ListError>(client, "bookmarks.list", json(args));
}

}  // namespace incidentd::slack::bookmarks
