// Specification of bot/ui/summary_message: the pinned Block Kit summary of an incident.
#include <catch2/catch.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "bot/ui/block_ids.hpp"
#include "bot/ui/summary_message.hpp"
#include "core/utf8.hpp"
#include "support/block_kit_limits.hpp"

using namespace incidentd;
using namespace std::chrono_literals;

namespace {

const bot::CloseTerms terms{24h, std::chrono::days{7}};

// 2026-11-24T10:00:00Z, 1795514400 in Unix seconds.
const core::Time declared = std::chrono::sys_days{std::chrono::November / 24 / 2026} + 10h;

core::Incident checkout_latency() {
    core::Incident incident;
    incident.number = 7;
    incident.title = "Checkout latency";
    incident.severity = core::Severity::sev2;
    incident.channel_id = "C0INC7";
    incident.declared_by = core::Actor{"U0ALICE", "alice"};
    incident.declared_at = declared;
    return incident;
}

std::string header_text(const bot::SummaryMessage& message) {
    return message.blocks.at(0).at("text").at("text").get<std::string>();
}

// The mrkdwn texts of every section field, in order.
std::vector<std::string> fields(const bot::SummaryMessage& message) {
    std::vector<std::string> out;
    for (const auto& block : message.blocks)
        if (block.contains("fields"))
            for (const auto& f : block.at("fields"))
                out.push_back(f.at("text").get<std::string>());
    return out;
}

// The field whose bold label is `label`, or "" when the summary has none.
std::string field(const bot::SummaryMessage& message, const std::string& label) {
    for (const std::string& f : fields(message))
        if (f.starts_with("*" + label + "*\n")) return f.substr(label.size() + 3);
    return "";
}

// Every text Slack will show as mrkdwn, with the fallback text.
std::vector<std::string> mrkdwn_texts(const bot::SummaryMessage& message) {
    std::vector<std::string> out = fields(message);
    out.push_back(message.text);
    for (const auto& block : message.blocks) {
        if (block.contains("text") && block.at("text").at("type") == "mrkdwn")
            out.push_back(block.at("text").at("text").get<std::string>());
        if (block.at("type") == "context")
            for (const auto& e : block.at("elements"))
                out.push_back(e.at("text").get<std::string>());
    }
    return out;
}

// Block Kit's limits for a message, and a fallback text short enough to read.
void check_within_block_kit_limits(const bot::SummaryMessage& message) {
    CHECK(core::count_code_points(message.text) < 4000);
    CHECK(core::is_valid_utf8(message.text));
    CHECK(test::block_kit_problems({{"text", message.text}, {"blocks", message.blocks}},
                                   test::Surface::message_blocks) == std::vector<std::string>{});
}

}  // namespace

TEST_CASE("the summary heads with the id, severity and title, then lists the facts") {
    const auto message = bot::summary_message(checkout_latency(), declared + 1h, "", terms);
    CHECK(message.blocks.at(0).at("type") == "header");
    CHECK(header_text(message) == "INC-7 · SEV2 · Checkout latency");
    CHECK(field(message, "Severity") == "SEV2");
    CHECK(field(message, "State") == "active");
    CHECK(field(message, "Commander") == "unassigned");
    CHECK(field(message, "Declared") ==
          "<!date^1795514400^{date_short_pretty} {time}|2026-11-24T10:00:00Z> by <@U0ALICE>");
    SECTION("what has not happened yet is left out") {
        for (const char* label : {"Comms", "Scribe", "Resolved", "Closed", "Team", "Postmortem"})
            CHECK(field(message, label).empty());
    }
    SECTION("the fallback text is the status line") {
        CHECK(message.text == "*INC-7* · SEV2 · active · Commander: unassigned · Checkout latency");
    }
}

TEST_CASE("the summary ends with how to see the record and where to reply") {
    SECTION("with a record hint") {
        const auto message =
            bot::summary_message(checkout_latency(), declared, "`incidentd export INC-7`", terms);
        const auto& context = message.blocks.back();
        CHECK(context.at("type") == "context");
        REQUIRE(context.at("elements").size() == 2);
        CHECK(context.at("elements").at(0).at("text") == "`incidentd export INC-7`");
        CHECK(context.at("elements").at(1).at("text") ==
              "Reply in this thread: it is the incident thread.");
    }
    SECTION("without one") {
        const auto message = bot::summary_message(checkout_latency(), declared, "", terms);
        const auto& context = message.blocks.back();
        REQUIRE(context.at("elements").size() == 1);
        CHECK(context.at("elements").at(0).at("text") ==
              "Reply in this thread: it is the incident thread.");
    }
}

TEST_CASE("roles that are set are shown as mentions") {
    core::Incident incident = checkout_latency();
    incident.roles[core::Role::commander] = core::Actor{"U0BOB", "bob"};
    incident.roles[core::Role::scribe] = core::Actor{"U0CAROL", "carol"};
    const auto message = bot::summary_message(incident, declared, "", terms);
    CHECK(field(message, "Commander") == "<@U0BOB>");
    CHECK(field(message, "Scribe") == "<@U0CAROL>");
    CHECK(field(message, "Comms").empty());
    SECTION("a holder known only by name is shown by the name, escaped") {
        incident.roles[core::Role::comms] = core::Actor{"", "<!here> dave"};
        CHECK(field(bot::summary_message(incident, declared, "", terms), "Comms") ==
              "&lt;!here&gt; dave");
    }
}

TEST_CASE("the summary follows the incident through resolve and close") {
    core::Incident incident = checkout_latency();
    incident.state = core::State::resolved;
    incident.resolved_at = declared + 2h;
    auto message = bot::summary_message(incident, declared + 3h, "", terms);
    CHECK(field(message, "State") == "resolved");
    CHECK(field(message, "Resolved") ==
          "<!date^1795521600^{date_short_pretty} {time}|2026-11-24T12:00:00Z>");
    CHECK(field(message, "Closed").empty());

    incident.state = core::State::closed;
    incident.closed_at = declared + 4h;
    incident.team = "payments";
    message = bot::summary_message(incident, declared + 5h, "", terms);
    CHECK(field(message, "State") == "closed");
    CHECK(field(message, "Closed") ==
          "<!date^1795528800^{date_short_pretty} {time}|2026-11-24T14:00:00Z>");
    CHECK(field(message, "Team") == "payments");
}

TEST_CASE("the postmortem shows its due date, its link and whether it is done") {
    core::Incident incident = checkout_latency();
    incident.state = core::State::closed;
    incident.closed_at = declared + 4h;
    incident.postmortem.due_at = declared + std::chrono::days{7};
    const std::string due = "<!date^1796119200^{date_short_pretty} {time}|2026-12-01T10:00:00Z>";
    SECTION("due") {
        CHECK(field(bot::summary_message(incident, declared + 5h, "", terms), "Postmortem") ==
              "due " + due);
    }
    SECTION("overdue") {
        CHECK(field(bot::summary_message(incident, declared + std::chrono::days{8}, "", terms),
                    "Postmortem") == "overdue since " + due);
    }
    SECTION("linked") {
        incident.postmortem.url = "https://docs.example.com/pm?id=7&v=2";
        CHECK(field(bot::summary_message(incident, declared + 5h, "", terms), "Postmortem") ==
              "due " + due + " · <https://docs.example.com/pm?id=7&amp;v=2|Postmortem>");
    }
    SECTION("done") {
        incident.postmortem.url = "https://docs.example.com/pm7";
        incident.postmortem.done = true;
        CHECK(field(bot::summary_message(incident, declared + 5h, "", terms), "Postmortem") ==
              "done · <https://docs.example.com/pm7|Postmortem>");
    }
}

TEST_CASE("a postmortem link cannot carry its own label or leave the link") {
    core::Incident incident = checkout_latency();
    incident.postmortem.url = "https://evil.example/x|Click<here>";
    CHECK(field(bot::summary_message(incident, declared, "", terms), "Postmortem") ==
          "<https://evil.example/x%7CClick&lt;here&gt;|Postmortem>");
    SECTION("what is not a web link is not linked") {
        incident.postmortem.url =
            GENERATE(as<std::string>{}, "javascript:alert(1)", "https://example.com/a b");
        CHECK(field(bot::summary_message(incident, declared, "", terms), "Postmortem").empty());
    }
}

TEST_CASE("a hostile title is escaped in every mrkdwn text and shown as typed in the header") {
    core::Incident incident = checkout_latency();
    incident.title = "<!channel> & *x*";
    incident.declared_by = core::Actor{"", "<@U0ALL>"};
    const auto message = bot::summary_message(incident, declared, "", terms);
    CHECK(header_text(message) == "INC-7 · SEV2 · <!channel> & *x*");
    CHECK_THAT(message.text, Catch::Contains("&lt;!channel&gt; &amp; *x*"));
    for (const std::string& text : mrkdwn_texts(message)) {
        INFO(text);
        CHECK_THAT(text, !Catch::Contains("<!channel>") && !Catch::Contains("<@U0ALL>"));
    }
    CHECK_THAT(field(message, "Declared"), Catch::EndsWith(" by &lt;@U0ALL&gt;"));
}

TEST_CASE("a 5,000-character title keeps the summary within Block Kit's limits") {
    auto piece = GENERATE(as<std::string>{}, "a", "é", "&", "<", "日");
    INFO(piece);
    core::Incident incident = checkout_latency();
    incident.title.clear();
    for (int i = 0; i < 5000; ++i)
        incident.title += piece;
    const auto message = bot::summary_message(incident, declared, "", terms);
    check_within_block_kit_limits(message);
    CHECK(core::count_code_points(header_text(message)) == 150);
    CHECK_THAT(header_text(message), Catch::EndsWith(piece + "…"));
    CHECK_THAT(message.text, Catch::EndsWith("…"));
    SECTION("the longer title follows the header, escaped and shortened") {
        const auto& title = message.blocks.at(1);
        CHECK(title.at("type") == "section");
        const std::string text = title.at("text").at("text");
        CHECK_THAT(text, Catch::StartsWith("*Title:* ") && Catch::EndsWith("…"));
        CHECK(core::count_code_points(text) > 150);
    }
}

TEST_CASE("a title that fits the header is not repeated") {
    const auto message = bot::summary_message(checkout_latency(), declared, "", terms);
    CHECK(message.blocks.at(1).contains("fields"));
}

TEST_CASE("an incident with every fact at its longest stays within Block Kit's limits") {
    core::Incident incident = checkout_latency();
    incident.title = std::string(5000, '&');
    incident.team = std::string(300, '<');
    incident.declared_by = core::Actor{"", std::string(500, '>')};
    for (core::Role role : core::all_roles)
        incident.roles[role] = core::Actor{"", std::string(500, '&')};
    incident.state = core::State::closed;
    incident.resolved_at = declared + 1h;
    incident.closed_at = declared + 2h;
    incident.postmortem.due_at = declared + std::chrono::days{7};
    incident.postmortem.url = "https://example.com/?" + std::string(1980, '&');
    const auto message = bot::summary_message(incident, declared, std::string(4000, 'h'), terms);
    check_within_block_kit_limits(message);
    CHECK(fields(message).size() == 10);
    CHECK_THAT(field(message, "Postmortem"), Catch::StartsWith("due <!date^"));
}

namespace {

// The action_ids of the summary's buttons, in order; none when it has no actions block.
std::vector<std::string> buttons(const bot::SummaryMessage& message) {
    std::vector<std::string> out;
    for (const auto& block : message.blocks)
        if (block.at("type") == "actions") {
            CHECK(block.at("block_id") == bot::block_ids::actions_block);
            for (const auto& e : block.at("elements"))
                out.push_back(e.at("action_id").get<std::string>());
        }
    return out;
}

const nlohmann::json& button(const bot::SummaryMessage& message, std::string_view action_id) {
    for (const auto& block : message.blocks)
        if (block.at("type") == "actions")
            for (const auto& e : block.at("elements"))
                if (e.at("action_id") == action_id) return e;
    throw std::runtime_error("no button " + std::string(action_id));
}

}  // namespace

TEST_CASE("the summary offers the buttons that fit the incident's state") {
    using namespace bot::block_ids;
    core::Incident incident = checkout_latency();
    SECTION("active: update, severity, role, resolve and close") {
        CHECK(buttons(bot::summary_message(incident, declared, "", terms)) ==
              std::vector<std::string>{std::string(update_button), std::string(severity_button),
                                       std::string(role_button), std::string(resolve_button),
                                       std::string(close_button)});
    }
    SECTION("resolved: the same without resolve") {
        incident.state = core::State::resolved;
        CHECK(buttons(bot::summary_message(incident, declared, "", terms)) ==
              std::vector<std::string>{std::string(update_button), std::string(severity_button),
                                       std::string(role_button), std::string(close_button)});
    }
    SECTION("closed: only reopen") {
        incident.state = core::State::closed;
        CHECK(buttons(bot::summary_message(incident, declared, "", terms)) ==
              std::vector<std::string>{std::string(reopen_button)});
    }
    SECTION("archived: none, and no empty actions block") {
        incident.state = core::State::archived;
        const auto message = bot::summary_message(incident, declared, "", terms);
        CHECK(buttons(message).empty());
        for (const auto& block : message.blocks)
            CHECK(block.at("type") != "actions");
    }
}

TEST_CASE("each button carries the incident channel and a label") {
    const auto message = bot::summary_message(checkout_latency(), declared, "", terms);
    const auto& update = button(message, bot::block_ids::update_button);
    CHECK(update.at("value") == "C0INC7");
    CHECK(update.at("text").at("text") == "Update status");
    CHECK(button(message, bot::block_ids::close_button).at("style") == "danger");
}

// The text of the Close button's confirmation under `close` terms.
std::string confirm_text(const bot::CloseTerms& close) {
    const auto message = bot::summary_message(checkout_latency(), declared, "", close);
    return button(message, bot::block_ids::close_button).at("confirm").at("text").at("text");
}

TEST_CASE("close asks for confirmation and says what closing will do") {
    const auto message = bot::summary_message(checkout_latency(), declared, "", terms);
    const auto& confirm = button(message, bot::block_ids::close_button).at("confirm");
    CHECK(confirm.at("title").at("text") == "Close INC-7?");
    CHECK(confirm.at("text").at("text") ==
          "The postmortem draft is posted in the incident thread, the channel is archived in 24 "
          "hours and the postmortem is due in 7 days.");
    CHECK(confirm.at("confirm").at("text") == "Close");
    CHECK(confirm.at("deny").at("text") == "Cancel");
    CHECK(confirm.at("style") == "danger");
    SECTION("a team that archives on close is told it happens right away") {
        CHECK(confirm_text({std::chrono::seconds{0}, std::chrono::days{3}}) ==
              "The postmortem draft is posted in the incident thread, the channel is archived "
              "right away and the postmortem is due in 3 days.");
    }
    SECTION("one hour and a day and a half are said as such") {
        CHECK_THAT(confirm_text({std::chrono::hours{1}, std::chrono::hours{36}}),
                   Catch::Contains("archived in 1 hour and") && Catch::Contains("due in 1d 12h."));
    }
    SECTION("hours are said as hours") {
        CHECK_THAT(confirm_text({std::chrono::hours{6}, std::chrono::days{7}}),
                   Catch::Contains("archived in 6 hours "));
    }
}
