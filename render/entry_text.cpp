// Entry text with Slack's quoted lines drawn as Markdown block quotes inside a list item.
#include "render/entry_text.hpp"

#include <optional>
#include <vector>

#include "core/text_escape.hpp"

namespace incidentd::render {
namespace {

using core::Newlines;

// A quote continues the "- " list item the template writes the entry in.
constexpr std::string_view item_indent = "  ";
constexpr std::string_view bullet = "• ";

// What follows the quote marker of a quoted line; nothing for a line that is not quoted.
std::optional<std::string_view> quoted(std::string_view line) {
    for (std::string_view marker : {std::string_view("> "), std::string_view("&gt; ")})
        if (line.starts_with(marker)) return line.substr(marker.size());
    if (line == ">" || line == "&gt;") return std::string_view{};
    return std::nullopt;
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    while (true) {
        const std::size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        if (line.ends_with('\r')) line.remove_suffix(1);
        lines.push_back(line);
        if (end == std::string_view::npos) return lines;
        text.remove_prefix(end + 1);
    }
}

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// One run of quoted lines as Markdown quote lines, each starting on a new line. Consecutive
// lines keep their breaks; a list ends with an empty quote line before text follows it, or the
// text would continue the last item.
std::string quote_block(const std::vector<std::string_view>& run) {
    struct Line {
        std::string markdown;
        bool item = false;
    };
    std::vector<Line> lines;
    for (std::string_view content : run) {
        Line line;
        line.item = content.starts_with(bullet);
        line.markdown =
            line.item ? "- " + core::escape_markdown(content.substr(bullet.size()), Newlines::space)
                      : core::escape_markdown(content, Newlines::space);
        if (!line.markdown.empty()) lines.push_back(std::move(line));
    }
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const bool next_is_text = i + 1 < lines.size() && !lines[i + 1].item;
        out += '\n';
        out += item_indent;
        out += "> ";
        out += lines[i].markdown;
        if (next_is_text && !lines[i].item) out += '\\';  // a hard break, as in plain text
        if (next_is_text && lines[i].item) {
            out += '\n';
            out += item_indent;
            out += '>';
        }
    }
    return out;
}

}  // namespace

std::string entry_text_markdown(std::string_view text) {
    const std::vector<std::string_view> lines = lines_of(text);
    bool any_quoted = false;
    for (std::string_view line : lines)
        any_quoted = any_quoted || quoted(line).has_value();
    if (!any_quoted) return core::escape_markdown(text);

    std::string out;
    std::string plain;  // unquoted lines not yet written
    std::vector<std::string_view> run;
    bool after_quote = false;
    const auto write_plain = [&] {
        const std::string markdown = core::escape_markdown(plain);
        plain.clear();
        if (markdown.empty()) return;
        // A paragraph after a quote needs a blank line, else it would continue the quote.
        if (after_quote) {
            out += "\n\n";
            out += item_indent;
        }
        out += markdown;
        after_quote = false;
    };
    const auto write_quote = [&] {
        const std::string block = quote_block(run);
        run.clear();
        if (block.empty()) return;
        if (after_quote) out += '\n';  // two quotes apart in the text stay apart
        out += block;
        after_quote = true;
    };
    for (std::string_view line : lines) {
        if (const auto content = quoted(line)) {
            write_plain();
            run.push_back(*content);
        } else if (blank(line)) {
            if (!run.empty()) write_quote();
            plain += '\n';
        } else {
            if (!run.empty()) write_quote();
            plain += line;
            plain += '\n';
        }
    }
    if (!run.empty()) write_quote();
    write_plain();
    return out;
}

}  // namespace incidentd::render
