// The pieces template values are made of: user text as one escaped Markdown line, times as the
// documents print them, and URLs that can only become http(s) links.
#pragma once

#include <string>
#include <string_view>

#include "core/time.hpp"

namespace incidentd::render {

// `text` escaped for Markdown, line breaks turned into spaces: every value but ENTRY_TEXT.
std::string markdown_line(std::string_view text);

// "2026-11-24 10:00 UTC", or with seconds ("2026-11-24 10:00:05 UTC") for timeline entries.
std::string human_time(core::Time t, bool seconds = false);

// An http(s) URL made safe as a Markdown link destination; "" for anything else
// (javascript:, data:, relative paths), so a bad URL becomes no link rather than a live one.
std::string link_destination(std::string_view url);

// "[text](destination)"; `text` must already be escaped.
std::string markdown_link(std::string_view text, const std::string& destination);

}  // namespace incidentd::render
