// What a person sees of a Slack message, as one text: the message's blocks (or its `text` when it
// has none that show anything) followed by its legacy attachments, in the order Slack draws them.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

namespace incidentd::slack {

// The visible content of a message object (an `event` of type message, the `message` of an edit,
// a `previous_message`), written in Slack's own mrkdwn, as Slack writes a message's `text`:
//
// - Blocks, when they show text, replace `text`: Slack draws the blocks and uses `text` only as
//   the notification fallback, so showing both would say the same thing twice. Rich text
//   (sections, lists as "• item" or "1. item", quotes as "> " lines, preformatted as ```…```;
//   text with its *bold* _italic_ ~strike~ `code`, links as <url|label>, mentions as <@U…>,
//   <#C…>, <!subteam^S…>, <!here>, emoji as :name:), section text and fields, headers and context
//   elements each start a line; dividers, images, buttons and inputs show no text.
// - Without such blocks, `text` as Slack sent it.
// - Then each attachment, a blank line between two: its pretext, then its bar drawn as "> "
//   lines: author, title (a link when it has title_link), text, fields as "• title: value", its
//   own blocks, footer; an attachment with none of these shows its fallback. Link previews (unfurls) are left out: the
//   link they preview is the content, and an unfurl arriving later must not read as an edit.
//
// Text Slack sends unescaped (rich text, plain_text objects) is escaped as mrkdwn (&amp; &lt;
// &gt;), so nothing typed can become a mention or a link. Never throws: a block or attachment of
// an unknown or malformed shape shows nothing rather than making the message unreadable.
std::string message_content(const nlohmann::json& message);

}  // namespace incidentd::slack
