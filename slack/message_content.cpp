// A message's visible content from its blocks, text and attachments. Every reader here is lenient:
// Slack adds block and element types over time, and an unknown one must cost its own text only.
#include "slack/message_content.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string_view>

#include "core/text_escape.hpp"

namespace incidentd::slack {
namespace {

using nlohmann::json;

// The member's string value, or "" when it is missing or not a string.
std::string text_of(const json& object, std::string_view key) {
    if (!object.is_object()) return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

bool flag(const json& object, std::string_view key) {
    if (!object.is_object()) return false;
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

// The member when it is an array, else an empty one: elements are walked without further checks.
const json& array_of(const json& object, std::string_view key) {
    static const json none = json::array();
    if (!object.is_object()) return none;
    const auto it = object.find(key);
    return it != object.end() && it->is_array() ? *it : none;
}

std::string trimmed_newlines(std::string text) {
    while (!text.empty() && text.back() == '\n')
        text.pop_back();
    return text;
}

// Appends `part` on a line of its own.
void add_line(std::string& out, std::string part) {
    part = trimmed_newlines(std::move(part));
    if (part.empty()) return;
    if (!out.empty() && out.back() != '\n') out += '\n';
    out += part;
}

// Each line of `text` behind `prefix` ("> " draws an attachment's bar, or a quote).
std::string prefixed_lines(std::string_view text, std::string_view prefix) {
    std::string out;
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t nl = text.find('\n', from);
        const std::string_view line =
            text.substr(from, nl == std::string_view::npos ? std::string_view::npos : nl - from);
        if (!out.empty()) out += '\n';
        out += prefix;
        out += line;
        if (nl == std::string_view::npos) break;
        from = nl + 1;
    }
    return out;
}

// Slack's markers around styled text, with surrounding spaces kept outside them: "*bold* ", as
// Slack writes it, since "*bold *" would not be bold.
std::string styled(const std::string& text, const json& style) {
    if (!style.is_object()) return text;
    const std::size_t first = text.find_first_not_of(" \t\n");
    if (first == std::string::npos) return text;
    const std::size_t last = text.find_last_not_of(" \t\n");
    std::string inner = text.substr(first, last - first + 1);
    if (flag(style, "code")) inner = "`" + inner + "`";
    if (flag(style, "strike")) inner = "~" + inner + "~";
    if (flag(style, "italic")) inner = "_" + inner + "_";
    if (flag(style, "bold")) inner = "*" + inner + "*";
    return text.substr(0, first) + inner + text.substr(last + 1);
}

// One inline element of rich text, in the mrkdwn Slack writes for it in a message's `text`.
std::string rich_inline(const json& element) {
    const std::string type = text_of(element, "type");
    const json& style =
        element.is_object() && element.contains("style") ? element["style"] : json();
    if (type == "text") return styled(core::escape_mrkdwn(text_of(element, "text")), style);
    if (type == "link") {
        const std::string url = core::escape_mrkdwn(text_of(element, "url"));
        const std::string label = core::escape_mrkdwn(text_of(element, "text"));
        if (url.empty()) return styled(label, style);
        return styled(label.empty() ? "<" + url + ">" : "<" + url + "|" + label + ">", style);
    }
    if (type == "user") return "<@" + core::escape_mrkdwn(text_of(element, "user_id")) + ">";
    if (type == "channel") return "<#" + core::escape_mrkdwn(text_of(element, "channel_id")) + ">";
    if (type == "usergroup")
        return "<!subteam^" + core::escape_mrkdwn(text_of(element, "usergroup_id")) + ">";
    if (type == "broadcast") return "<!" + core::escape_mrkdwn(text_of(element, "range")) + ">";
    if (type == "emoji") {
        const std::string name = text_of(element, "name");
        if (name.empty()) return {};
        std::string out = ":" + core::escape_mrkdwn(name) + ":";
        if (element.contains("skin_tone") && element["skin_tone"].is_number_integer())
            out += ":skin-tone-" + std::to_string(element["skin_tone"].get<long long>()) + ":";
        return out;
    }
    // A date shows its fallback where Slack cannot format it; what is shown, then.
    if (type == "date") return core::escape_mrkdwn(text_of(element, "fallback"));
    return core::escape_mrkdwn(text_of(element, "text"));
}

std::string rich_inlines(const json& container) {
    std::string out;
    for (const json& element : array_of(container, "elements"))
        out += rich_inline(element);
    return out;
}

// A rich_text_list: one line per item, indented four spaces per level of nesting.
std::string rich_list(const json& list) {
    const bool ordered = text_of(list, "style") == "ordered";
    long long indent = 0, offset = 0;
    if (list.contains("indent") && list["indent"].is_number_integer())
        indent = std::clamp(list["indent"].get<long long>(), 0LL, 8LL);
    if (list.contains("offset") && list["offset"].is_number_integer())
        offset = std::clamp(list["offset"].get<long long>(), 0LL, 1'000'000LL);
    const std::string margin(static_cast<std::size_t>(indent) * 4, ' ');
    std::string out;
    long long number = offset;
    for (const json& item : array_of(list, "elements")) {
        const std::string marker = ordered ? std::to_string(++number) + ". " : "• ";
        if (!out.empty()) out += '\n';
        out += margin + marker + trimmed_newlines(rich_inlines(item));
    }
    return out;
}

// A rich_text block: its sections run on; lists, quotes and code start lines of their own.
std::string rich_text(const json& block) {
    std::string out;
    bool after_block_part = false;
    for (const json& part : array_of(block, "elements")) {
        const std::string type = text_of(part, "type");
        std::string text;
        bool block_part = true;
        if (type == "rich_text_section") {
            text = rich_inlines(part);
            block_part = false;
        } else if (type == "rich_text_list") {
            text = rich_list(part);
        } else if (type == "rich_text_quote") {
            text = prefixed_lines(trimmed_newlines(rich_inlines(part)), "> ");
        } else if (type == "rich_text_preformatted") {
            text = "```" + trimmed_newlines(rich_inlines(part)) + "```";
        } else {
            continue;
        }
        if ((block_part || after_block_part) && !out.empty() && out.back() != '\n') out += '\n';
        out += text;
        after_block_part = block_part;
    }
    return trimmed_newlines(std::move(out));
}

// A composition text object: mrkdwn as written, plain_text escaped so it shows as typed.
std::string text_object(const json& object) {
    const std::string text = text_of(object, "text");
    return text_of(object, "type") == "plain_text" ? core::escape_mrkdwn(text) : text;
}

std::string blocks_content(const json& blocks) {
    std::string out;
    if (!blocks.is_array()) return out;
    for (const json& block : blocks) {
        const std::string type = text_of(block, "type");
        if (type == "rich_text") {
            add_line(out, rich_text(block));
        } else if (type == "section") {
            if (block.contains("text")) add_line(out, text_object(block["text"]));
            for (const json& field : array_of(block, "fields"))
                add_line(out, text_object(field));
        } else if (type == "header") {
            if (block.contains("text")) add_line(out, text_object(block["text"]));
        } else if (type == "context") {
            std::string line;
            for (const json& element : array_of(block, "elements")) {
                const std::string element_type = text_of(element, "type");
                if (element_type != "mrkdwn" && element_type != "plain_text") continue;
                const std::string text = text_object(element);
                if (text.empty()) continue;
                if (!line.empty()) line += ' ';
                line += text;
            }
            add_line(out, std::move(line));
        }
    }
    return out;
}

// A preview Slack (or an app) attached for a link in the message; a shared message is content.
bool is_link_preview(const json& attachment) {
    if (flag(attachment, "is_share")) return false;
    return !text_of(attachment, "from_url").empty() || flag(attachment, "is_msg_unfurl") ||
           flag(attachment, "is_app_unfurl");
}

std::string attachment_content(const json& attachment) {
    std::string bar;
    add_line(bar, text_of(attachment, "author_name"));
    // Slack sends both escaped (&amp; &lt; &gt;), like a message's text; a '|' in the link would
    // still split <link|label> early.
    const std::string title = text_of(attachment, "title");
    std::string title_link = text_of(attachment, "title_link");
    for (std::size_t bar_at; (bar_at = title_link.find('|')) != std::string::npos;)
        title_link.replace(bar_at, 1, "%7C");
    add_line(bar,
             title.empty() || title_link.empty() ? title : "<" + title_link + "|" + title + ">");
    add_line(bar, text_of(attachment, "text"));
    for (const json& field : array_of(attachment, "fields")) {
        const std::string name = text_of(field, "title");
        const std::string value = text_of(field, "value");
        if (name.empty() && value.empty()) continue;
        add_line(bar, "• " + (name.empty() ? value : value.empty() ? name : name + ": " + value));
    }
    if (attachment.is_object() && attachment.contains("blocks"))
        add_line(bar, blocks_content(attachment["blocks"]));
    add_line(bar, text_of(attachment, "footer"));

    std::string out;
    add_line(out, text_of(attachment, "pretext"));
    if (bar.empty() && out.empty()) bar = trimmed_newlines(text_of(attachment, "fallback"));
    if (!bar.empty()) add_line(out, prefixed_lines(bar, "> "));
    return out;
}

}  // namespace

std::string message_content(const json& message) {
    std::string out = message.is_object() && message.contains("blocks")
                          ? blocks_content(message["blocks"])
                          : std::string{};
    if (out.empty()) out = text_of(message, "text");
    bool after_attachment = false;
    for (const json& attachment : array_of(message, "attachments")) {
        if (!attachment.is_object() || is_link_preview(attachment)) continue;
        const std::string part = attachment_content(attachment);
        if (part.empty()) continue;
        // A blank line between two attachments: each is a bar of its own, not one long quote.
        if (after_attachment) {
            out += "\n\n" + part;
        } else {
            add_line(out, part);
        }
        after_attachment = true;
    }
    return out;
}

}  // namespace incidentd::slack
