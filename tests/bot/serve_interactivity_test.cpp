// The interactive surface end to end: the declare shortcut and form, the summary's buttons and
// their forms, the confirmation before close, who may close, and the Home tab — pressed and
// submitted in the emulator as a person would, then checked in the record, the updated summary
// and the views incidentd published.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/incidentd.hpp"

using namespace std::chrono_literals;
using incidentd::test::contains;
using incidentd::test::entries_of_kind;
using incidentd::test::plain_http;
using incidentd::test::ServeStack;
using incidentd::test::StackOptions;
using nlohmann::json;

namespace {

// The newest open modal of `user` with `callback_id` (as the emulator lists views: the view's own
// fields plus its id and user), waiting for it.
json wait_for_view(ServeStack& stack, const std::string& user, const std::string& callback_id,
                   std::chrono::milliseconds timeout = 5s) {
    auto find = [&](const json& answer) {
        json found;
        for (const auto& v : answer["views"])
            if (v.value("user", "") == user && v.value("callback_id", "") == callback_id) found = v;
        return found;
    };
    return find(stack.emulator().poll(
        "views", [&](const json& a) { return !find(a).is_null(); }, timeout));
}

json text_value(const std::string& text) {
    return {{"type", "plain_text_input"}, {"value", text}};
}
json option_value(const std::string& value) {
    return {{"type", "static_select"}, {"selected_option", {{"value", value}}}};
}

json submit(ServeStack& stack, const json& view, const json& values) {
    return stack.emulator().post("views/submit", {{"view_id", view["id"]}, {"values", values}});
}

json press(ServeStack& stack, const std::string& user, const std::string& channel,
           const std::string& message_ts, const std::string& action_id, bool confirmed = false) {
    json body{{"user", user},
              {"channel", channel},
              {"message_ts", message_ts},
              {"action_id", action_id},
              {"value", channel}};
    if (confirmed) body["confirmed"] = true;
    return stack.emulator().post("actions", body);
}

// The pinned summary as it is now, once `predicate` holds for its text and blocks (dumped).
json wait_for_summary(ServeStack& stack, const std::string& channel, const std::string& part,
                      std::chrono::milliseconds timeout = 8s) {
    auto summary = [&](const json& answer) {
        for (const auto& m : answer["messages"])
            if (m.contains("bot_id") && m.value("pinned", false)) return m;
        return json{};
    };
    return summary(stack.emulator().poll(
        "channels/" + channel + "/messages",
        [&](const json& a) {
            const json m = summary(a);
            return !m.is_null() && contains(m.dump(), part);
        },
        timeout));
}

// The ephemeral answers incidentd gave `user` (chat.postEphemeral calls that succeeded).
std::string ephemerals_to(ServeStack& stack, const std::string& user_id) {
    std::string all;
    for (const auto& call : stack.read("calls?method=chat.postEphemeral", "calls"))
        if (call["args"].value("user", "") == user_id) all += call["args"].value("text", "") + "\n";
    return all;
}

}  // namespace

TEST_CASE(
    "the declare shortcut opens the form; an empty title is a field error and a valid form "
    "declares the incident with its description and responders",
    "[serve][interactivity]") {
    ServeStack stack(plain_http());
    auto opened = stack.emulator().post("shortcuts",
                                        {{"user", "alice"}, {"callback_id", "incidentd_declare"}});
    REQUIRE(opened.value("ok", false));
    const json form = wait_for_view(stack, "U0ALICE", "incidentd_declare");
    REQUIRE_FALSE(form.is_null());

    auto refused =
        submit(stack, form,
               {{"incidentd_title", {{"incidentd_title_input", text_value("   ")}}},
                {"incidentd_severity", {{"incidentd_severity_input", option_value("sev2")}}}});
    INFO(refused.dump());
    CHECK(contains(refused.dump(), "incidentd_title"));
    CHECK(contains(refused.dump(), "errors"));
    CHECK_FALSE(stack.wait_for_channel("inc-", 500ms));

    auto accepted =
        submit(stack, form,
               {{"incidentd_title", {{"incidentd_title_input", text_value("Search index stale")}}},
                {"incidentd_severity", {{"incidentd_severity_input", option_value("sev2")}}},
                {"incidentd_description",
                 {{"incidentd_description_input", text_value("Results lag writes by 20 minutes")}}},
                {"incidentd_responders",
                 {{"incidentd_responders_input",
                   {{"type", "multi_users_select"}, {"selected_users", {"U0CAROL"}}}}}}});
    INFO(accepted.dump());
    auto channel = stack.wait_for_channel("inc-");
    REQUIRE(channel);
    const std::string id = (*channel)["id"];
    REQUIRE_FALSE(stack.wait_for_pinned_summary(id).is_null());

    const json record = stack.incidentd().export_json("INC-1");
    CHECK(record["severity"] == "SEV2");
    CHECK(record["title"] == "Search index stale");
    const auto commands = entries_of_kind(record, "command");
    REQUIRE_FALSE(commands.empty());
    CHECK(contains(commands[0]["text"], "/incident declare sev2"));
    CHECK(contains(commands[0]["text"], "declare form"));
    const auto notes = entries_of_kind(record, "note");
    REQUIRE(notes.size() == 1);
    CHECK(notes[0]["text"] == "Results lag writes by 20 minutes");
    bool carol_invited = false;
    for (const auto& call : stack.read("calls?method=conversations.invite", "calls"))
        carol_invited = carol_invited || contains(call["args"].dump(), "U0CAROL");
    CHECK(carol_invited);
}

TEST_CASE("/incident declare without a title opens the form with what was typed",
          "[serve][interactivity]") {
    ServeStack stack(plain_http());
    auto answer = stack.slash("alice", "C0INCIDENTS", "declare sev1");
    REQUIRE(answer.value("ok", false));
    const json form = wait_for_view(stack, "U0ALICE", "incidentd_declare");
    REQUIRE_FALSE(form.is_null());
    CHECK(contains(form.dump(), "\"initial_option\""));
    CHECK(contains(form.dump(), "SEV1"));
    CHECK(form["private_metadata"] == "C0INCIDENTS");
    // Nothing is declared until the form is submitted.
    CHECK(stack.incidentd().run({"list", "--all"}).out.find("INC-1") == std::string::npos);
}

TEST_CASE(
    "the summary's buttons update, change severity, assign a role, resolve and close the "
    "incident, each recorded like its command, and the summary follows",
    "[serve][interactivity]") {
    StackOptions options = plain_http();
    // Long enough to reopen after close: the default 3 s archives the channel first on a busy host.
    options.archive_after = "1h";
    ServeStack stack(options);
    const std::string channel = stack.declare("sev3 Webhooks delayed");
    const std::string summary_ts = stack.wait_for_pinned_summary(channel)["ts"];

    SECTION("update status opens a form; an empty update is a field error") {
        const json pressed = press(stack, "alice", channel, summary_ts, "incidentd_update");
        INFO(pressed.dump());
        REQUIRE(pressed.value("ok", false));
        json form = wait_for_view(stack, "U0ALICE", "incidentd_update");
        REQUIRE_FALSE(form.is_null());
        // Blank, not empty: Slack's client itself refuses an empty required field.
        auto refused = submit(
            stack, form,
            {{"incidentd_update_text", {{"incidentd_update_text_input", text_value("  \n ")}}}});
        CHECK(contains(refused.dump(), "incidentd_update_text"));
        submit(stack, form,
               {{"incidentd_update_text",
                 {{"incidentd_update_text_input", text_value("Queue drained to 40%")}}}});
        const json record = stack.incidentd().export_json("INC-1");
        const auto updates = entries_of_kind(record, "status_update");
        REQUIRE(updates.size() == 1);
        CHECK(contains(updates[0]["text"], "Queue drained to 40%"));
    }

    SECTION("severity, role, resolve and close, with the permission check before close") {
        REQUIRE(
            press(stack, "alice", channel, summary_ts, "incidentd_severity").value("ok", false));
        json sev_form = wait_for_view(stack, "U0ALICE", "incidentd_severity");
        REQUIRE_FALSE(sev_form.is_null());
        submit(stack, sev_form,
               {{"incidentd_severity", {{"incidentd_severity_input", option_value("sev1")}}}});
        CHECK_FALSE(wait_for_summary(stack, channel, "SEV1").is_null());

        REQUIRE(press(stack, "alice", channel, summary_ts, "incidentd_role").value("ok", false));
        json role_form = wait_for_view(stack, "U0ALICE", "incidentd_role");
        REQUIRE_FALSE(role_form.is_null());
        submit(stack, role_form,
               {{"incidentd_role_name", {{"incidentd_role_name_input", option_value("commander")}}},
                {"incidentd_assignee",
                 {{"incidentd_assignee_input",
                   {{"type", "users_select"}, {"selected_user", "U0BOB"}}}}}});
        CHECK_FALSE(wait_for_summary(stack, channel, "U0BOB").is_null());

        press(stack, "bob", channel, summary_ts, "incidentd_resolve");
        CHECK_FALSE(wait_for_summary(stack, channel, "resolved").is_null());

        // Close asks first: the emulator, like Slack's client, presses it only once confirmed.
        auto unconfirmed = press(stack, "carol", channel, summary_ts, "incidentd_close");
        CHECK_FALSE(unconfirmed.value("ok", true));
        // Carol is neither commander nor declarer: she is told whom to ask, nothing changes.
        press(stack, "carol", channel, summary_ts, "incidentd_close", true);
        const auto deadline = std::chrono::steady_clock::now() + 5s;
        while (!contains(ephemerals_to(stack, "U0CAROL"), "Only its commander") &&
               std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(20ms);
        CHECK(contains(ephemerals_to(stack, "U0CAROL"), "Only its commander"));
        CHECK(stack.incidentd().export_json("INC-1")["state"] == "resolved");

        press(stack, "bob", channel, summary_ts, "incidentd_close", true);
        CHECK_FALSE(wait_for_summary(stack, channel, "incidentd_reopen").is_null());

        json record = stack.incidentd().export_json("INC-1");
        CHECK(record["state"] == "closed");
        CHECK(contains(ephemerals_to(stack, "U0BOB"), "is closed"));
        CHECK(entries_of_kind(record, "severity").size() == 1);
        CHECK(entries_of_kind(record, "role").size() == 1);
        CHECK(entries_of_kind(record, "resolved").size() == 1);
        CHECK(entries_of_kind(record, "closed").size() == 1);
        std::string commands;
        for (const auto& e : entries_of_kind(record, "command"))
            commands += e["text"].get<std::string>() + "\n";
        INFO(commands);
        for (const char* text : {"/incident sev 1", "/incident role commander", "/incident resolve",
                                 "/incident close"})
            CHECK(contains(commands, text));

        // Reopen, by the commander, from the closed summary: active again, Resolve is back.
        press(stack, "bob", channel, summary_ts, "incidentd_reopen");
        CHECK_FALSE(wait_for_summary(stack, channel, "incidentd_resolve").is_null());
        record = stack.incidentd().export_json("INC-1");
        CHECK(record["state"] == "active");
        CHECK(entries_of_kind(record, "reopened").size() == 1);
        CHECK(stack.incidentd().run({"verify", "INC-1"}).status == 0);
    }
}

TEST_CASE("the Home tab shows the open incidents and postmortems due to whoever opens it",
          "[serve][interactivity]") {
    ServeStack stack(plain_http());
    const std::string first = stack.declare("sev2 Checkout latency");
    stack.slash("alice", first, "close");
    stack.slash("alice", "C0INCIDENTS", "declare sev1 Payments down");
    REQUIRE(stack.wait_for_channel("inc-", 10s));

    REQUIRE(stack.emulator().post("home", {{"user", "alice"}}).value("ok", false));
    const json home = stack.emulator().poll(
        "home?user=U0ALICE", [](const json& a) { return contains(a.dump(), "Payments down"); }, 8s);
    const std::string view = home.dump();
    INFO(view);
    CHECK(contains(view, "INC-2"));
    CHECK(contains(view, "Payments down"));
    CHECK(contains(view, "INC-1"));  // its postmortem is due
}
