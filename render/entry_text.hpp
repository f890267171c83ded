// An entry's text as Markdown for the documents: quoted lines (how the record holds a message's
// attachments and quotes, slack/message_content.hpp) become Markdown block quotes.
#pragma once

#include <string>
#include <string_view>

namespace incidentd::render {

// The text escaped as core::escape_markdown escapes it (line breaks as hard breaks). Lines that
// Slack draws with a bar — "> …", or "&gt; …" as a typed quote arrives in `text` — become a block
// quote below, indented two spaces so it stays inside the "- " list item a template puts the text
// in; "• " lines inside it (an attachment's fields) become a list, and lines apart from each other
// (two attachments) become quotes of their own. Text with no such line is exactly
// core::escape_markdown(text).
std::string entry_text_markdown(std::string_view text);

}  // namespace incidentd::render
