// Specification of bot/ui/declare_modal: the declare form and the reading of its submission.
#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

#include "bot/ui/block_ids.hpp"
#include "bot/ui/declare_modal.hpp"

using namespace incidentd;
namespace ids = bot::block_ids;
using nlohmann::json;

namespace {

const std::vector<std::string> teams{"payments", "search"};

// The input block with `block_id`, or null when the modal has none.
json block(const json& view, std::string_view block_id) {
    for (const auto& b : view.at("blocks"))
        if (b.value("block_id", "") == block_id) return b;
    return nullptr;
}

// A submission as Slack sends it: state.values keyed by block_id, then action_id.
struct Submission {
    json values = json::object();
    Submission& text(std::string_view block_id, std::string_view action_id, json value) {
        values[std::string(block_id)][std::string(action_id)] = {{"type", "plain_text_input"},
                                                                 {"value", std::move(value)}};
        return *this;
    }
    Submission& select(std::string_view block_id, std::string_view action_id,
                       std::string_view value) {
        values[std::string(block_id)][std::string(action_id)] = {
            {"type", "static_select"}, {"selected_option", {{"value", value}}}};
        return *this;
    }
    slack::ModalView view() const {
        slack::ModalView v;
        v.callback_id = ids::declare_modal;
        v.private_metadata = "C0GENERAL";
        v.state_values = values;
        return v;
    }
};

Submission valid() {
    Submission s;
    s.text(ids::title_block, ids::title_input, "  Checkout   latency\n spike ");
    s.select(ids::severity_block, ids::severity_input, "sev2");
    s.select(ids::team_block, ids::team_input, "payments");
    s.text(ids::description_block, ids::description_input, "  p99 at 4s\nsince 10:02  ");
    s.values[std::string(ids::responders_block)][std::string(ids::responders_input)] = {
        {"type", "multi_users_select"}, {"selected_users", {"U0BOB", "U0CAROL", "U0BOB"}}};
    return s;
}

bot::FieldErrors errors_of(const std::variant<bot::DeclareForm, bot::FieldErrors>& result) {
    REQUIRE(std::holds_alternative<bot::FieldErrors>(result));
    return std::get<bot::FieldErrors>(result);
}

}  // namespace

TEST_CASE("the declare modal asks for title, severity, team, description and responders") {
    const json view = bot::declare_modal({teams, {}, "C0GENERAL"});
    CHECK(view.at("type") == "modal");
    CHECK(view.at("callback_id") == "incidentd_declare");
    CHECK(view.at("title").at("text") == "Declare an incident");
    CHECK(view.at("submit").at("text") == "Declare");
    CHECK(view.at("private_metadata") == "C0GENERAL");
    std::vector<std::string> block_ids;
    for (const auto& b : view.at("blocks"))
        block_ids.push_back(b.at("block_id"));
    CHECK(block_ids == std::vector<std::string>{
                           std::string(ids::title_block), std::string(ids::severity_block),
                           std::string(ids::team_block), std::string(ids::description_block),
                           std::string(ids::responders_block)});
    CHECK_FALSE(block(view, ids::title_block).at("optional").get<bool>());
    CHECK(block(view, ids::team_block).at("optional").get<bool>());
    CHECK(block(view, ids::description_block).at("optional").get<bool>());
    CHECK(block(view, ids::responders_block).at("element").at("type") == "multi_users_select");
    CHECK(block(view, ids::description_block).at("element").at("max_length") == 3000);
}

TEST_CASE("each severity is offered with what it means, SEV3 chosen unless the command said") {
    const json severity =
        block(bot::declare_modal({teams, {}, ""}), ids::severity_block).at("element");
    REQUIRE(severity.at("options").size() == 4);
    CHECK(severity.at("options").at(0).at("text").at("text") == "SEV1");
    CHECK(severity.at("options").at(0).at("value") == "sev1");
    CHECK(severity.at("options").at(0).at("description").at("text") ==
          "Critical: customers broadly affected, all hands");
    CHECK(severity.at("initial_option").at("value") == "sev3");
    SECTION("`/incident declare sev1 --team search` pre-selects both") {
        core::Declare initial;
        initial.severity = core::Severity::sev1;
        initial.team = "search";
        const json view = bot::declare_modal({teams, initial, ""});
        CHECK(block(view, ids::severity_block).at("element").at("initial_option").at("value") ==
              "sev1");
        CHECK(block(view, ids::team_block).at("element").at("initial_option").at("value") ==
              "search");
    }
}

TEST_CASE("without teams configured there is no team field") {
    CHECK(block(bot::declare_modal({{}, {}, ""}), ids::team_block).is_null());
}

TEST_CASE("more teams than a menu holds are typed instead of picked") {
    std::vector<std::string> many;
    for (int i = 0; i < 101; ++i)
        many.push_back("team-" + std::to_string(i));
    CHECK(block(bot::declare_modal({many, {}, ""}), ids::team_block).at("element").at("type") ==
          "plain_text_input");
    CHECK(block(bot::declare_modal({teams, {}, ""}), ids::team_block).at("element").at("type") ==
          "static_select");
}

TEST_CASE("a valid submission reads into a declare command with its extras") {
    const auto result = bot::read_declare_submission(valid().view(), teams);
    REQUIRE(std::holds_alternative<bot::DeclareForm>(result));
    const bot::DeclareForm& form = std::get<bot::DeclareForm>(result);
    CHECK(form.declare.title == "Checkout latency spike");
    CHECK(form.declare.severity == core::Severity::sev2);
    CHECK(form.declare.team == "payments");
    CHECK(form.declare.description == "p99 at 4s\nsince 10:02");
    CHECK(form.declare.responders == std::vector<std::string>{"U0BOB", "U0CAROL"});
    CHECK(form.origin_channel == "C0GENERAL");
    SECTION("a title's line breaks and runs of spaces become one space") {
        Submission s = valid();
        s.text(ids::title_block, ids::title_input, "\n Checkout\n\n  latency \t");
        CHECK(std::get<bot::DeclareForm>(bot::read_declare_submission(s.view(), teams))
                  .declare.title == "Checkout latency");
    }
    SECTION("a title is kept as typed, markup and all: it is plain text") {
        Submission s = valid();
        s.text(ids::title_block, ids::title_input, "<!channel> & co");
        CHECK(std::get<bot::DeclareForm>(bot::read_declare_submission(s.view(), teams))
                  .declare.title == "<!channel> & co");
    }
}

TEST_CASE("what may be left out reads as nothing") {
    Submission s;
    s.text(ids::title_block, ids::title_input, "Checkout latency");
    s.select(ids::severity_block, ids::severity_input, "sev4");
    s.values[std::string(ids::team_block)][std::string(ids::team_input)] = {
        {"type", "static_select"}, {"selected_option", nullptr}};
    s.text(ids::description_block, ids::description_input, nullptr);
    const auto result = bot::read_declare_submission(s.view(), teams);
    REQUIRE(std::holds_alternative<bot::DeclareForm>(result));
    const core::Declare& declare = std::get<bot::DeclareForm>(result).declare;
    CHECK_FALSE(declare.team.has_value());
    CHECK(declare.description.empty());
    CHECK(declare.responders.empty());
}

TEST_CASE("an empty title is refused under the title field") {
    Submission s = valid();
    s.text(ids::title_block, ids::title_input, GENERATE(as<json>{}, "", "   \n\t ", nullptr));
    CHECK(errors_of(bot::read_declare_submission(s.view(), teams)) ==
          bot::FieldErrors{{std::string(ids::title_block), "Give the incident a title."}});
}

TEST_CASE("a title longer than the grammar allows is refused") {
    Submission s = valid();
    s.text(ids::title_block, ids::title_input, std::string(201, 'x'));
    const auto errors = errors_of(bot::read_declare_submission(s.view(), teams));
    CHECK_THAT(errors.at(std::string(ids::title_block)), Catch::Contains("200 characters"));
    s.text(ids::title_block, ids::title_input, std::string(200, 'x'));
    CHECK(std::holds_alternative<bot::DeclareForm>(bot::read_declare_submission(s.view(), teams)));
}

TEST_CASE("an unknown team is refused, naming the teams there are") {
    Submission s = valid();
    s.text(ids::team_block, ids::team_input, "Billing");
    CHECK(errors_of(bot::read_declare_submission(s.view(), teams)) ==
          bot::FieldErrors{{std::string(ids::team_block),
                            "No team named \"Billing\"; choose one of payments, search."}});
    SECTION("a typed team matches whatever its case") {
        s.text(ids::team_block, ids::team_input, " Search ");
        CHECK(std::get<bot::DeclareForm>(bot::read_declare_submission(s.view(), teams))
                  .declare.team == "search");
    }
    SECTION("the list of teams stays short") {
        std::vector<std::string> many;
        for (int i = 0; i < 100; ++i)
            many.push_back("team-with-a-rather-long-name-" + std::to_string(i));
        const std::string message = errors_of(bot::read_declare_submission(s.view(), many))
                                        .at(std::string(ids::team_block));
        CHECK(message.size() < 500);
        CHECK_THAT(message,
                   Catch::EndsWith(", ….") && Catch::Contains("team-with-a-rather-long-name-0"));
    }
}

TEST_CASE("a description longer than a section holds is refused") {
    Submission s = valid();
    s.text(ids::description_block, ids::description_input, std::string(3001, 'd'));
    CHECK(errors_of(bot::read_declare_submission(s.view(), teams)) ==
          bot::FieldErrors{{std::string(ids::description_block),
                            "Keep the description within 3000 characters."}});
}

TEST_CASE("every problem of a submission is reported at once") {
    Submission s = valid();
    s.text(ids::title_block, ids::title_input, "");
    s.select(ids::severity_block, ids::severity_input, "sev9");
    s.select(ids::team_block, ids::team_input, "nope");
    const auto errors = errors_of(bot::read_declare_submission(s.view(), teams));
    CHECK(errors.size() == 3);
    CHECK(errors.contains(std::string(ids::severity_block)));
}

TEST_CASE("field errors are answered as Slack's response_action errors") {
    const json answer =
        bot::field_errors_response({{std::string(ids::title_block), "Give the incident a title."}});
    CHECK(answer == json{{"response_action", "errors"},
                         {"errors", {{"incidentd_title", "Give the incident a title."}}}});
}
