#include "core/text_escape.hpp"

namespace incidentd::core {
namespace {

bool is_ascii_alnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_control(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
}

// Characters that open inline constructs anywhere in a line: emphasis, code spans, links and
// images, autolinks and raw HTML, GFM strikethrough and table cells, and the escape itself.
bool always_escaped(char c) {
    switch (c) {
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '<':
        case '>':
        case '|':
        case '~':
            return true;
        default:
            return false;
    }
}

// "&amp;", "&#60;", "&copy;": what a Markdown renderer would turn into another character.
bool starts_entity(std::string_view text) {
    std::size_t i = 1;
    while (i < text.size() && i < 34 && (text[i] == '#' || is_ascii_alnum(text[i])))
        ++i;
    return i > 1 && i < text.size() && text[i] == ';';
}

bool is_blank(char c) {
    return c == ' ' || is_control(c);
}

// Escapes one line that has no line breaks and no leading indentation.
void escape_line(std::string_view line, std::string& out) {
    std::size_t i = 0;
    // Block starts: ATX headings, bullets, setext underlines, ordered list markers ("12." "3)").
    if (!line.empty() && (line[0] == '#' || line[0] == '-' || line[0] == '+' || line[0] == '=')) {
        out += '\\';
        out += line[0];
        i = 1;
    } else {
        std::size_t digits = 0;
        while (digits < line.size() && digits < 10 && line[digits] >= '0' && line[digits] <= '9')
            ++digits;
        if (digits > 0 && digits <= 9 && digits < line.size() &&
            (line[digits] == '.' || line[digits] == ')')) {
            out.append(line.substr(0, digits));
            out += '\\';
            out += line[digits];
            i = digits + 1;
        }
    }
    for (; i < line.size(); ++i) {
        const char c = line[i];
        if (always_escaped(c)) {
            out += '\\';
            out += c;
        } else if (c == '&' && starts_entity(line.substr(i))) {
            out += "\\&";  // "&amp;" in user text must stay those five characters
        } else if (is_control(c)) {
            out += ' ';
        } else {
            out += c;
        }
    }
}

// Length of the UTF-8 sequence starting at text[i], or 1 for a byte that does not start a
// complete, well-formed sequence.
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    if (lead >= 0xc2 && lead <= 0xdf)
        length = 2;
    else if (lead >= 0xe0 && lead <= 0xef)
        length = 3;
    else if (lead >= 0xf0 && lead <= 0xf4)
        length = 4;
    if (i + length > text.size()) return 1;
    for (std::size_t k = 1; k < length; ++k)
        if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return 1;
    return length;
}

// Byte length of the first `n` code points of `text` (all of it when it has fewer).
std::size_t prefix_bytes(std::string_view text, std::size_t n) {
    std::size_t i = 0;
    for (std::size_t count = 0; count < n && i < text.size(); ++count)
        i += sequence_length(text, i);
    return i;
}

}  // namespace

std::string escape_mrkdwn(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string escape_markdown(std::string_view text, Newlines newlines) {
    std::string out;
    out.reserve(text.size() + text.size() / 8 + 8);
    bool first = true;
    while (!text.empty()) {
        const std::size_t end = text.find_first_of("\r\n");
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);

        // Indentation could open an indented code block; trailing blanks could force a break.
        while (!line.empty() && is_blank(line.front()))
            line.remove_prefix(1);
        while (!line.empty() && is_blank(line.back()))
            line.remove_suffix(1);
        if (line.empty()) continue;  // a blank line would end the paragraph or list item

        if (!first) out += newlines == Newlines::hard_break ? "\\\n" : " ";
        first = false;
        escape_line(line, out);
    }
    return out;
}

std::string truncate_utf8(std::string_view text, std::size_t max_code_points,
                          std::string_view marker) {
    const std::size_t whole = prefix_bytes(text, max_code_points);
    if (whole == text.size()) return std::string(text);

    std::size_t marker_points = 0;
    for (std::size_t i = 0; i < marker.size(); i += sequence_length(marker, i))
        ++marker_points;
    if (marker_points > max_code_points) return std::string(text.substr(0, whole));

    std::string out(text.substr(0, prefix_bytes(text, max_code_points - marker_points)));
    out += marker;
    return out;
}

}  // namespace incidentd::core
