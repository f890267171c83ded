// The declare modal and the reading of its submission.
#include "bot/ui/declare_modal.hpp"

#include <algorithm>
#include <cstddef>

#include "bot/ui/block_ids.hpp"
#include "bot/ui/block_kit.hpp"
#include "bot/ui/modal_state.hpp"
#include "core/text_escape.hpp"
#include "core/utf8.hpp"

namespace incidentd::bot {
namespace {

constexpr std::size_t max_private_metadata = 3000;
constexpr std::size_t max_team_list = 300;  // characters of team names an error message lists
constexpr std::size_t max_echo = 40;        // characters of a wrong input quoted back

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

// A select only when every team fits one: at most 100 options, each value whole. Otherwise the
// team is typed, and the reader checks it against the configuration like the command does.
bool teams_fit_a_select(const std::vector<std::string>& teams) {
    return teams.size() <= max_options && std::ranges::all_of(teams, [](const std::string& t) {
               return core::count_code_points(t) <= max_option_value;
           });
}

const std::string* find_team(const std::vector<std::string>& teams, std::string_view name) {
    const std::string wanted = lower(name);
    auto it = std::ranges::find_if(teams, [&](const std::string& t) { return lower(t) == wanted; });
    return it == teams.end() ? nullptr : &*it;
}

nlohmann::json team_block(const std::vector<std::string>& teams,
                          const std::optional<std::string>& initial) {
    const std::string* preset = initial ? find_team(teams, *initial) : nullptr;
    nlohmann::json element;
    if (teams_fit_a_select(teams)) {
        nlohmann::json options = nlohmann::json::array();
        for (const std::string& team : teams)
            options.push_back(option(team, team));
        element = {{"type", "static_select"},
                   {"action_id", block_ids::team_input},
                   {"placeholder", plain_text("The default team", 150)},
                   {"options", std::move(options)}};
        if (preset) element["initial_option"] = option(*preset, *preset);
    } else {
        std::size_t longest = max_option_value;
        for (const std::string& team : teams)
            longest = std::max(longest, core::count_code_points(team));
        element = {{"type", "plain_text_input"},
                   {"action_id", block_ids::team_input},
                   {"max_length", std::min(longest, core::max_text_code_points)},
                   {"placeholder", plain_text("A team name from the configuration", 150)}};
        if (preset && core::count_code_points(*preset) <= core::max_text_code_points)
            element["initial_value"] = *preset;
    }
    return input_block(block_ids::team_block, "Team", std::move(element), true);
}

std::string team_list(const std::vector<std::string>& teams) {
    std::string out;
    for (const std::string& team : teams) {
        std::string next = (out.empty() ? "" : ", ") + team;
        if (core::count_code_points(out) + core::count_code_points(next) > max_team_list)
            return out + ", …";
        out += next;
    }
    return out;
}

}  // namespace

nlohmann::json declare_modal(const DeclareModalOptions& options) {
    nlohmann::json blocks = nlohmann::json::array();

    nlohmann::json title = {{"type", "plain_text_input"},
                            {"action_id", block_ids::title_input},
                            {"max_length", core::max_title_code_points},
                            {"placeholder", plain_text("What is wrong, in a few words", 150)}};
    if (!options.initial.title.empty())
        title["initial_value"] =
            core::truncate_utf8(options.initial.title, core::max_title_code_points);
    blocks.push_back(input_block(block_ids::title_block, "Title", std::move(title)));

    blocks.push_back(
        input_block(block_ids::severity_block, "Severity",
                    {{"type", "static_select"},
                     {"action_id", block_ids::severity_input},
                     {"options", severity_options()},
                     {"initial_option",
                      severity_option(options.initial.severity.value_or(core::Severity::sev3))}}));

    if (!options.known_teams.empty())
        blocks.push_back(team_block(options.known_teams, options.initial.team));

    blocks.push_back(input_block(
        block_ids::description_block, "Description",
        {{"type", "plain_text_input"},
         {"action_id", block_ids::description_input},
         {"multiline", true},
         {"max_length", core::max_text_code_points},
         {"placeholder", plain_text("What is known so far: impact, symptoms, first steps", 150)}},
        true));

    blocks.push_back(
        input_block(block_ids::responders_block, "Responders",
                    {{"type", "multi_users_select"},
                     {"action_id", block_ids::responders_input},
                     {"placeholder", plain_text("People to invite to the incident channel", 150)}},
                    true));

    return {{"type", "modal"},
            {"callback_id", block_ids::declare_modal},
            {"title", plain_text("Declare an incident", 24)},
            {"submit", plain_text("Declare", 24)},
            {"close", plain_text("Cancel", 24)},
            {"private_metadata", core::truncate_utf8(options.origin_channel, max_private_metadata)},
            {"blocks", std::move(blocks)}};
}

std::variant<DeclareForm, FieldErrors> read_declare_submission(
    const slack::ModalView& view, const std::vector<std::string>& known_teams) {
    const nlohmann::json& state = view.state_values;
    FieldErrors errors;
    DeclareForm form;
    form.origin_channel = view.private_metadata;

    form.declare.title =
        one_line(chosen_value(state, block_ids::title_block, block_ids::title_input));
    if (form.declare.title.empty()) {
        errors[std::string(block_ids::title_block)] = "Give the incident a title.";
    } else if (core::count_code_points(form.declare.title) > core::max_title_code_points) {
        errors[std::string(block_ids::title_block)] =
            "Keep the title within " + std::to_string(core::max_title_code_points) +
            " characters; put the rest in the description.";
    }

    const std::string severity =
        chosen_value(state, block_ids::severity_block, block_ids::severity_input);
    form.declare.severity = core::parse_severity(severity);
    if (!form.declare.severity)
        errors[std::string(block_ids::severity_block)] = "Choose a severity, SEV1 to SEV4.";

    const std::string team =
        one_line(chosen_value(state, block_ids::team_block, block_ids::team_input));
    if (!team.empty()) {
        if (const std::string* known = find_team(known_teams, team)) {
            form.declare.team = lower(*known);
        } else if (known_teams.empty()) {
            errors[std::string(block_ids::team_block)] =
                "No team named \"" + core::truncate_utf8(team, max_echo, "…") +
                "\"; this workspace has no teams configured, so leave it empty.";
        } else {
            errors[std::string(block_ids::team_block)] =
                "No team named \"" + core::truncate_utf8(team, max_echo, "…") +
                "\"; choose one of " + team_list(known_teams) + ".";
        }
    }

    form.declare.description =
        trimmed(chosen_value(state, block_ids::description_block, block_ids::description_input));
    if (core::count_code_points(form.declare.description) > core::max_text_code_points)
        errors[std::string(block_ids::description_block)] =
            "Keep the description within " + std::to_string(core::max_text_code_points) +
            " characters.";
    form.declare.responders =
        chosen_users(state, block_ids::responders_block, block_ids::responders_input);

    if (!errors.empty()) return errors;
    return form;
}

}  // namespace incidentd::bot
