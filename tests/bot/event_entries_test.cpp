// How each Slack event delivered in an incident channel becomes (or does not become) an entry of
// the incident record, from realistic event_callback bodies.
#include <catch2/catch.hpp>

#include <vector>

#include "bot/handlers/event_entries.hpp"
#include "core/key_events.hpp"

using namespace incidentd;
using bot::entry_for_event;
using bot::EventEntry;
using core::EntryKind;

namespace {

const slack::Workspace ws{"https://emulator.slack.com/", "U0INCIDENTD", "B0INCIDENTD"};
const core::Time now{std::chrono::milliseconds{1764000999123}};

// An event_callback envelope around `event_json`, decoded as the transports decode it.
slack::EventCallback callback(const std::string& event_json, const std::string& event_id = "Ev01") {
    const std::string body =
        R"({"token":"XXYYZZ","team_id":"T0001","api_app_id":"A0001","type":"event_callback",)"
        R"("event_id":")" +
        event_id + R"(","event_time":1764000999,"event":)" + event_json + "}";
    auto decoded = slack::decode_event_body(body);
    if (auto* error = std::get_if<slack::DecodeError>(&decoded)) FAIL(error->what);
    auto* result = std::get_if<slack::EventCallback>(&std::get<slack::Inbound>(decoded));
    REQUIRE(result);
    return *result;
}

std::optional<EventEntry> entry_for(const std::string& event_json,
                                    const slack::Workspace& workspace = ws) {
    return entry_for_event(callback(event_json), workspace, "pushpin", now);
}

}  // namespace

TEST_CASE("a permalink names the workspace, the channel and the ts without its dot") {
    CHECK(slack::permalink(ws, "C0INC", "1764000000.000100") ==
          "https://emulator.slack.com/archives/C0INC/p1764000000000100");

    SECTION("a thread reply's permalink names its parent and channel") {
        CHECK(slack::permalink(ws, "C0INC", "1764000100.000200", "1764000000.000100") ==
              "https://emulator.slack.com/archives/C0INC/p1764000100000200"
              "?thread_ts=1764000000.000100&cid=C0INC");
    }
    SECTION("a thread parent, whose thread_ts is its own ts, gets the plain permalink") {
        CHECK(slack::permalink(ws, "C0INC", "1764000000.000100", "1764000000.000100") ==
              "https://emulator.slack.com/archives/C0INC/p1764000000000100");
    }
    SECTION("a workspace url without its trailing slash still gives one slash") {
        const slack::Workspace no_slash{"https://acme.slack.com", "U0INCIDENTD", "B0INCIDENTD"};
        CHECK(slack::permalink(no_slash, "C0INC", "1764000000.000100") ==
              "https://acme.slack.com/archives/C0INC/p1764000000000100");
    }
    SECTION("without a workspace url, a channel or a ts there is no permalink") {
        CHECK(slack::permalink(slack::Workspace{}, "C0INC", "1764000000.000100").empty());
        CHECK(slack::permalink(ws, "", "1764000000.000100").empty());
        CHECK(slack::permalink(ws, "C0INC", "").empty());
    }
}

TEST_CASE("an event's channel is the channel it happened in") {
    CHECK(bot::event_channel(callback(R"({"type":"message","channel":"C0INC","user":"U0ALICE",
        "text":"hi","ts":"1764000000.000100"})")
                                 .event) == "C0INC");
    CHECK(bot::event_channel(callback(R"({"type":"reaction_added","user":"U0BOB",
        "reaction":"eyes","item":{"type":"message","channel":"C0REACT","ts":"1764000000.000100"},
        "event_ts":"1764000200.000300"})")
                                 .event) == "C0REACT");
    CHECK(bot::event_channel(callback(R"({"type":"pin_added","user":"U0BOB",
        "channel_id":"C0PIN","item":{"type":"message","channel":"C0PIN",
        "message":{"user":"U0ALICE","text":"x","ts":"1764000000.000100"}},
        "event_ts":"1764000200.000300"})")
                                 .event) == "C0PIN");
    CHECK(bot::event_channel(callback(R"({"type":"member_joined_channel","user":"U0BOB",
        "channel":"C0JOIN","channel_type":"C","team":"T0001"})")
                                 .event) == "C0JOIN");
    CHECK(bot::event_channel(callback(R"({"type":"app_home_opened","user":"U0ALICE",
        "channel":"D0HOME","tab":"home","event_ts":"1764000200.000300"})")
                                 .event)
              .empty());
    CHECK(bot::event_channel(callback(R"({"type":"team_join","user":{"id":"U0NEW"}})").event)
              .empty());
}

TEST_CASE("a channel message is recorded with its author, text, ts, permalink and raw payload") {
    const auto delivered = callback(R"({"type":"message","channel":"C0INC",
        "channel_type":"channel","user":"U0ALICE","text":"checkout p99 is 4s",
        "ts":"1764000000.000100","event_ts":"1764000000.000100","team":"T0001",
        "blocks":[{"type":"rich_text"}]})");
    auto result = entry_for_event(delivered, ws, "pushpin", now);
    REQUIRE(result);
    const core::Entry& e = result->entry;
    CHECK(e.kind == EntryKind::message);
    CHECK(e.ts == "1764000000.000100");
    CHECK(e.at == now);
    CHECK(e.actor == core::Actor{"U0ALICE", ""});
    CHECK(e.text == "checkout p99 is 4s");
    CHECK_FALSE(e.thread_ts);
    CHECK_FALSE(e.refers_to);
    CHECK(e.permalink == "https://emulator.slack.com/archives/C0INC/p1764000000000100");
    CHECK_FALSE(e.key_event);
    CHECK(e.payload == delivered.raw);
    CHECK(e.payload.find("\"blocks\"") != std::string::npos);
    CHECK(result->dedupe_ts == "1764000000.000100");
}

TEST_CASE("a thread reply is recorded as a thread_reply under its parent") {
    SECTION("a reply") {
        auto result = entry_for(R"({"type":"message","channel":"C0INC","user":"U0BOB",
            "text":"rolling back","ts":"1764000100.000200","thread_ts":"1764000000.000100",
            "parent_user_id":"U0ALICE"})");
        REQUIRE(result);
        CHECK(result->entry.kind == EntryKind::thread_reply);
        CHECK(result->entry.thread_ts == "1764000000.000100");
        CHECK(result->entry.permalink ==
              "https://emulator.slack.com/archives/C0INC/p1764000100000200"
              "?thread_ts=1764000000.000100&cid=C0INC");
        CHECK(result->dedupe_ts == "1764000100.000200");
    }
    SECTION("a reply also sent to the channel is a message of the channel, still in its thread") {
        auto result = entry_for(R"({"type":"message","subtype":"thread_broadcast",
            "channel":"C0INC","user":"U0BOB","text":"fixed","ts":"1764000200.000300",
            "thread_ts":"1764000000.000100","root":{"type":"message","user":"U0ALICE",
            "text":"checkout is down","ts":"1764000000.000100","thread_ts":"1764000000.000100",
            "reply_count":2}})");
        REQUIRE(result);
        CHECK(result->entry.kind == EntryKind::message);
        CHECK(result->entry.text == "fixed");
        CHECK(result->entry.thread_ts == "1764000000.000100");
        CHECK(result->entry.permalink ==
              "https://emulator.slack.com/archives/C0INC/p1764000200000300");
    }
    SECTION("the parent, whose thread_ts is its own ts, stays a message") {
        auto result = entry_for(R"({"type":"message","channel":"C0INC","user":"U0ALICE",
            "text":"parent","ts":"1764000000.000100","thread_ts":"1764000000.000100"})");
        REQUIRE(result);
        CHECK(result->entry.kind == EntryKind::message);
        CHECK_FALSE(result->entry.thread_ts);
    }
}

TEST_CASE("a file share is recorded with a line naming each file and its permalink") {
    SECTION("with a comment") {
        auto result = entry_for(R"({"type":"message","subtype":"file_share","channel":"C0INC",
            "user":"U0ALICE","text":"the graph","ts":"1764000500.000600",
            "files":[{"id":"F0001","name":"p99.png","title":"p99 latency","mimetype":"image/png",
                      "permalink":"https://emulator.slack.com/files/U0ALICE/F0001/p99.png",
                      "url_private":"https://files.slack.com/files-pri/T0001-F0001/p99.png"},
                     {"id":"F0002","name":"log.txt","title":"log.txt",
                      "permalink":"https://emulator.slack.com/files/U0ALICE/F0002/log.txt"}]})");
        REQUIRE(result);
        CHECK(result->entry.kind == EntryKind::file);
        CHECK(result->entry.actor.id == "U0ALICE");
        CHECK(result->entry.text ==
              "the graph\n"
              "p99 latency (p99.png): https://emulator.slack.com/files/U0ALICE/F0001/p99.png\n"
              "log.txt: https://emulator.slack.com/files/U0ALICE/F0002/log.txt");
        CHECK(result->entry.permalink ==
              "https://emulator.slack.com/archives/C0INC/p1764000500000600");
        CHECK(result->dedupe_ts == "1764000500.000600");
    }
    SECTION("without a comment, in a thread") {
        auto result = entry_for(R"({"type":"message","subtype":"file_share","channel":"C0INC",
            "user":"U0BOB","text":"","ts":"1764000600.000700","thread_ts":"1764000000.000100",
            "files":[{"id":"F0003","name":"heap.txt"}]})");
        REQUIRE(result);
        CHECK(result->entry.kind == EntryKind::file);
        CHECK(result->entry.text == "heap.txt");
        CHECK(result->entry.thread_ts == "1764000000.000100");
    }
}

TEST_CASE("incidentd's own posts are not recorded: it records its actions itself") {
    SECTION("a post carrying its bot id") {
        CHECK_FALSE(entry_for(R"({"type":"message","channel":"C0INC","user":"U0INCIDENTD",
            "bot_id":"B0INCIDENTD","bot_profile":{"id":"B0INCIDENTD"},"text":"Declared INC-7",
            "ts":"1764000600.000700"})"));
    }
    SECTION("a post by its bot user without a bot id") {
        CHECK_FALSE(entry_for(R"({"type":"message","channel":"C0INC","user":"U0INCIDENTD",
            "text":"Status update","ts":"1764000600.000700"})"));
    }
    SECTION("its reply in the incident thread") {
        CHECK_FALSE(entry_for(R"({"type":"message","channel":"C0INC","user":"U0INCIDENTD",
            "bot_id":"B0INCIDENTD","text":"Postmortem draft","ts":"1764000700.000800",
            "thread_ts":"1764000000.000100"})"));
    }
    SECTION("the record export it uploads") {
        CHECK_FALSE(entry_for(R"({"type":"message","subtype":"file_share","channel":"C0INC",
            "user":"U0INCIDENTD","text":"","ts":"1764000700.000800",
            "files":[{"id":"F0009","name":"INC-7.md"}]})"));
    }
    SECTION("a workspace not yet identified hides nobody's posts") {
        auto result = entry_for(R"({"type":"message","subtype":"bot_message","channel":"C0INC",
            "bot_id":"B0HOOK","username":"alertmanager","text":"FIRING","ts":"1764000700.000800"})",
                                slack::Workspace{"https://emulator.slack.com/", "", ""});
        REQUIRE(result);
        CHECK(result->entry.actor.id == "B0HOOK");
    }
}

TEST_CASE("other apps' posts are recorded as messages with the app as actor") {
    SECTION("a legacy webhook post is attributed to the name it posted under, not its bot id") {
        auto result = entry_for(R"({"type":"message","subtype":"bot_message","channel":"C0INC",
            "bot_id":"BB12033","username":"github","text":"FIRING: HighLatency",
            "ts":"1764000700.000800","icons":{"image_48":"https://x/github.png"}})");
        REQUIRE(result);
        CHECK(result->entry.kind == EntryKind::message);
        CHECK(result->entry.actor == core::Actor{"BB12033", "github"});
        CHECK(result->entry.text == "FIRING: HighLatency");
    }
    SECTION("a webhook post without a bot id names its username") {
        auto result = entry_for(R"({"type":"message","subtype":"bot_message","channel":"C0INC",
            "username":"grafana","text":"Alert","ts":"1764000700.000800"})");
        REQUIRE(result);
        CHECK(result->entry.actor == core::Actor{"grafana", "grafana"});
    }
    SECTION("another app posting with its bot token is its bot user, named as its app") {
        auto result = entry_for(R"({"type":"message","channel":"C0INC","user":"U0PAGERBOT",
            "bot_id":"B0PAGER","text":"Paged the on-call","ts":"1764000700.000800",
            "bot_profile":{"id":"B0PAGER","name":"PagerDuty","app_id":"A0PAGER"}})");
        REQUIRE(result);
        CHECK(result->entry.actor == core::Actor{"U0PAGERBOT", "PagerDuty"});
    }
    SECTION("a name the app posted under wins over its app's name, as Slack shows it") {
        auto result = entry_for(R"({"type":"message","channel":"C0INC","bot_id":"B0HOOK",
            "username":"deploy-bot","text":"v2.41 out","ts":"1764000700.000900",
            "bot_profile":{"id":"B0HOOK","name":"Incoming WebHooks"}})");
        REQUIRE(result);
        CHECK(result->entry.actor.name == "deploy-bot");
    }
    SECTION("an app's post without any name is left for the name lookup") {
        auto result = entry_for(R"({"type":"message","channel":"C0INC","user":"U0PAGERBOT",
            "bot_id":"B0PAGER","text":"Paged","ts":"1764000700.001000"})");
        REQUIRE(result);
        CHECK(result->entry.actor == core::Actor{"U0PAGERBOT", ""});
    }
}

TEST_CASE("an edit is a new entry, at the moment of the edit, that points at the original") {
    const std::string edit = R"({"type":"message","subtype":"message_changed","hidden":true,
        "channel":"C0INC","channel_type":"channel","ts":"1764000300.000400",
        "event_ts":"1764000300.000400",
        "message":{"type":"message","user":"U0ALICE","text":"checkout p99 is 5s",
                   "ts":"1764000000.000100","edited":{"user":"U0ALICE","ts":"1764000300.000000"}},
        "previous_message":{"type":"message","user":"U0ALICE","text":"checkout p99 is 4s",
                            "ts":"1764000000.000100"}})";
    auto result = entry_for(edit);
    REQUIRE(result);
    const core::Entry& e = result->entry;
    CHECK(e.kind == EntryKind::edited);
    CHECK(e.ts == "1764000300.000000");
    CHECK(e.refers_to == "1764000000.000100");
    CHECK(e.text == "checkout p99 is 5s");
    CHECK(e.actor.id == "U0ALICE");
    CHECK(e.permalink == "https://emulator.slack.com/archives/C0INC/p1764000000000100");
    CHECK_FALSE(e.thread_ts);
    CHECK(result->dedupe_ts != "1764000000.000100");

    SECTION("an edited thread reply links to the reply inside its thread") {
        auto reply = entry_for(R"({"type":"message","subtype":"message_changed",
            "channel":"C0INC","ts":"1764000400.000500",
            "message":{"user":"U0BOB","text":"rolled back","ts":"1764000100.000200",
                       "thread_ts":"1764000000.000100",
                       "edited":{"user":"U0BOB","ts":"1764000400.000000"}}})");
        REQUIRE(reply);
        CHECK(reply->entry.thread_ts == "1764000000.000100");
        CHECK(reply->entry.permalink ==
              "https://emulator.slack.com/archives/C0INC/p1764000100000200"
              "?thread_ts=1764000000.000100&cid=C0INC");
    }
    SECTION("without an editor named, the author is the actor") {
        auto unnamed = entry_for(R"({"type":"message","subtype":"message_changed",
            "channel":"C0INC","ts":"1764000400.000500",
            "message":{"user":"U0BOB","text":"v2","ts":"1764000100.000200",
                       "edited":{"ts":"1764000400.000000"}}})");
        REQUIRE(unnamed);
        CHECK(unnamed->entry.actor.id == "U0BOB");
    }
}

TEST_CASE("a message change that is not an edit adds nothing") {
    CHECK_FALSE(entry_for(R"({"type":"message","subtype":"message_changed","channel":"C0INC",
        "ts":"1764000300.000400","message":{"user":"U0ALICE","text":"parent",
        "ts":"1764000000.000100","reply_count":3}})"));
}

TEST_CASE("edits and deletions of incidentd's own messages add nothing") {
    CHECK_FALSE(entry_for(R"({"type":"message","subtype":"message_changed","channel":"C0INC",
        "ts":"1764000300.000400","message":{"user":"U0INCIDENTD","bot_id":"B0INCIDENTD",
        "text":"INC-7 | SEV2 | resolved","ts":"1764000000.000100",
        "edited":{"user":"U0INCIDENTD","ts":"1764000300.000000"}}})"));
    CHECK_FALSE(entry_for(R"({"type":"message","subtype":"message_deleted","channel":"C0INC",
        "ts":"1764000400.000500","deleted_ts":"1764000000.000100",
        "previous_message":{"user":"U0INCIDENTD","bot_id":"B0INCIDENTD","text":"Summary",
                            "ts":"1764000000.000100"}})"));
}

TEST_CASE("a deletion is a new entry that keeps the deleted text") {
    SECTION("with the previous message included") {
        auto result = entry_for(R"({"type":"message","subtype":"message_deleted","hidden":true,
            "channel":"C0INC","ts":"1764000400.000500","deleted_ts":"1764000000.000100",
            "event_ts":"1764000400.000500",
            "previous_message":{"type":"message","user":"U0ALICE","text":"checkout p99 is 4s",
                                "ts":"1764000000.000100"}})");
        REQUIRE(result);
        const core::Entry& e = result->entry;
        CHECK(e.kind == EntryKind::deleted);
        CHECK(e.ts == "1764000400.000500");
        CHECK(e.refers_to == "1764000000.000100");
        CHECK(e.text == "checkout p99 is 4s");
        CHECK(e.actor.id == "U0ALICE");
        CHECK(e.permalink == "https://emulator.slack.com/archives/C0INC/p1764000000000100");
        CHECK(result->dedupe_ts == "1764000000.000100");
    }
    SECTION("a deleted thread reply links into its thread") {
        auto result = entry_for(R"({"type":"message","subtype":"message_deleted",
            "channel":"C0INC","ts":"1764000400.000500","deleted_ts":"1764000100.000200",
            "previous_message":{"user":"U0BOB","text":"oops","ts":"1764000100.000200",
                                "thread_ts":"1764000000.000100"}})");
        REQUIRE(result);
        CHECK(result->entry.thread_ts == "1764000000.000100");
        CHECK(result->entry.permalink.ends_with("?thread_ts=1764000000.000100&cid=C0INC"));
    }
    SECTION("without the previous message, text and actor are unknown") {
        auto result = entry_for(R"({"type":"message","subtype":"message_deleted",
            "channel":"C0INC","ts":"1764000400.000500","deleted_ts":"1764000000.000100"})");
        REQUIRE(result);
        CHECK(result->entry.text.empty());
        CHECK(result->entry.actor.id.empty());
        CHECK(result->entry.refers_to == "1764000000.000100");
    }
}

TEST_CASE("join and leave notices add nothing; the member events are recorded instead") {
    CHECK_FALSE(entry_for(R"({"type":"message","subtype":"channel_join","channel":"C0INC",
        "user":"U0BOB","text":"<@U0BOB> has joined the channel","inviter":"U0ALICE",
        "ts":"1764000800.000900"})"));
    CHECK_FALSE(entry_for(R"({"type":"message","subtype":"channel_leave","channel":"C0INC",
        "user":"U0BOB","text":"<@U0BOB> has left the channel","ts":"1764000900.001000"})"));

    SECTION("a member invited by someone") {
        auto result = entry_for(R"({"type":"member_joined_channel","user":"U0BOB",
            "channel":"C0INC","channel_type":"C","team":"T0001","inviter":"U0ALICE",
            "event_ts":"1764000800.000901"})");
        REQUIRE(result);
        CHECK(result->entry.kind == EntryKind::member_joined);
        CHECK(result->entry.actor.id == "U0BOB");
        CHECK(result->entry.text == "U0BOB joined (invited by U0ALICE)");
        CHECK(result->entry.ts == "1764000800.000901");
        CHECK(result->entry.permalink.empty());
    }
    SECTION("a member leaving") {
        auto result = entry_for(R"({"type":"member_left_channel","user":"U0BOB",
            "channel":"C0INC","channel_type":"C","team":"T0001","event_ts":"1764000900.001001"})");
        REQUIRE(result);
        CHECK(result->entry.kind == EntryKind::member_left);
        CHECK(result->entry.text == "U0BOB left");
    }
    SECTION("without an event_ts, the delivery's event_time places it") {
        auto bob = entry_for(R"({"type":"member_joined_channel","user":"U0BOB",
            "channel":"C0INC","channel_type":"C"})");
        auto carol = entry_for(R"({"type":"member_joined_channel","user":"U0CAROL",
            "channel":"C0INC","channel_type":"C"})");
        REQUIRE(bob);
        REQUIRE(carol);
        CHECK(bob->entry.ts == "1764000999.000000");
        CHECK(bob->entry.text == "U0BOB joined");
        CHECK(bob->dedupe_ts != carol->dedupe_ts);
    }
    SECTION("incidentd's own join adds nothing") {
        CHECK_FALSE(entry_for(R"({"type":"member_joined_channel","user":"U0INCIDENTD",
            "channel":"C0INC","channel_type":"C","event_ts":"1764000800.000901"})"));
    }
}

TEST_CASE("a topic change is recorded with the new topic, unless incidentd set it") {
    auto result = entry_for(R"({"type":"message","subtype":"channel_topic","channel":"C0INC",
        "user":"U0ALICE","topic":"SEV2 | investigating DB",
        "text":"<@U0ALICE> set the channel topic: SEV2 | investigating DB",
        "ts":"1764001000.001100"})");
    REQUIRE(result);
    CHECK(result->entry.kind == EntryKind::topic);
    CHECK(result->entry.text == "SEV2 | investigating DB");
    CHECK(result->entry.actor.id == "U0ALICE");
    CHECK(result->entry.ts == "1764001000.001100");
    CHECK(result->entry.permalink == "https://emulator.slack.com/archives/C0INC/p1764001000001100");

    CHECK_FALSE(entry_for(R"({"type":"message","subtype":"channel_topic","channel":"C0INC",
        "user":"U0INCIDENTD","topic":"SEV2 | active | commander: alice",
        "text":"set the channel topic","ts":"1764001000.001100"})"));
}

TEST_CASE("a reaction with the key-event emoji marks the message it is on as a key event") {
    const std::string pushpin = R"({"type":"reaction_added","user":"U0BOB","reaction":"pushpin",
        "item_user":"U0ALICE","item":{"type":"message","channel":"C0INC",
        "ts":"1764000000.000100"},"event_ts":"1764001200.001300"})";
    auto result = entry_for(pushpin);
    REQUIRE(result);
    const core::Entry& e = result->entry;
    CHECK(e.kind == EntryKind::reaction);
    CHECK(e.key_event);
    CHECK(e.refers_to == "1764000000.000100");
    CHECK(e.ts == "1764001200.001300");
    CHECK(e.actor.id == "U0BOB");
    CHECK(e.text == ":pushpin: on 1764000000.000100");
    CHECK(e.permalink == "https://emulator.slack.com/archives/C0INC/p1764000000000100");

    SECTION("the marked message, not the mark, is the key event of the record") {
        auto message = entry_for(R"({"type":"message","channel":"C0INC","user":"U0ALICE",
            "text":"deploy v2.41 went out at 10:02","ts":"1764000000.000100"})");
        REQUIRE(message);
        const std::vector<core::Entry> record{message->entry, e};
        const auto key = core::key_events(record);
        REQUIRE(key.size() == 1);
        CHECK(*key.begin() == &record[0]);
    }
    SECTION("a configured emoji written with colons counts the same") {
        auto with_colons = entry_for_event(callback(pushpin), ws, ":pushpin:", now);
        REQUIRE(with_colons);
        CHECK(with_colons->entry.key_event);
    }
    SECTION("another configured emoji makes the pushpin an ordinary reaction") {
        auto other = entry_for_event(callback(pushpin), ws, "star", now);
        REQUIRE(other);
        CHECK_FALSE(other->entry.key_event);
    }
}

TEST_CASE("other reactions and removed reactions are recorded but are not key events") {
    SECTION("another emoji") {
        auto result = entry_for(R"({"type":"reaction_added","user":"U0CAROL","reaction":"eyes",
            "item_user":"U0ALICE","item":{"type":"message","channel":"C0INC",
            "ts":"1764000000.000100"},"event_ts":"1764001300.001400"})");
        REQUIRE(result);
        CHECK(result->entry.kind == EntryKind::reaction);
        CHECK_FALSE(result->entry.key_event);
        CHECK(result->entry.text == ":eyes: on 1764000000.000100");
        CHECK(result->entry.refers_to == "1764000000.000100");
    }
    SECTION("the key-event emoji taken back") {
        auto result = entry_for(R"({"type":"reaction_removed","user":"U0BOB",
            "reaction":"pushpin","item_user":"U0ALICE","item":{"type":"message",
            "channel":"C0INC","ts":"1764000000.000100"},"event_ts":"1764001400.001500"})");
        REQUIRE(result);
        CHECK(result->entry.kind == EntryKind::reaction);
        CHECK_FALSE(result->entry.key_event);
        CHECK(result->entry.text == "removed :pushpin: from 1764000000.000100");
    }
    SECTION("a reaction on a file has nothing to refer to") {
        auto result = entry_for(R"({"type":"reaction_added","user":"U0BOB","reaction":"eyes",
            "item":{"type":"file","file":"F0001"},"event_ts":"1764001500.001600"})");
        REQUIRE(result);
        CHECK_FALSE(result->entry.refers_to);
        CHECK(result->entry.text == ":eyes: on a file");
        CHECK(result->entry.permalink.empty());
    }
    SECTION("incidentd's own reactions add nothing") {
        CHECK_FALSE(entry_for(R"({"type":"reaction_added","user":"U0INCIDENTD",
            "reaction":"white_check_mark","item":{"type":"message","channel":"C0INC",
            "ts":"1764000000.000100"},"event_ts":"1764001600.001700"})"));
    }
}

TEST_CASE("a pin is a key event referring to the pinned message; an unpin is not") {
    const std::string item = R"("item":{"type":"message","channel":"C0INC",
        "message":{"type":"message","user":"U0ALICE","text":"deploy v2.41 went out",
                   "ts":"1764000000.000100"},"created_by":"U0BOB"},)";
    SECTION("pin_added") {
        auto result = entry_for(R"({"type":"pin_added","user":"U0BOB","channel_id":"C0INC",)" +
                                item + R"("event_ts":"1764001700.001800"})");
        REQUIRE(result);
        const core::Entry& e = result->entry;
        CHECK(e.kind == EntryKind::pinned);
        CHECK(e.key_event);
        CHECK(e.refers_to == "1764000000.000100");
        CHECK(e.ts == "1764001700.001800");
        CHECK(e.actor.id == "U0BOB");
        CHECK(e.text == "pinned 1764000000.000100");
        CHECK(e.permalink == "https://emulator.slack.com/archives/C0INC/p1764000000000100");
    }
    SECTION("pin_removed") {
        auto result = entry_for(R"({"type":"pin_removed","user":"U0BOB","channel_id":"C0INC",)" +
                                item + R"("has_pins":false,"event_ts":"1764001800.001900"})");
        REQUIRE(result);
        CHECK(result->entry.kind == EntryKind::pinned);
        CHECK_FALSE(result->entry.key_event);
        CHECK(result->entry.text == "unpinned 1764000000.000100");
        CHECK(result->entry.refers_to == "1764000000.000100");
    }
    SECTION("incidentd pinning its own summary adds nothing") {
        CHECK_FALSE(entry_for(R"({"type":"pin_added","user":"U0INCIDENTD","channel_id":"C0INC",
            "item":{"type":"message","channel":"C0INC","message":{"user":"U0INCIDENTD",
            "bot_id":"B0INCIDENTD","text":"INC-7","ts":"1764000000.000100"}},
            "event_ts":"1764000001.000100"})"));
    }
}

TEST_CASE("notices that repeat another event add nothing; other message subtypes are kept") {
    CHECK_FALSE(entry_for(R"({"type":"message","subtype":"pinned_item","channel":"C0INC",
        "user":"U0BOB","text":"<@U0BOB> pinned a message to this channel.",
        "ts":"1764001700.001801"})"));
    CHECK_FALSE(entry_for(R"({"type":"message","subtype":"channel_archive","channel":"C0INC",
        "user":"U0ALICE","text":"<@U0ALICE> archived the channel","ts":"1764009000.000100"})"));

    auto purpose = entry_for(R"({"type":"message","subtype":"channel_purpose","channel":"C0INC",
        "user":"U0ALICE","purpose":"INC-7","text":"set the channel purpose: INC-7",
        "ts":"1764001100.001200"})");
    REQUIRE(purpose);
    CHECK(purpose->entry.kind == EntryKind::message);
    CHECK(purpose->entry.text == "set the channel purpose: INC-7");
}

TEST_CASE("archive, app home and unknown events add nothing to the record") {
    CHECK_FALSE(entry_for(R"({"type":"channel_archive","channel":"C0INC","user":"U0ALICE",
        "event_ts":"1764009000.000100"})"));
    CHECK_FALSE(entry_for(R"({"type":"channel_unarchive","channel":"C0INC","user":"U0ALICE",
        "event_ts":"1764009100.000100"})"));
    CHECK_FALSE(entry_for(R"({"type":"app_home_opened","user":"U0ALICE","channel":"D0HOME",
        "tab":"home","event_ts":"1764009200.000100"})"));
    CHECK_FALSE(entry_for(R"({"type":"team_join","user":{"id":"U0NEW"}})"));
}

TEST_CASE("two deliveries of one happening share a dedupe key; distinct happenings do not") {
    const auto dedupe = [](const std::string& event_json, const std::string& event_id) {
        auto result = entry_for_event(callback(event_json, event_id), ws, "pushpin", now);
        REQUIRE(result);
        return result->dedupe_ts;
    };
    const auto reaction = [](const std::string& user, const std::string& emoji, bool added) {
        return std::string(R"({"type":")") + (added ? "reaction_added" : "reaction_removed") +
               R"(","user":")" + user + R"(","reaction":")" + emoji +
               R"(","item":{"type":"message","channel":"C0INC","ts":"1764000000.000100"},)"
               R"("event_ts":"1764000000.000100"})";
    };

    SECTION("a message delivered under two event ids") {
        const std::string message = R"({"type":"message","channel":"C0INC","user":"U0ALICE",
            "text":"hi","ts":"1764000000.000100"})";
        CHECK(dedupe(message, "Ev01") == dedupe(message, "Ev02"));
    }
    SECTION("a reaction delivered twice, and reactions sharing an event_ts") {
        // The emulator gives a reaction the ts of the message it is on.
        CHECK(dedupe(reaction("U0BOB", "pushpin", true), "Ev01") ==
              dedupe(reaction("U0BOB", "pushpin", true), "Ev02"));
        CHECK(dedupe(reaction("U0BOB", "pushpin", true), "Ev01") !=
              dedupe(reaction("U0CAROL", "pushpin", true), "Ev02"));
        CHECK(dedupe(reaction("U0BOB", "pushpin", true), "Ev01") !=
              dedupe(reaction("U0BOB", "eyes", true), "Ev02"));
        CHECK(dedupe(reaction("U0BOB", "pushpin", true), "Ev01") !=
              dedupe(reaction("U0BOB", "pushpin", false), "Ev02"));
    }
    SECTION("edits of two messages in the same second") {
        const auto edit = [](const std::string& ts) {
            return R"({"type":"message","subtype":"message_changed","channel":"C0INC",
                "message":{"user":"U0ALICE","text":"v2","ts":")" +
                   ts + R"(","edited":{"user":"U0ALICE","ts":"1764000300.000000"}}})";
        };
        CHECK(dedupe(edit("1764000000.000100"), "Ev01") ==
              dedupe(edit("1764000000.000100"), "Ev02"));
        CHECK(dedupe(edit("1764000000.000100"), "Ev01") !=
              dedupe(edit("1764000000.000200"), "Ev02"));
    }
}

TEST_CASE("an entry's text is what people saw: blocks over the fallback text, then attachments") {
    SECTION("an alert posted as attachments only") {
        auto result = entry_for(R"({"type":"message","subtype":"bot_message","channel":"C0INC",
            "bot_id":"B0PD","username":"PagerDuty","text":"","ts":"1764000700.000800",
            "attachments":[{"fallback":"Triggered #4711","title":"#4711 checkout p99 above 2s",
              "title_link":"https://acme.pagerduty.com/incidents/4711",
              "text":"Service: checkout-api","fields":[{"title":"Urgency","value":"high"}]}]})");
        REQUIRE(result);
        CHECK(result->entry.text ==
              "> <https://acme.pagerduty.com/incidents/4711|#4711 checkout p99 above 2s>\n"
              "> Service: checkout-api\n"
              "> • Urgency: high");
    }
    SECTION("an alert posted as blocks with a fallback text shows the blocks once") {
        auto result = entry_for(R"({"type":"message","channel":"C0INC","bot_id":"B0DD",
            "text":"Triggered: p99 latency","ts":"1764000700.000900",
            "blocks":[{"type":"header","text":{"type":"plain_text","text":"Triggered: p99 latency"}},
                      {"type":"section","text":{"type":"mrkdwn","text":"checkout-api at *4.2s*"}}]})");
        REQUIRE(result);
        CHECK(result->entry.text == "Triggered: p99 latency\ncheckout-api at *4.2s*");
    }
    SECTION("an edit and a deletion keep the content of their version") {
        auto edit = entry_for(R"({"type":"message","subtype":"message_changed","channel":"C0INC",
            "ts":"1764000800.000100","message":{"user":"U0ALICE","text":"fallback",
            "ts":"1764000000.000100","edited":{"user":"U0ALICE","ts":"1764000800.000000"},
            "blocks":[{"type":"rich_text","elements":[{"type":"rich_text_section",
            "elements":[{"type":"text","text":"p99 back under 1s"}]}]}]}})");
        REQUIRE(edit);
        CHECK(edit->entry.text == "p99 back under 1s");
        auto deletion = entry_for(R"({"type":"message","subtype":"message_deleted",
            "channel":"C0INC","ts":"1764000900.000100","deleted_ts":"1764000000.000100",
            "previous_message":{"user":"U0ALICE","text":"fallback","ts":"1764000000.000100",
            "attachments":[{"title":"graph","text":"p99 4s"}]}})");
        REQUIRE(deletion);
        CHECK(deletion->entry.text == "fallback\n> graph\n> p99 4s");
    }
}

TEST_CASE("an edit is recorded once per change, however often Slack sends it again") {
    // Slack re-sends message_changed, under a new event ts and id, with the same `edited`, when a
    // link in the message unfurls or a reply changes its reply count.
    const auto changed = [](const std::string& event_ts, const std::string& edited_ts,
                            const std::string& text, const std::string& extra,
                            const std::string& previous) {
        return R"({"type":"message","subtype":"message_changed","channel":"C0INC","ts":")" +
               event_ts + R"(","event_ts":")" + event_ts +
               R"(","message":{"user":"U0ALICE","text":")" + text +
               R"(","ts":"1764000000.000100","edited":{"user":"U0ALICE","ts":")" + edited_ts +
               R"("})" + extra + "}" + previous + "}";
    };
    const std::string unfurl = R"(,"attachments":[{"from_url":"https://status.example.com",
        "title":"Status"}])";
    const std::string reply_bump = R"(,"thread_ts":"1764000000.000100","reply_count":2)";
    const auto key = [](const std::string& event_json, const std::string& event_id) {
        auto result = entry_for_event(callback(event_json, event_id), ws, "pushpin", now);
        return result ? result->dedupe_ts : std::string{};
    };
    const std::string text = "see <https://status.example.com>";

    SECTION("without previous_message, the three deliveries name one edit") {
        const std::string first =
            key(changed("1764000301.000001", "1764000300.000000", text, unfurl, ""), "Ev01");
        const std::string second =
            key(changed("1764000302.000002", "1764000300.000000", text, reply_bump, ""), "Ev02");
        const std::string third =
            key(changed("1764000300.000003", "1764000300.000000", text, "", ""), "Ev03");
        REQUIRE_FALSE(first.empty());
        CHECK(first == second);
        CHECK(second == third);
    }
    SECTION("with previous_message, the unfurl and the reply bump are not edits at all") {
        const std::string previous = R"(,"previous_message":{"user":"U0ALICE","text":")" + text +
                                     R"(","ts":"1764000000.000100",)"
                                     R"("edited":{"user":"U0ALICE","ts":"1764000300.000000"}})";
        CHECK(key(changed("1764000301.000001", "1764000300.000000", text, unfurl, previous), "Ev01")
                  .empty());
        CHECK(key(changed("1764000302.000002", "1764000300.000000", text, reply_bump, previous),
                  "Ev02")
                  .empty());
    }
    SECTION("two real edits are two entries") {
        CHECK(key(changed("1764000300.000003", "1764000300.000000", "v2", "", ""), "Ev01") !=
              key(changed("1764000400.000003", "1764000400.000000", "v3", "", ""), "Ev02"));
        // Slack's edited.ts has whole seconds: two edits within one second differ by their text.
        CHECK(key(changed("1764000300.000003", "1764000300.000000", "v2", "", ""), "Ev01") !=
              key(changed("1764000300.000004", "1764000300.000000", "v3", "", ""), "Ev02"));
    }
}

TEST_CASE("an edit whose message lacks its ts refers to the ts of its previous version") {
    auto result = entry_for(R"({"type":"message","subtype":"message_changed","channel":"C0INC",
        "ts":"1764000300.000400","message":{"user":"U0ALICE","text":"v2",
        "edited":{"user":"U0ALICE","ts":"1764000300.000000"}},
        "previous_message":{"user":"U0ALICE","text":"v1","ts":"1764000000.000100"}})");
    REQUIRE(result);
    CHECK(result->entry.refers_to == "1764000000.000100");
    CHECK(result->entry.permalink == "https://emulator.slack.com/archives/C0INC/p1764000000000100");
}

TEST_CASE("a file comment is its commenter's") {
    auto result = entry_for(R"({"type":"message","subtype":"file_comment","channel":"C0INC",
        "text":"<@U0BOB> commented on <@U0ALICE>'s file p99.png: spike at 10:02",
        "ts":"1764001100.001200","file":{"id":"F0001","name":"p99.png","user":"U0ALICE"},
        "comment":{"id":"Fc0001","created":1764001100,"user":"U0BOB","comment":"spike at 10:02"}})");
    REQUIRE(result);
    CHECK(result->entry.kind == EntryKind::message);
    CHECK(result->entry.actor.id == "U0BOB");
}

TEST_CASE("a private channel's topic change is recorded as a topic change") {
    auto result = entry_for(R"({"type":"message","subtype":"group_topic","channel":"G0INC",
        "user":"U0ALICE","topic":"SEV1 | db failover",
        "text":"<@U0ALICE> set the channel topic: SEV1 | db failover","ts":"1764001000.001100"})");
    REQUIRE(result);
    CHECK(result->entry.kind == EntryKind::topic);
    CHECK(result->entry.text == "SEV1 | db failover");
}

TEST_CASE("a person from another organisation is recorded with the name Slack showed") {
    auto result = entry_for(R"({"type":"message","channel":"C0INC","user":"U0VENDOR",
        "text":"our side is fine","ts":"1764000600.000800","team":"T0VENDOR",
        "user_team":"T0VENDOR","source_team":"T0VENDOR",
        "user_profile":{"real_name":"Dana Vendor","display_name":"dana.vendor","name":"dana"}})");
    REQUIRE(result);
    CHECK(result->entry.actor == core::Actor{"U0VENDOR", "dana.vendor"});
}

TEST_CASE("a message whose ts came without its dot is placed and linked by its real ts") {
    auto result = entry_for(R"({"type":"message","channel":"C0INC","user":"U0ALICE",
        "text":"x","ts":"1515449522000016","event_ts":"1515449522000016"})");
    REQUIRE(result);
    CHECK(result->entry.ts == "1515449522.000016");
    CHECK(result->dedupe_ts == "1515449522.000016");
    CHECK(result->entry.permalink == "https://emulator.slack.com/archives/C0INC/p1515449522000016");
}
