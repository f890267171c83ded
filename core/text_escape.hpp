// Making user text safe to place inside Slack mrkdwn or a Markdown document, and shortening
// text without splitting a UTF-8 code point.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace incidentd::core {

// Slack mrkdwn: & -> &amp;, < -> &lt;, > -> &gt; and nothing else (Slack's own rule), so text
// cannot form a mention, a <!channel> broadcast or a link.
std::string escape_mrkdwn(std::string_view text);

// What a line break in the text becomes in Markdown.
enum class Newlines {
    hard_break,  // a CommonMark hard break ("\" + newline); blank lines collapse, so the text
                 // stays one paragraph and a list item it sits in does not end early
    space,       // one space: for one-line places such as a heading or a table cell
};

// Markdown (CommonMark + GFM): backslash-escapes what could start a heading, a list, a quote,
// a fence, a thematic break or setext underline at the start of a line, and anywhere what could
// form emphasis, code, links, images, autolinks, raw HTML, entity references, strikethrough or
// table cells. Leading indentation of each line is dropped (it could open a code block) and
// control characters other than newline become spaces. The result renders as the original text.
std::string escape_markdown(std::string_view text, Newlines newlines = Newlines::hard_break);

// The first `max_code_points` code points of UTF-8 `text`. When text is cut, `marker` (e.g. "…")
// ends the result and counts toward the limit. A byte that is not valid UTF-8 counts as one code
// point, so the function never splits a sequence and never reads past the end.
std::string truncate_utf8(std::string_view text, std::size_t max_code_points,
                          std::string_view marker = "");

}  // namespace incidentd::core
