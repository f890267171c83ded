#include "core/channel_name.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <string>
#include <utility>

#include "core/utf8.hpp"

namespace incidentd::core {
namespace {

// ASCII spellings of U+00C0..U+00FF; "" for the two symbols there (× and ÷).
constexpr std::array<std::string_view, 64> latin1_letters{
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // C0
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // F0
};

// ASCII spellings of Latin Extended-A, U+0100..U+017F.
constexpr std::array<std::string_view, 128> latin_extended_a_letters{
    "a", "a", "a",  "a",  "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",  // 100
    "d", "d", "e",  "e",  "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",  // 110
    "g", "g", "g",  "g",  "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",  // 120
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",  // 130
    "l", "l", "l",  "n",  "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",  // 140
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",  // 150
    "s", "s", "t",  "t",  "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",  // 160
    "u", "u", "u",  "u",  "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",  // 170
};

// What a code point contributes to a slug: letters, nothing (marks that only decorate a
// letter), or a word break.
struct SlugPiece {
    std::string_view letters;
    bool breaks_word = false;
};

SlugPiece slug_piece(char32_t c) {
    if (c >= 'a' && c <= 'z')
        return {std::string_view("abcdefghijklmnopqrstuvwxyz").substr(c - 'a', 1)};
    if (c >= 'A' && c <= 'Z')
        return {std::string_view("abcdefghijklmnopqrstuvwxyz").substr(c - 'A', 1)};
    if (c >= '0' && c <= '9') return {std::string_view("0123456789").substr(c - '0', 1)};
    // Apostrophes join ("Bob's" -> "bobs"); combining accents belong to the letter before them.
    if (c == '\'' || c == 0x2019 || (c >= 0x300 && c <= 0x36F)) return {};
    if (c >= 0xC0 && c <= 0xFF && !latin1_letters[c - 0xC0].empty())
        return {latin1_letters[c - 0xC0]};
    if (c >= 0x100 && c <= 0x17F) return {latin_extended_a_letters[c - 0x100]};
    return {{}, true};
}

// Slack markup in a title shows as its label: <@U1|jane> as "jane", <https://x|docs> as "docs";
// without a label (<@U1>, <https://x>) it shows nothing worth naming a channel after.
// Returns the bytes the markup spans and its label, or 0 when '<' at `i` is not markup.
std::pair<std::size_t, std::string_view> markup_at(std::string_view text, std::size_t i) {
    std::string_view rest = text.substr(i);
    const bool looks_like_markup = rest.starts_with("<@") || rest.starts_with("<#") ||
                                   rest.starts_with("<!") || rest.starts_with("<http") ||
                                   rest.starts_with("<mailto:");
    const std::size_t close = rest.find('>');
    if (!looks_like_markup || close == std::string_view::npos) return {0, {}};
    std::string_view inside = rest.substr(1, close - 1);
    const std::size_t bar = inside.find('|');
    return {close + 1, bar == std::string_view::npos ? std::string_view{} : inside.substr(bar + 1)};
}

void append_slug(std::string& out, std::string_view text, bool& pending_break) {
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '<') {
            if (auto [length, label] = markup_at(text, i); length > 0) {
                pending_break = true;
                append_slug(out, label, pending_break);
                pending_break = true;
                i += length;
                continue;
            }
        }
        auto cp = decode_utf8(text, i);
        SlugPiece piece = cp ? slug_piece(cp->value) : SlugPiece{{}, true};
        i += cp ? cp->length : 1;
        if (piece.breaks_word) {
            pending_break = true;
        } else if (!piece.letters.empty()) {
            if (pending_break && !out.empty()) out += '-';
            pending_break = false;
            out += piece.letters;
        }
    }
}

// Cuts a slug to `budget` characters, at a word break when one lies in the second half.
std::string shorten_slug(std::string slug, std::size_t budget) {
    if (slug.size() <= budget) return slug;
    const bool cuts_a_word = slug[budget] != '-';
    slug.resize(budget);
    if (const std::size_t last_break = slug.rfind('-');
        cuts_a_word && last_break != std::string::npos && last_break >= budget / 2)
        slug.resize(last_break);
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    return slug;
}

std::string yyyymmdd(Time t) {
    const std::chrono::year_month_day day{std::chrono::floor<std::chrono::days>(t)};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(day.year()),
                  static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
    return buf;
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string channel_slug(std::string_view title) {
    std::string slug;
    bool pending_break = false;
    append_slug(slug, title, pending_break);
    return slug.empty() ? "incident" : slug;
}

std::string channel_name(std::string_view prefix, Time declared_at, std::string_view title) {
    std::string head =
        prefix.empty() ? yyyymmdd(declared_at) : std::string(prefix) + "-" + yyyymmdd(declared_at);
    head += '-';
    const std::size_t budget =
        head.size() < max_channel_name_length ? max_channel_name_length - head.size() : 0;
    std::string slug = shorten_slug(channel_slug(title), budget);
    if (slug.empty()) slug = shorten_slug("incident", budget);
    std::string name = head + slug;
    name.resize(std::min(name.size(), max_channel_name_length));
    while (!name.empty() && name.back() == '-')
        name.pop_back();
    return name;
}

std::string with_suffix(std::string_view name, int n) {
    if (n < 2) return std::string(name);
    const std::string suffix = "-" + std::to_string(n);
    std::string base(name.substr(0, max_channel_name_length - suffix.size()));
    while (!base.empty() && (base.back() == '-' || base.back() == '_'))
        base.pop_back();
    return base + suffix;
}

std::optional<std::string> channel_name_error(std::string_view name) {
    if (name.empty()) return "invalid_name_required";
    if (count_code_points(name) > max_channel_name_length) return "invalid_name_maxlength";
    if (!std::ranges::all_of(name, is_name_char)) return "invalid_name_specials";
    if (std::ranges::none_of(name, is_alnum)) return "invalid_name_punctuation";
    return std::nullopt;
}

std::optional<std::string> channel_prefix_error(std::string_view prefix) {
    std::string quoted = "\"";  // built by appending: GCC 12 -Wrestrict misfires on "x" + string
    quoted.append(prefix).append("\"");
    if (prefix.empty()) return std::string("is empty; channel names need a prefix such as \"inc\"");
    if (const std::size_t length = count_code_points(prefix); length > max_channel_prefix_length)
        return quoted + " is " + std::to_string(length) + " characters long; keep it to " +
               std::to_string(max_channel_prefix_length) +
               " or fewer so the date and title fit in Slack's 80";
    if (std::ranges::any_of(prefix, [](char c) { return c >= 'A' && c <= 'Z'; })) {
        std::string lowered(prefix);
        for (char& c : lowered)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        return quoted + " has upper-case letters; channel names are lowercase (try \"" + lowered +
               "\")";
    }
    if (!std::ranges::all_of(prefix, is_name_char))
        return quoted +
               " has characters Slack refuses in channel names; use lowercase letters, "
               "digits, '-' and '_'";
    if (std::ranges::none_of(prefix, is_alnum))
        return quoted + " has no letter or digit; Slack refuses names of punctuation only";
    if (prefix.front() == '-' || prefix.front() == '_' || prefix.back() == '-' ||
        prefix.back() == '_')
        return quoted + " starts or ends with '-' or '_'; start and end it with a letter or digit";
    return std::nullopt;
}

}  // namespace incidentd::core
