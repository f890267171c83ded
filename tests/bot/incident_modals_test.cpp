// Specification of bot/ui/incident_modals (the modals the summary's buttons open) and of
// bot/handlers/command_text (how what they submit is recorded).
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "bot/handlers/command_text.hpp"
#include "bot/ui/block_ids.hpp"
#include "bot/ui/incident_modals.hpp"

using namespace incidentd;
namespace ids = bot::block_ids;
using nlohmann::json;

namespace {

core::Incident checkout_latency() {
    core::Incident incident;
    incident.number = 7;
    incident.title = "Checkout <!here> & latency";
    incident.severity = core::Severity::sev2;
    incident.channel_id = "C0INC7";
    return incident;
}

slack::ModalView submitted(std::string_view callback_id, json values) {
    slack::ModalView view;
    view.callback_id = callback_id;
    view.private_metadata = "C0INC7";
    view.state_values = std::move(values);
    return view;
}

json text_value(std::string_view block_id, std::string_view action_id, json value) {
    return {{std::string(block_id),
             {{std::string(action_id), {{"type", "plain_text_input"}, {"value", value}}}}}};
}

json selected(std::string_view block_id, std::string_view action_id, std::string_view value) {
    return {{std::string(block_id),
             {{std::string(action_id),
               {{"type", "static_select"}, {"selected_option", {{"value", value}}}}}}}};
}

bot::ModalCommand command_of(const std::variant<bot::ModalCommand, bot::FieldErrors>& result) {
    REQUIRE(std::holds_alternative<bot::ModalCommand>(result));
    return std::get<bot::ModalCommand>(result);
}

bot::FieldErrors errors_of(const std::variant<bot::ModalCommand, bot::FieldErrors>& result) {
    REQUIRE(std::holds_alternative<bot::FieldErrors>(result));
    return std::get<bot::FieldErrors>(result);
}

}  // namespace

TEST_CASE("every incident modal names the incident and carries its channel") {
    const core::Incident incident = checkout_latency();
    for (const json& view :
         {bot::update_status_modal(incident), bot::change_severity_modal(incident),
          bot::assign_role_modal(incident)}) {
        INFO(view.dump());
        CHECK(view.at("type") == "modal");
        CHECK(view.at("private_metadata") == "C0INC7");
        const json& context = view.at("blocks").at(0);
        CHECK(context.at("type") == "context");
        CHECK(context.at("elements").at(0).at("text") ==
              "*INC-7* · SEV2 · Checkout &lt;!here&gt; &amp; latency");
    }
    CHECK(bot::update_status_modal(incident).at("callback_id") == ids::update_modal);
    CHECK(bot::change_severity_modal(incident).at("callback_id") == ids::severity_modal);
    CHECK(bot::assign_role_modal(incident).at("callback_id") == ids::role_modal);
}

TEST_CASE("the update modal asks for one required multi-line text") {
    const json input = bot::update_status_modal(checkout_latency()).at("blocks").at(1);
    CHECK(input.at("block_id") == ids::update_block);
    CHECK_FALSE(input.at("optional").get<bool>());
    CHECK(input.at("element").at("multiline") == true);
    CHECK(input.at("element").at("action_id") == ids::update_input);
}

TEST_CASE("an update submission reads as `/incident update`, escaped as Slack escapes commands") {
    const auto result = bot::read_update_submission(submitted(
        ids::update_modal,
        text_value(ids::update_block, ids::update_input, "  Failover <done> & verified\n ")));
    const bot::ModalCommand read = command_of(result);
    CHECK(read.channel_id == "C0INC7");
    CHECK(read.command == core::Command{core::PostUpdate{"Failover &lt;done&gt; &amp; verified"}});
    CHECK(bot::command_text(read.command) == "update Failover &lt;done&gt; &amp; verified");
    SECTION("an empty update is refused under its field") {
        const auto empty = bot::read_update_submission(
            submitted(ids::update_modal, text_value(ids::update_block, ids::update_input,
                                                    GENERATE(as<json>{}, " \n ", nullptr))));
        CHECK(errors_of(empty) ==
              bot::FieldErrors{{std::string(ids::update_block), "Write the update."}});
    }
    SECTION("an update longer than a section holds is refused") {
        const auto long_one = bot::read_update_submission(
            submitted(ids::update_modal,
                      text_value(ids::update_block, ids::update_input, std::string(3001, 'x'))));
        CHECK_THAT(errors_of(long_one).at(std::string(ids::update_block)),
                   Catch::Contains("3000 characters"));
    }
}

TEST_CASE("the severity modal starts at the current severity") {
    core::Incident incident = checkout_latency();
    incident.severity = core::Severity::sev4;
    const json element = bot::change_severity_modal(incident).at("blocks").at(1).at("element");
    CHECK(element.at("initial_option").at("value") == "sev4");
    CHECK(element.at("options").size() == 4);
}

TEST_CASE("a severity submission reads as `/incident sev`") {
    const auto read = command_of(bot::read_severity_submission(submitted(
        ids::severity_modal, selected(ids::severity_block, ids::severity_input, "sev1"))));
    CHECK(read.command == core::Command{core::SetSeverity{core::Severity::sev1}});
    CHECK(bot::command_text(read.command) == "sev 1");
    SECTION("no severity is refused") {
        CHECK(
            errors_of(bot::read_severity_submission(submitted(ids::severity_modal, json::object())))
                .contains(std::string(ids::severity_block)));
    }
}

TEST_CASE("the role modal offers the three roles and a person") {
    const json view = bot::assign_role_modal(checkout_latency());
    const json& role = view.at("blocks").at(1);
    CHECK(role.at("block_id") == ids::role_block);
    REQUIRE(role.at("element").at("options").size() == 3);
    CHECK(role.at("element").at("options").at(1).at("value") == "comms");
    const json& person = view.at("blocks").at(2);
    CHECK(person.at("block_id") == ids::assignee_block);
    CHECK(person.at("element").at("type") == "users_select");
}

TEST_CASE("a role submission reads as `/incident role`") {
    json values = selected(ids::role_block, ids::role_input, "scribe");
    values[std::string(ids::assignee_block)][std::string(ids::assignee_input)] = {
        {"type", "users_select"}, {"selected_user", "U0BOB"}};
    const auto read = command_of(bot::read_role_submission(submitted(ids::role_modal, values)));
    CHECK(read.command ==
          core::Command{core::AssignRole{core::Role::scribe, core::UserMention{"U0BOB", ""}}});
    CHECK(bot::command_text(read.command) == "role scribe <@U0BOB>");
    SECTION("without a person or a role, both are asked for") {
        const auto errors = errors_of(bot::read_role_submission(
            submitted(ids::role_modal, selected(ids::role_block, ids::role_input, "chef"))));
        CHECK(errors.size() == 2);
        CHECK(errors.at(std::string(ids::assignee_block)) == "Choose who takes the role.");
    }
}

TEST_CASE("a submission is read by the modal its callback_id names") {
    const auto read = bot::read_incident_modal_submission(
        submitted(ids::severity_modal, selected(ids::severity_block, ids::severity_input, "sev2")));
    REQUIRE(read.has_value());
    CHECK(command_of(*read).command == core::Command{core::SetSeverity{core::Severity::sev2}});
    CHECK_FALSE(bot::read_incident_modal_submission(submitted(ids::declare_modal, json::object()))
                    .has_value());
}

TEST_CASE("a command's text parses back into the same command") {
    const std::string text = GENERATE(
        as<std::string>{}, "status", "update Database failover complete", "sev 1",
        "role commander <@U0BOB>", "role comms <@U0BOB|bob>", "impact checkout down for 5%",
        "system payments-db", "action restarted &lt;primary&gt;", "note see &amp; read", "resolve",
        "resolve failed over to the replica", "close", "reopen", "postmortem",
        "postmortem link https://docs.example.com/pm?id=7&amp;v=2", "postmortem done", "timeline",
        "list", "help", "help sev", "declare", "declare sev2 --team payments",
        "declare sev1 Checkout &lt;latency&gt; &amp; errors");
    const core::ParseResult parsed = core::parse_command(text);
    REQUIRE(std::holds_alternative<core::Command>(parsed));
    const core::Command& command = std::get<core::Command>(parsed);
    INFO(text);
    CHECK(bot::command_text(command) == text);
    CHECK(core::parse_command(bot::command_text(command)) == parsed);
}
