// Choices that shape a rendered record or postmortem but are not part of the incident itself.
#pragma once

#include <chrono>
#include <string>

namespace incidentd::render {

struct RenderOptions {
    std::string record_url;  // where the incident record lives; "" when it has no URL
    std::chrono::seconds postmortem_due{std::chrono::days{7}};  // due date = close + this
    std::string timezone = "UTC";  // only "UTC" for now: times read "2026-11-24 10:00 UTC"
    std::string key_event_emoji = "pushpin";  // the reaction that marks a key event, no colons
};

// Why `options` cannot be used, as a sentence naming the value and what to do; "" when usable.
std::string render_options_problem(const RenderOptions& options);

}  // namespace incidentd::render
