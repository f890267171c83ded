// Each event shape incidentd records, as Slack delivers it, decoded into its typed value.
#include <catch2/catch.hpp>

#include "slack/inbound.hpp"

using namespace incidentd::slack;

namespace {

// Wraps an `event` object in the event_callback envelope Slack sends and decodes it.
SlackEvent decode(const std::string& event_json) {
    const std::string body =
        R"({"token":"XXYYZZ","team_id":"T0001","api_app_id":"A0001","type":"event_callback",)"
        R"("event_id":"Ev0001","event_time":1764000000,"event":)" +
        event_json + "}";
    auto decoded = decode_event_body(body);
    if (auto* error = std::get_if<DecodeError>(&decoded)) FAIL(error->what);
    auto* callback = std::get_if<EventCallback>(&std::get<Inbound>(decoded));
    REQUIRE(callback);
    return callback->event;
}

std::string decode_error(const std::string& event_json) {
    const std::string body =
        R"({"type":"event_callback","event_id":"Ev0001","event_time":1764000000,"event":)" +
        event_json + "}";
    auto decoded = decode_event_body(body);
    auto* error = std::get_if<DecodeError>(&decoded);
    REQUIRE(error);
    return error->what;
}

}  // namespace

TEST_CASE("a plain channel message decodes with its author, text and ts") {
    auto event = decode(R"({"type":"message","channel":"C0INC","channel_type":"channel",
        "user":"U0ALICE","text":"checkout p99 is 4s","ts":"1764000000.000100",
        "event_ts":"1764000000.000100","team":"T0001","blocks":[{"type":"rich_text"}]})");
    auto* message = std::get_if<MessageEvent>(&event);
    REQUIRE(message);
    CHECK(message->subtype == MessageSubtype::none);
    CHECK(message->channel == "C0INC");
    CHECK(message->channel_type == "channel");
    CHECK(message->user == "U0ALICE");
    CHECK(message->text == "checkout p99 is 4s");
    CHECK(message->ts == "1764000000.000100");
    CHECK_FALSE(message->thread_ts);
    CHECK_FALSE(message->is_thread_reply());
    CHECK_FALSE(message->from_bot());
    CHECK(event_type_name(event) == "message");
}

TEST_CASE("a thread reply is a message whose thread_ts is its parent's ts") {
    SECTION("a reply") {
        auto event = decode(R"({"type":"message","channel":"C0INC","user":"U0BOB",
            "text":"rolling back","ts":"1764000100.000200","thread_ts":"1764000000.000100",
            "parent_user_id":"U0ALICE"})");
        auto& message = std::get<MessageEvent>(event);
        CHECK(message.is_thread_reply());
        CHECK(message.thread_ts == "1764000000.000100");
        CHECK(message.parent_user_id == "U0ALICE");
    }
    SECTION("the parent itself, which carries thread_ts equal to its own ts") {
        auto event = decode(R"({"type":"message","channel":"C0INC","user":"U0ALICE",
            "text":"parent","ts":"1764000000.000100","thread_ts":"1764000000.000100"})");
        CHECK_FALSE(std::get<MessageEvent>(event).is_thread_reply());
    }
    SECTION("a reply also sent to the channel") {
        auto event = decode(R"({"type":"message","subtype":"thread_broadcast","channel":"C0INC",
            "user":"U0BOB","text":"fixed","ts":"1764000200.000300","thread_ts":"1764000000.000100"})");
        auto& message = std::get<MessageEvent>(event);
        CHECK(message.subtype == MessageSubtype::thread_broadcast);
        CHECK(message.is_thread_reply());
    }
}

TEST_CASE("an edit carries the new text, the original ts and who edited it") {
    auto event = decode(R"({"type":"message","subtype":"message_changed","hidden":true,
        "channel":"C0INC","channel_type":"channel","ts":"1764000300.000400",
        "event_ts":"1764000300.000400",
        "message":{"type":"message","user":"U0ALICE","text":"checkout p99 is 5s",
                   "ts":"1764000000.000100","edited":{"user":"U0ALICE","ts":"1764000300.000000"}},
        "previous_message":{"type":"message","user":"U0ALICE","text":"checkout p99 is 4s",
                            "ts":"1764000000.000100"}})");
    auto* changed = std::get_if<MessageChangedEvent>(&event);
    REQUIRE(changed);
    CHECK(changed->channel == "C0INC");
    CHECK(changed->message.text == "checkout p99 is 5s");
    CHECK(changed->message.ts == "1764000000.000100");
    REQUIRE(changed->previous);
    CHECK(changed->previous->text == "checkout p99 is 4s");
    CHECK(changed->edited_by == "U0ALICE");
    CHECK(changed->edited_ts == "1764000300.000000");
    CHECK(changed->is_edit());
}

TEST_CASE("a message_changed without an edit (a new reply count, an unfurl) is not an edit") {
    auto event = decode(R"({"type":"message","subtype":"message_changed","channel":"C0INC",
        "ts":"1764000300.000400","message":{"user":"U0ALICE","text":"parent",
        "ts":"1764000000.000100","reply_count":3}})");
    auto& changed = std::get<MessageChangedEvent>(event);
    CHECK_FALSE(changed.is_edit());
    CHECK_FALSE(changed.previous);
}

TEST_CASE("a deletion carries the deleted ts and, when sent, the deleted text") {
    auto event = decode(R"({"type":"message","subtype":"message_deleted","hidden":true,
        "channel":"C0INC","ts":"1764000400.000500","deleted_ts":"1764000000.000100",
        "event_ts":"1764000400.000500",
        "previous_message":{"type":"message","user":"U0ALICE","text":"checkout p99 is 4s",
                            "ts":"1764000000.000100"}})");
    auto* deleted = std::get_if<MessageDeletedEvent>(&event);
    REQUIRE(deleted);
    CHECK(deleted->deleted_ts == "1764000000.000100");
    REQUIRE(deleted->previous);
    CHECK(deleted->previous->user == "U0ALICE");
    CHECK(deleted->previous->text == "checkout p99 is 4s");
    CHECK(decode_error(R"({"type":"message","subtype":"message_deleted","channel":"C0INC"})")
              .find("deleted_ts") != std::string::npos);
}

TEST_CASE("a file share lists its files") {
    auto event = decode(R"({"type":"message","subtype":"file_share","channel":"C0INC",
        "user":"U0ALICE","text":"the graph","ts":"1764000500.000600",
        "files":[{"id":"F0001","name":"p99.png","title":"p99 latency","mimetype":"image/png",
                  "permalink":"https://acme.slack.com/files/U0ALICE/F0001/p99.png",
                  "url_private":"https://files.slack.com/files-pri/T0001-F0001/p99.png"},
                 {"id":"F0002","name":"log.txt"}]})");
    auto& message = std::get<MessageEvent>(event);
    CHECK(message.subtype == MessageSubtype::file_share);
    REQUIRE(message.files.size() == 2);
    CHECK(message.files[0].id == "F0001");
    CHECK(message.files[0].title == "p99 latency");
    CHECK(message.files[0].mimetype == "image/png");
    CHECK(message.files[0].permalink == "https://acme.slack.com/files/U0ALICE/F0001/p99.png");
    CHECK(message.files[1].name == "log.txt");
    CHECK(message.files[1].title.empty());
}

TEST_CASE("posts by apps are recognisable as bot posts") {
    SECTION("a post with a bot token carries bot_id") {
        auto event = decode(R"({"type":"message","channel":"C0INC","user":"U0BOTUSER",
            "bot_id":"B0INCIDENTD","bot_profile":{"id":"B0INCIDENTD"},"text":"Declared INC-7",
            "ts":"1764000600.000700"})");
        auto& message = std::get<MessageEvent>(event);
        CHECK(message.subtype == MessageSubtype::none);
        CHECK(message.bot_id == "B0INCIDENTD");
        CHECK(message.from_bot());
    }
    SECTION("a legacy webhook post is a bot_message") {
        auto event = decode(R"({"type":"message","subtype":"bot_message","channel":"C0INC",
            "bot_id":"B0HOOK","username":"alertmanager","text":"FIRING: HighLatency",
            "ts":"1764000700.000800"})");
        auto& message = std::get<MessageEvent>(event);
        CHECK(message.subtype == MessageSubtype::bot_message);
        CHECK(message.username == "alertmanager");
        CHECK(message.user.empty());
        CHECK(message.from_bot());
    }
}

TEST_CASE("join, leave and topic notices are messages with their subtype") {
    SECTION("channel_join") {
        auto event = decode(R"({"type":"message","subtype":"channel_join","channel":"C0INC",
            "user":"U0BOB","text":"<@U0BOB> has joined the channel","inviter":"U0ALICE",
            "ts":"1764000800.000900"})");
        auto& message = std::get<MessageEvent>(event);
        CHECK(message.subtype == MessageSubtype::channel_join);
        CHECK(message.inviter == "U0ALICE");
    }
    SECTION("channel_leave") {
        auto event = decode(R"({"type":"message","subtype":"channel_leave","channel":"C0INC",
            "user":"U0BOB","text":"<@U0BOB> has left the channel","ts":"1764000900.001000"})");
        CHECK(std::get<MessageEvent>(event).subtype == MessageSubtype::channel_leave);
    }
    SECTION("channel_topic") {
        auto event = decode(R"({"type":"message","subtype":"channel_topic","channel":"C0INC",
            "user":"U0ALICE","topic":"SEV2 | active | commander: @alice",
            "text":"<@U0ALICE> set the channel topic: SEV2 | active","ts":"1764001000.001100"})");
        auto& message = std::get<MessageEvent>(event);
        CHECK(message.subtype == MessageSubtype::channel_topic);
        CHECK(message.topic == "SEV2 | active | commander: @alice");
    }
    SECTION("a subtype incidentd does not name is kept by name") {
        auto event = decode(R"({"type":"message","subtype":"channel_purpose","channel":"C0INC",
            "user":"U0ALICE","purpose":"INC-7","text":"set the purpose","ts":"1764001100.001200"})");
        auto& message = std::get<MessageEvent>(event);
        CHECK(message.subtype == MessageSubtype::other);
        CHECK(message.subtype_name == "channel_purpose");
    }
}

TEST_CASE("reactions name the emoji and the message reacted to") {
    const std::string reaction = R"("user":"U0BOB","reaction":"pushpin","item_user":"U0ALICE",
        "item":{"type":"message","channel":"C0INC","ts":"1764000000.000100"},
        "event_ts":"1764001200.001300"})";
    SECTION("added") {
        auto event = decode(R"({"type":"reaction_added",)" + reaction);
        auto* added = std::get_if<ReactionEvent>(&event);
        REQUIRE(added);
        CHECK(added->added);
        CHECK(added->user == "U0BOB");
        CHECK(added->reaction == "pushpin");
        CHECK(added->item_user == "U0ALICE");
        CHECK(added->item_type == "message");
        CHECK(added->item_channel == "C0INC");
        CHECK(added->item_ts == "1764000000.000100");
        CHECK(event_type_name(event) == "reaction_added");
    }
    SECTION("removed") {
        auto event = decode(R"({"type":"reaction_removed",)" + reaction);
        CHECK_FALSE(std::get<ReactionEvent>(event).added);
        CHECK(event_type_name(event) == "reaction_removed");
    }
}

TEST_CASE("pins name the pinned message") {
    const std::string pin = R"("user":"U0ALICE","channel_id":"C0INC",
        "item":{"type":"message","channel":"C0INC","created":1764001300,"created_by":"U0ALICE",
                "message":{"type":"message","user":"U0BOB","text":"rolled back at 10:42",
                           "ts":"1764000100.000200"}},
        "event_ts":"1764001300.001400"})";
    SECTION("added") {
        auto event = decode(R"({"type":"pin_added",)" + pin);
        auto* added = std::get_if<PinEvent>(&event);
        REQUIRE(added);
        CHECK(added->added);
        CHECK(added->channel == "C0INC");
        CHECK(added->item_type == "message");
        CHECK(added->created_by == "U0ALICE");
        REQUIRE(added->message);
        CHECK(added->message->ts == "1764000100.000200");
        CHECK(added->message->text == "rolled back at 10:42");
    }
    SECTION("removed") {
        auto event = decode(R"({"type":"pin_removed","has_pins":false,)" + pin);
        CHECK_FALSE(std::get<PinEvent>(event).added);
    }
}

TEST_CASE("members joining and leaving name the user, the channel and the inviter") {
    SECTION("joined") {
        auto event = decode(R"({"type":"member_joined_channel","user":"U0BOB","channel":"C0INC",
            "channel_type":"C","team":"T0001","inviter":"U0ALICE","event_ts":"1764001400.001500"})");
        auto* joined = std::get_if<MemberEvent>(&event);
        REQUIRE(joined);
        CHECK(joined->joined);
        CHECK(joined->user == "U0BOB");
        CHECK(joined->channel == "C0INC");
        CHECK(joined->inviter == "U0ALICE");
    }
    SECTION("left") {
        auto event = decode(R"({"type":"member_left_channel","user":"U0BOB","channel":"C0INC",
            "channel_type":"C","team":"T0001"})");
        CHECK_FALSE(std::get<MemberEvent>(event).joined);
    }
    SECTION("without a user it is an error naming the field") {
        CHECK(decode_error(R"({"type":"member_joined_channel","channel":"C0INC"})") ==
              "event body: event.user is missing or empty");
    }
}

TEST_CASE("archive, unarchive and App Home events decode") {
    SECTION("archive") {
        auto event = decode(R"({"type":"channel_archive","channel":"C0INC","user":"U0ALICE"})");
        auto& archive = std::get<ChannelArchiveEvent>(event);
        CHECK(archive.archived);
        CHECK(archive.channel == "C0INC");
        CHECK(archive.user == "U0ALICE");
    }
    SECTION("unarchive") {
        auto event = decode(R"({"type":"channel_unarchive","channel":"C0INC","user":"U0ALICE"})");
        CHECK_FALSE(std::get<ChannelArchiveEvent>(event).archived);
    }
    SECTION("app_home_opened") {
        auto event = decode(R"({"type":"app_home_opened","user":"U0ALICE","channel":"D0HOME",
            "tab":"home","event_ts":"1764001500.001600"})");
        auto& home = std::get<AppHomeOpenedEvent>(event);
        CHECK(home.user == "U0ALICE");
        CHECK(home.tab == "home");
    }
}

TEST_CASE("an event type incidentd does not act on is kept as unknown, not refused") {
    auto event = decode(R"({"type":"emoji_changed","subtype":"add","name":"incident",
        "value":"https://emoji.slack-edge.com/incident.png","event_ts":"1764001600.001700"})");
    auto* unknown = std::get_if<UnknownEvent>(&event);
    REQUIRE(unknown);
    CHECK(unknown->type == "emoji_changed");
    CHECK(event_type_name(event) == "emoji_changed");
}

TEST_CASE("an event field of the wrong type is an error that names the field") {
    SECTION("a number for a message's ts") {
        CHECK(decode_error(R"({"type":"message","channel":"C0INC","ts":1764000000.0001})") ==
              "event body: event.ts must be a string, not a number");
    }
    SECTION("a string for a reaction's item") {
        CHECK(decode_error(R"({"type":"reaction_added","reaction":"pushpin","item":"C0INC"})") ==
              "event body: event.item must be an object, not a string");
    }
    SECTION("a file without an id") {
        CHECK(decode_error(R"({"type":"message","subtype":"file_share","ts":"1.2",
            "files":[{"id":"F1"},{"name":"x"}]})") ==
              "event body: event.files[1].id is missing or empty");
    }
    SECTION("an edit whose edited field is a list") {
        CHECK(decode_error(R"({"type":"message","subtype":"message_changed",
            "message":{"ts":"1.2","edited":[]}})") ==
              "event body: event.message.edited must be an object, not an array");
    }
    SECTION("an event that is not an object") {
        CHECK(decode_error(R"("message")") == "event body: event must be an object, not a string");
    }
    SECTION("an event without a type") {
        CHECK(decode_error(R"({"channel":"C0INC"})") ==
              "event body: event.type is missing or empty");
    }
}

TEST_CASE("a message's content is what Slack shows: its blocks, else its text, then attachments") {
    auto event = decode(R"({"type":"message","channel":"C0INC","user":"U0ALICE",
        "text":"db is *read-only*","ts":"1764000000.000100",
        "blocks":[{"type":"rich_text","elements":[{"type":"rich_text_section","elements":[
          {"type":"text","text":"db is "},{"type":"text","text":"read-only","style":{"bold":true}}]}]}],
        "attachments":[{"title":"replica lag","text":"42s"}]})");
    const auto& message = std::get<MessageEvent>(event);
    CHECK(message.text == "db is *read-only*");
    CHECK(message.content == "db is *read-only*\n> replica lag\n> 42s");

    SECTION("the versions an edit carries have their content too") {
        auto edit = decode(R"({"type":"message","subtype":"message_changed","channel":"C0INC",
            "ts":"1764000300.000400","message":{"user":"U0ALICE","text":"fallback",
            "ts":"1764000000.000100","edited":{"user":"U0ALICE","ts":"1764000300.000000"},
            "blocks":[{"type":"section","text":{"type":"mrkdwn","text":"new"}}]},
            "previous_message":{"user":"U0ALICE","text":"old","ts":"1764000000.000100"}})");
        const auto& changed = std::get<MessageChangedEvent>(edit);
        CHECK(changed.message.content == "new");
        REQUIRE(changed.previous);
        CHECK(changed.previous->content == "old");
        CHECK(changed.message.edited_ts == "1764000300.000000");
        CHECK(changed.previous->edited_ts.empty());
    }
}

TEST_CASE(
    "a message_changed Slack sends again for an unfurl or a reply of an edited message is "
    "not an edit") {
    const std::string edited = R"({"user":"U0ALICE","text":"see <https://status.example.com>",
        "ts":"1764000000.000100","edited":{"user":"U0ALICE","ts":"1764000300.000000"}})";
    SECTION("an unfurl adds a link preview and keeps the edit") {
        auto event = decode(R"({"type":"message","subtype":"message_changed","channel":"C0INC",
            "ts":"1764000400.000500","message":)" +
                            edited.substr(0, edited.size() - 1) +
                            R"(,"attachments":[{"from_url":"https://status.example.com",
            "title":"Status"}]},"previous_message":)" +
                            edited + "}");
        CHECK_FALSE(std::get<MessageChangedEvent>(event).is_edit());
    }
    SECTION("a reply bumps the reply count and keeps the edit") {
        auto event =
            decode(R"({"type":"message","subtype":"message_changed","channel":"C0INC",
            "ts":"1764000500.000600","message":)" +
                   edited.substr(0, edited.size() - 1) +
                   R"(,"reply_count":1,"thread_ts":"1764000000.000100"},"previous_message":)" +
                   edited + "}");
        CHECK_FALSE(std::get<MessageChangedEvent>(event).is_edit());
    }
    SECTION("a second edit changes edited.ts and the text") {
        auto event = decode(R"({"type":"message","subtype":"message_changed","channel":"C0INC",
            "ts":"1764000600.000700","message":{"user":"U0ALICE","text":"all clear",
            "ts":"1764000000.000100","edited":{"user":"U0ALICE","ts":"1764000600.000000"}},
            "previous_message":)" +
                            edited + "}");
        CHECK(std::get<MessageChangedEvent>(event).is_edit());
    }
}

TEST_CASE("apps' posts carry the name Slack shows for them") {
    SECTION("an app posting with its bot token shows its app's name") {
        auto event = decode(R"({"type":"message","channel":"C0INC","user":"U0GHBOT",
            "bot_id":"B0GITHUB","app_id":"A0GITHUB","text":"PR merged","ts":"1764000600.000700",
            "bot_profile":{"id":"B0GITHUB","app_id":"A0GITHUB","name":"GitHub","deleted":false,
                           "team_id":"T0001","updated":1700000000}})");
        CHECK(std::get<MessageEvent>(event).bot_name == "GitHub");
    }
    SECTION("a person from another organisation carries their profile's name") {
        auto event = decode(R"({"type":"message","channel":"C0INC","user":"U0VENDOR",
            "text":"our side is fine","ts":"1764000600.000800","team":"T0VENDOR",
            "user_team":"T0VENDOR","source_team":"T0VENDOR",
            "user_profile":{"real_name":"Dana Vendor","display_name":"","name":"dana",
                            "team":"T0VENDOR","is_restricted":false}})");
        CHECK(std::get<MessageEvent>(event).user_name == "Dana Vendor");
    }
}

TEST_CASE("private channel notices from before 2021 decode as their channel counterparts") {
    auto topic = decode(R"({"type":"message","subtype":"group_topic","channel":"G0INC",
        "user":"U0ALICE","topic":"SEV1 | db","text":"<@U0ALICE> set the channel topic: SEV1 | db",
        "ts":"1764001000.001100"})");
    CHECK(std::get<MessageEvent>(topic).subtype == MessageSubtype::channel_topic);
    CHECK(std::get<MessageEvent>(topic).subtype_name == "group_topic");
    CHECK(std::get<MessageEvent>(decode(R"({"type":"message","subtype":"group_join",
        "channel":"G0INC","user":"U0BOB","text":"joined","ts":"1764001000.001200"})"))
              .subtype == MessageSubtype::channel_join);
}

TEST_CASE("a file comment names its commenter") {
    auto event = decode(R"({"type":"message","subtype":"file_comment","channel":"C0INC",
        "text":"<@U0BOB> commented on <@U0ALICE>'s file <https://acme.slack.com/files/U0ALICE/F0001/p99.png|p99.png>: spike at 10:02",
        "ts":"1764001100.001200","file":{"id":"F0001","name":"p99.png"},
        "comment":{"id":"Fc0001","created":1764001100,"timestamp":1764001100,"user":"U0BOB",
                   "is_intro":false,"comment":"spike at 10:02"}})");
    const auto& message = std::get<MessageEvent>(event);
    CHECK(message.subtype == MessageSubtype::file_comment);
    CHECK(message.comment_user == "U0BOB");
    CHECK(message.user.empty());
}

TEST_CASE("a ts that came without its dot is read as seconds.microseconds") {
    auto event = decode(R"({"type":"message","channel":"C0INC","user":"U0ALICE","text":"x",
        "ts":"1515449522000016","event_ts":"1515449522000016","thread_ts":"1515449438000011"})");
    const auto& message = std::get<MessageEvent>(event);
    CHECK(message.ts == "1515449522.000016");
    CHECK(message.event_ts == "1515449522.000016");
    CHECK(message.thread_ts == "1515449438.000011");

    auto reaction = decode(R"({"type":"reaction_added","user":"U0BOB","reaction":"eyes",
        "item":{"type":"message","channel":"C0INC","ts":"1515449522000016"},
        "event_ts":"1515449600000100"})");
    CHECK(std::get<ReactionEvent>(reaction).item_ts == "1515449522.000016");
    CHECK(std::get<ReactionEvent>(reaction).event_ts == "1515449600.000100");
}

TEST_CASE("every subtype decoding names decodes to a shape or subtype of its own") {
    for (const std::string_view name : decoded_message_subtypes()) {
        INFO(name);
        const std::string event =
            R"({"type":"message","subtype":")" + std::string(name) +
            R"(","channel":"C0INC","user":"U0ALICE","text":"x","ts":"1764000000.000100",)"
            R"("deleted_ts":"1764000000.000100","message":{"text":"x","ts":"1764000000.000100"}})";
        const SlackEvent decoded = decode(event);
        if (name == "message_changed") {
            CHECK(std::holds_alternative<MessageChangedEvent>(decoded));
        } else if (name == "message_deleted") {
            CHECK(std::holds_alternative<MessageDeletedEvent>(decoded));
        } else {
            REQUIRE(std::holds_alternative<MessageEvent>(decoded));
            CHECK(std::get<MessageEvent>(decoded).subtype != MessageSubtype::other);
            CHECK(std::get<MessageEvent>(decoded).subtype_name == name);
        }
    }
}
