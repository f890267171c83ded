// The typed Web API calls without a network: the JSON each one's arguments become, how each
// answer is read, and how Slack's error codes map to the methods' enums.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "slack/web_api_bookmarks.hpp"
#include "slack/web_api_chat.hpp"
#include "slack/web_api_conversations.hpp"
#include "slack/web_api_files.hpp"
#include "slack/web_api_pins.hpp"
#include "slack/web_api_users.hpp"
#include "slack/web_api_views.hpp"

using namespace incidentd::slack;
using nlohmann::json;

namespace {

ApiError error_of(ErrorKind kind, std::string code, int status = 200) {
    return {kind, std::move(code), status, "what failed", std::nullopt};
}

}  // namespace

TEST_CASE("arguments become the JSON Slack documents, with only the optional ones given") {
    SECTION("a post with blocks, unfurling off and the idempotency key as metadata") {
        chat::MessageMetadata metadata;
        metadata.event_type = "incidentd_action";
        metadata.event_payload = {{"key", "INC-7/post-summary"}};
        chat::PostMessageArgs args{.channel = "C0INC",
                                   .text = "INC-7 declared",
                                   .blocks = json::array({{{"type", "divider"}}}),
                                   .unfurl_links = false,
                                   .metadata = metadata};
        CHECK(json(args) == json{{"channel", "C0INC"},
                                 {"text", "INC-7 declared"},
                                 {"blocks", json::array({{{"type", "divider"}}})},
                                 {"unfurl_links", false},
                                 {"metadata",
                                  {{"event_type", "incidentd_action"},
                                   {"event_payload", {{"key", "INC-7/post-summary"}}}}}});
    }
    SECTION("a reply in a thread with nothing else set") {
        chat::PostMessageArgs args{.channel = "C0INC", .text = "hi", .thread_ts = "1.000100"};
        CHECK(json(args) == json{{"channel", "C0INC"}, {"text", "hi"}, {"thread_ts", "1.000100"}});
    }
    SECTION("a channel to create, public") {
        conversations::CreateArgs args{.name = "inc-7-checkout", .is_private = false};
        CHECK(json(args) == json{{"name", "inc-7-checkout"}, {"is_private", false}});
    }
    SECTION("users to invite, as Slack's comma-separated list") {
        conversations::InviteArgs one{.channel = "C0INC", .users = {"U1"}};
        CHECK(json(one) == json{{"channel", "C0INC"}, {"users", "U1"}});
        conversations::InviteArgs two{.channel = "C0INC", .users = {"U1", "U2"}};
        CHECK(json(two) == json{{"channel", "C0INC"}, {"users", "U1,U2"}});
    }
    SECTION("a channel list page after the first") {
        conversations::ListArgs args{.types = "public_channel",
                                     .exclude_archived = true,
                                     .limit = 1000,
                                     .cursor = "dXNlcjpVMDYxTkZUVDI="};
        CHECK(json(args) == json{{"types", "public_channel"},
                                 {"exclude_archived", true},
                                 {"limit", 1000},
                                 {"cursor", "dXNlcjpVMDYxTkZUVDI="}});
        CHECK(json(conversations::ListArgs{}) == json::object());
    }
    SECTION("a thread to read with its metadata") {
        conversations::RepliesArgs args{
            .channel = "C0INC", .ts = "1.000100", .limit = 100, .include_all_metadata = true};
        CHECK(json(args) == json{{"channel", "C0INC"},
                                 {"ts", "1.000100"},
                                 {"limit", 100},
                                 {"include_all_metadata", true}});
    }
    SECTION("a link bookmark, whose type is always link") {
        bookmarks::AddArgs args{
            .channel_id = "C0INC", .title = "Runbook", .link = "https://runbooks.example/db"};
        CHECK(json(args) == json{{"channel_id", "C0INC"},
                                 {"title", "Runbook"},
                                 {"type", "link"},
                                 {"link", "https://runbooks.example/db"}});
    }
    SECTION("a message to pin, named by its timestamp") {
        pins::AddArgs args{.channel = "C0INC", .timestamp = "1.000100"};
        CHECK(json(args) == json{{"channel", "C0INC"}, {"timestamp", "1.000100"}});
    }
    SECTION("a Home tab to publish") {
        views::PublishArgs args{.user_id = "U1", .view = {{"type", "home"}}};
        CHECK(json(args) == json{{"user_id", "U1"}, {"view", {{"type", "home"}}}});
    }
    SECTION("an upload to complete in a thread, without a comment") {
        files::CompleteArgs args;
        args.files.push_back({"F1", "INC-7 postmortem draft"});
        args.channel_id = "C0INC";
        args.thread_ts = "1.000100";
        CHECK(json(args) ==
              json{{"files", json::array({{{"id", "F1"}, {"title", "INC-7 postmortem draft"}}})},
                   {"channel_id", "C0INC"},
                   {"thread_ts", "1.000100"}});
    }
}

TEST_CASE("a Slack error code the method's enum lists is named, any other is other") {
    using Result = conversations::InviteResult;
    const auto invite = [](ErrorKind kind, const char* code) {
        return Result::failure(error_of(kind, code), 1);
    };

    CHECK(invite(ErrorKind::slack, "already_in_channel").code() ==
          conversations::InviteError::already_in_channel);
    CHECK(invite(ErrorKind::slack, "user_disabled").code() ==
          conversations::InviteError::user_disabled);

    SECTION("an unlisted code is other and keeps its raw string") {
        const Result answer = invite(ErrorKind::slack, "channel_not_found");
        CHECK_FALSE(answer.ok());
        CHECK(answer.code() == conversations::InviteError::other);
        CHECK(answer.error().code == "channel_not_found");
    }
    SECTION("Slack's code in the body of another HTTP status is named too") {
        CHECK(invite(ErrorKind::http, "cant_invite").code() ==
              conversations::InviteError::cant_invite);
    }
    SECTION("a transport failure is other: no Slack code came") {
        const Result answer = invite(ErrorKind::transport, "timeout");
        CHECK(answer.code() == conversations::InviteError::other);
        CHECK(answer.error().kind == ErrorKind::transport);
    }
    SECTION("each method names its own codes") {
        CHECK(conversations::CreateResult::failure(error_of(ErrorKind::slack, "name_taken"), 1)
                  .code() == conversations::CreateError::name_taken);
        CHECK(pins::AddResult::failure(error_of(ErrorKind::slack, "already_pinned"), 1).code() ==
              pins::AddError::already_pinned);
        CHECK(
            conversations::ArchiveResult::failure(error_of(ErrorKind::slack, "already_archived"), 1)
                .code() == conversations::ArchiveError::already_archived);
        CHECK(chat::PostMessageResult::failure(error_of(ErrorKind::slack, "not_in_channel"), 1)
                  .code() == chat::PostMessageError::not_in_channel);
        CHECK(auth::TestResult::failure(error_of(ErrorKind::slack, "token_revoked"), 1).code() ==
              auth::TestError::token_revoked);
        CHECK(
            bookmarks::ListResult::failure(error_of(ErrorKind::slack, "missing_scope"), 1).code() ==
            bookmarks::ListError::missing_scope);
        // name_taken means something only to conversations.create.
        CHECK(pins::AddResult::failure(error_of(ErrorKind::slack, "name_taken"), 1).code() ==
              pins::AddError::other);
    }
}

TEST_CASE("a successful answer is read into the method's struct, a failed one keeps its error") {
    const ApiResult listed = ApiResult::success(json::parse(R"({"ok":true,
            "channels":[{"id":"C1","name":"inc-7-checkout","creator":"U0BOT","created":1764000000,
                         "is_private":false},
                        {"id":"C2","name":"general"}],
            "response_metadata":{"next_cursor":"bmV4dA=="}})"),
                                                2);
    const auto page = typed<conversations::ChannelPage, conversations::ReadError>(listed);
    REQUIRE(page.ok());
    CHECK(page.attempts() == 2);
    REQUIRE(page->channels.size() == 2);
    CHECK(page->channels[0].id == "C1");
    CHECK(page->channels[0].name == "inc-7-checkout");
    CHECK(page->channels[0].creator == "U0BOT");
    CHECK(page->channels[0].created == 1764000000);
    CHECK(page->channels[1].creator.empty());
    CHECK(page->channels[1].created == 0);
    CHECK(page->next_cursor == "bmV4dA==");

    const ApiResult refused = ApiResult::failure(error_of(ErrorKind::slack, "missing_scope"), 1,
                                                 {{"ok", false}, {"error", "missing_scope"}});
    const auto failed = typed<conversations::ChannelPage, conversations::ReadError>(refused);
    REQUIRE_FALSE(failed.ok());
    CHECK(failed.code() == conversations::ReadError::missing_scope);
    CHECK(failed.error().message == "what failed");
}

TEST_CASE("a field missing from an answer or of another type reads as empty") {
    const auto page = json::parse(R"({"ok":true,"channels":[{"id":7,"created":"yesterday"}]})")
                          .get<conversations::ChannelPage>();
    REQUIRE(page.channels.size() == 1);
    CHECK(page.channels[0].id.empty());
    CHECK(page.channels[0].created == 0);
    CHECK(page.next_cursor.empty());
    CHECK(json::parse(R"({"ok":true,"channels":{"id":"C1"}})")
              .get<conversations::ChannelPage>()
              .channels.empty());
    CHECK(json::parse(R"({"ok":true})").get<chat::Posted>().ts.empty());
}

TEST_CASE("messages read back carry the metadata and the files they were posted with") {
    const auto page = json::parse(R"({"ok":true,"messages":[
            {"ts":"1.000100","text":"INC-7 declared",
             "metadata":{"event_type":"incidentd_action","event_payload":{"key":"INC-7/a"}}},
            {"ts":"1.000200","files":[{"id":"F1","name":"INC-7-record.md"},{"id":"F2"}]},
            {"ts":"1.000300","metadata":"not an object"}]})")
                          .get<conversations::MessagePage>();
    REQUIRE(page.messages.size() == 3);
    REQUIRE(page.messages[0].metadata);
    CHECK(page.messages[0].metadata->event_type == "incidentd_action");
    CHECK(page.messages[0].metadata->event_payload == json{{"key", "INC-7/a"}});
    CHECK(page.messages[0].files.empty());
    CHECK_FALSE(page.messages[1].metadata);
    REQUIRE(page.messages[1].files.size() == 2);
    CHECK(page.messages[1].files[0].name == "INC-7-record.md");
    CHECK(page.messages[1].files[1].name.empty());
    CHECK_FALSE(page.messages[2].metadata);
}

TEST_CASE("auth.test's answer names the workspace and the bot") {
    const auto identity =
        json::parse(R"({"ok":true,"url":"https://example.slack.com/","team":"Example",
                        "user":"incidentd","team_id":"T1","user_id":"U0BOT","bot_id":"B0BOT"})")
            .get<auth::Identity>();
    CHECK(identity.url == "https://example.slack.com/");
    CHECK(identity.team == "Example");
    CHECK(identity.team_id == "T1");
    CHECK(identity.user_id == "U0BOT");
    CHECK(identity.bot_id == "B0BOT");
}

TEST_CASE("users.info's answer gives the user's names and the profile's") {
    const auto info =
        json::parse(R"({"ok":true,"user":{"id":"U1","name":"alice","real_name":"Alice Liddell",
                        "profile":{"display_name":"ali","real_name":"Alice L."}}})")
            .get<users::UserInfo>();
    CHECK(info.user.name == "alice");
    CHECK(info.user.real_name == "Alice Liddell");
    CHECK(info.user.profile.display_name == "ali");
    CHECK(info.user.profile.real_name == "Alice L.");
}

TEST_CASE("bookmarks.list's answer gives each bookmark's id, title and link") {
    const auto listed = json::parse(R"({"ok":true,"bookmarks":[
            {"id":"Bk1","channel_id":"C1","title":"Runbook","link":"https://runbooks.example/db",
             "type":"link"}]})")
                            .get<bookmarks::BookmarkList>();
    REQUIRE(listed.bookmarks.size() == 1);
    CHECK(listed.bookmarks[0].id == "Bk1");
    CHECK(listed.bookmarks[0].title == "Runbook");
    CHECK(listed.bookmarks[0].link == "https://runbooks.example/db");
}

TEST_CASE("a completed upload keeps Slack's file objects whole") {
    const json objects =
        json::parse(R"([{"id":"F1","title":"INC-7 record","permalink":"https://x"}])");
    CHECK(json{{"ok", true}, {"files", objects}}.get<files::Completed>().files == objects);
    CHECK(json{{"ok", true}}.get<files::Completed>().files == json::array());
}

TEST_CASE("an upload ticket gives the URL for the bytes and the file's id") {
    const auto ticket =
        json::parse(
            R"({"ok":true,"upload_url":"https://files.example/upload/v1/abc","file_id":"F1"})")
            .get<files::UploadTicket>();
    CHECK(ticket.upload_url == "https://files.example/upload/v1/abc");
    CHECK(ticket.file_id == "F1");
}
