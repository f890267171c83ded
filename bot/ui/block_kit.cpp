// Block Kit objects shared by the summary message, the modals and the App Home.
#include "bot/ui/block_kit.hpp"

#include <array>
#include <chrono>

#include "core/text_escape.hpp"
#include "core/topic.hpp"

namespace incidentd::bot {
namespace {

std::string_view severity_meaning(core::Severity severity) {
    switch (severity) {
        case core::Severity::sev1:
            return "Critical: customers broadly affected, all hands";
        case core::Severity::sev2:
            return "Major: a key feature down or degraded for many";
        case core::Severity::sev3:
            return "Minor: limited impact, or a workaround exists";
        case core::Severity::sev4:
            return "Low: no customer impact yet, worth tracking";
    }
    return "";
}

std::string_view role_duty(core::Role role) {
    switch (role) {
        case core::Role::commander:
            return "Leads the response and makes the calls";
        case core::Role::comms:
            return "Keeps stakeholders and customers informed";
        case core::Role::scribe:
            return "Keeps the record: facts, actions, times";
    }
    return "";
}

constexpr std::array all_severities{core::Severity::sev1, core::Severity::sev2,
                                    core::Severity::sev3, core::Severity::sev4};

}  // namespace

nlohmann::json plain_text(std::string_view text, std::size_t max_code_points) {
    return {{"type", "plain_text"},
            {"text", core::truncate_utf8(text, max_code_points, "…")},
            {"emoji", true}};
}

nlohmann::json mrkdwn(std::string text) {
    return {{"type", "mrkdwn"}, {"text", std::move(text)}};
}

nlohmann::json option(std::string_view text, std::string_view value, std::string_view description) {
    nlohmann::json out = {{"text", plain_text(text, max_option_text)},
                          {"value", core::truncate_utf8(value, max_option_value)}};
    if (!description.empty()) out["description"] = plain_text(description, max_option_text);
    return out;
}

nlohmann::json input_block(std::string_view block_id, std::string_view label,
                           nlohmann::json element, bool optional) {
    return {{"type", "input"},
            {"block_id", block_id},
            {"label", plain_text(label, 2000)},
            {"element", std::move(element)},
            {"optional", optional}};
}

nlohmann::json severity_option(core::Severity severity) {
    std::string value(core::to_string(severity));
    for (char& c : value)
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return option(core::to_string(severity), value, severity_meaning(severity));
}

nlohmann::json severity_options() {
    nlohmann::json out = nlohmann::json::array();
    for (core::Severity severity : all_severities)
        out.push_back(severity_option(severity));
    return out;
}

nlohmann::json role_option(core::Role role) {
    return option(role_label(role), core::to_string(role), role_duty(role));
}

nlohmann::json role_options() {
    nlohmann::json out = nlohmann::json::array();
    for (core::Role role : core::all_roles)
        out.push_back(role_option(role));
    return out;
}

std::string role_label(core::Role role) {
    std::string label(core::to_string(role));
    label.front() = static_cast<char>(label.front() - 'a' + 'A');
    return label;
}

std::string slack_date(core::Time t) {
    const auto unix_seconds = std::chrono::floor<std::chrono::seconds>(t).time_since_epoch();
    return "<!date^" + std::to_string(unix_seconds.count()) + "^{date_short_pretty} {time}|" +
           core::to_iso8601(t) + ">";
}

std::string person(const core::Actor& who) {
    if (!who.id.empty()) return "<@" + core::escape_mrkdwn(who.id) + ">";
    if (!who.name.empty()) return core::escaped_within(who.name, max_name_code_points);
    return "unknown";
}

}  // namespace incidentd::bot
