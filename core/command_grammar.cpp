#include "core/command_grammar.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/near_miss.hpp"
#include "core/overloaded.hpp"
#include "core/utf8.hpp"

namespace incidentd::core {
namespace {

constexpr std::array<SubcommandUsage, 16> usage_table{{
    {"declare", "/incident declare [sev1-sev4] [--team <name>] <title>",
     "declare an incident; with no title, open the declare form"},
    {"status", "/incident status", "show the state, roles, times and links"},
    {"update", "/incident update <text>", "post a status update: recorded, posted and broadcast"},
    {"sev", "/incident sev <1-4>", "change the severity"},
    {"role", "/incident role <commander|comms|scribe> <@user>",
     "assign a role and invite the person"},
    {"impact", "/incident impact <text>", "record the impact"},
    {"system", "/incident system <name>", "record a system involved"},
    {"action", "/incident action <text>", "record an action taken"},
    {"note", "/incident note <text>", "add a note to the record"},
    {"resolve", "/incident resolve [summary]", "mark the incident resolved (mitigated)"},
    {"close", "/incident close",
     "close it: final record, postmortem draft to the thread, archive scheduled"},
    {"reopen", "/incident reopen", "make it active again, if the channel is not yet archived"},
    {"postmortem", "/incident postmortem [link <url> | done]",
     "repost the draft, record where the final postmortem lives, or mark it done"},
    {"timeline", "/incident timeline", "show the latest entries of the record (only to you)"},
    {"list", "/incident list", "list open incidents and postmortems due"},
    {"help", "/incident help [subcommand]", "show these commands and the team's workflow"},
}};

constexpr std::string_view general_usage =
    "Usage: /incident <subcommand> [arguments] (`/incident help` lists them)";

constexpr std::size_t max_team_name_length = 64;
constexpr std::size_t max_url_length = 2000;
constexpr std::size_t max_echo_code_points = 40;  // user text quoted back in an error

// ---- text helpers -----------------------------------------------------------------------------

// Bytes of whitespace at `i`: ASCII blanks and line breaks, and the no-break space that some
// keyboards and pasted text put between words.
std::size_t space_at(std::string_view text, std::size_t i) {
    switch (text[i]) {
        case ' ':
        case '\t':
        case '\n':
        case '\r':
        case '\v':
        case '\f':
            return 1;
        default:
            break;
    }
    if (text.substr(i, 2) == "\xC2\xA0") return 2;
    return 0;
}

// Bytes of whitespace that end just before `end`.
std::size_t space_before(std::string_view text, std::size_t end) {
    if (end >= 2 && text.substr(end - 2, 2) == "\xC2\xA0") return 2;
    return end >= 1 && space_at(text, end - 1) == 1 ? 1 : 0;
}

std::string_view trim(std::string_view text) {
    std::size_t begin = 0;
    while (begin < text.size())
        if (std::size_t n = space_at(text, begin); n > 0)
            begin += n;
        else
            break;
    text.remove_prefix(begin);
    while (std::size_t n = space_before(text, text.size()))
        text.remove_suffix(n);
    return text;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string collapse_spaces(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (std::size_t n = space_at(text, i); n > 0) {
            if (!out.empty() && out.back() != ' ') out += ' ';
            i += n;
        } else {
            out += text[i++];
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// Slack escapes exactly these three in the text it sends.
std::string decode_slack_entities(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (text.substr(i, 5) == "&amp;") {
            out += '&', i += 5;
        } else if (text.substr(i, 4) == "&lt;") {
            out += '<', i += 4;
        } else if (text.substr(i, 4) == "&gt;") {
            out += '>', i += 4;
        } else {
            out += text[i++];
        }
    }
    return out;
}

// User text quoted back in a message, as the person typed it (Slack's &amp; decoded), in
// backticks and shortened on a code point boundary so a huge paste does not fill the answer.
std::string echo(std::string_view slack_text) {
    const std::string text = decode_slack_entities(slack_text);
    std::size_t end = 0;
    std::size_t points = 0;
    while (end < text.size() && points < max_echo_code_points) {
        auto cp = decode_utf8(text, end);
        end += cp ? cp->length : 1;
        ++points;
    }
    std::string out = "`" + text.substr(0, end);
    if (end < text.size()) out += "…";
    return out + "`";
}

// ---- scanning ---------------------------------------------------------------------------------

// Whitespace-separated words, with the untouched remainder available as free text.
class Words {
  public:
    explicit Words(std::string_view text) : text_(text) {}

    std::string_view next() {
        skip_spaces();
        std::size_t begin = pos_;
        while (pos_ < text_.size() && space_at(text_, pos_) == 0)
            ++pos_;
        return text_.substr(begin, pos_ - begin);
    }
    std::string_view peek() const { return Words(*this).next(); }
    std::string_view rest() const { return trim(text_.substr(pos_)); }

  private:
    void skip_spaces() {
        while (pos_ < text_.size()) {
            std::size_t n = space_at(text_, pos_);
            if (n == 0) break;
            pos_ += n;
        }
    }

    std::string_view text_;
    std::size_t pos_ = 0;
};

// ---- results ----------------------------------------------------------------------------------

std::string usage_of(std::string_view name) {
    for (const auto& row : usage_table)
        if (row.name == name) return "Usage: " + std::string(row.usage);
    return std::string(general_usage);
}

UsageError error(std::string_view subcommand, std::string message) {
    return UsageError{std::move(message), usage_of(subcommand)};
}

std::string hex4(char32_t c) {
    static constexpr std::string_view digits = "0123456789ABCDEF";
    std::string out;
    for (int shift = 12; shift >= 0; shift -= 4)
        out += digits[(c >> shift) & 0xFu];
    return out;
}

// Rejects what a person cannot have meant to type: broken UTF-8 and control characters.
std::optional<UsageError> check_encoding(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        auto cp = decode_utf8(text, i);
        if (!cp)
            return UsageError{"The command text is not valid UTF-8 (at byte " + std::to_string(i) +
                                  "); retype it instead of pasting it.",
                              std::string(general_usage)};
        const char32_t c = cp->value;
        const bool layout = c == '\t' || c == '\n' || c == '\r';
        if ((c < 0x20 && !layout) || (c >= 0x7F && c <= 0x9F))
            return UsageError{"The command text contains an invisible control character (U+" +
                                  hex4(c) + "); retype it instead of pasting it.",
                              std::string(general_usage)};
        i += cp->length;
    }
    return std::nullopt;
}

std::optional<UsageError> check_length(std::string_view subcommand, std::string_view what,
                                       std::string_view text, std::size_t max) {
    const std::size_t length = count_code_points(text);
    if (length <= max) return std::nullopt;
    return error(subcommand, std::string(what) + " is " + std::to_string(length) +
                                 " characters long; keep it to " + std::to_string(max) +
                                 " or fewer.");
}

// ---- subcommands ------------------------------------------------------------------------------

ParseResult no_arguments(std::string_view name, Words& words, Command command) {
    if (std::string_view extra = words.rest(); !extra.empty())
        return error(name,
                     "`" + std::string(name) + "` takes no arguments; remove " + echo(extra) + ".");
    return command;
}

// The free-text argument of a subcommand, and how messages about it name it.
struct FreeText {
    std::string_view subcommand;  // "update"
    std::string_view missing;     // "the text of the update", or "" when it is optional
    std::string_view subject;     // "The text", as in "The text is 3001 characters long"
    std::size_t max_code_points;
};

ParseResult free_text(const FreeText& spec, Words& words, auto make) {
    std::string_view text = words.rest();
    if (text.empty() && !spec.missing.empty())
        return error(spec.subcommand, "`" + std::string(spec.subcommand) + "` needs " +
                                          std::string(spec.missing) + ".");
    if (auto problem = check_length(spec.subcommand, spec.subject, text, spec.max_code_points))
        return *problem;
    return Command{make(std::string(text))};
}

// Double quotes pair strictly; single quotes may hold apostrophes ("'Bob's laptop'").
struct QuoteFamily {
    std::array<std::string_view, 3> marks;
    bool inner_allowed;
};
constexpr std::array<QuoteFamily, 2> quote_families{{
    {{"\"", "\xE2\x80\x9C", "\xE2\x80\x9D"}, false},  // " “ ”
    {{"'", "\xE2\x80\x98", "\xE2\x80\x99"}, true},    // ' ‘ ’
}};

std::size_t quote_at(const QuoteFamily& family, std::string_view text, std::size_t i) {
    for (std::string_view mark : family.marks)
        if (text.substr(i, mark.size()) == mark) return mark.size();
    return 0;
}

std::size_t quote_ending(const QuoteFamily& family, std::string_view text) {
    for (std::string_view mark : family.marks)
        if (text.size() >= mark.size() && text.substr(text.size() - mark.size()) == mark)
            return mark.size();
    return 0;
}

bool contains_quote(const QuoteFamily& family, std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i)
        if (quote_at(family, text, i) > 0) return true;
    return false;
}

// The title with surrounding quotes removed, or why the quoting is broken.
std::variant<std::string_view, UsageError> unquote_title(std::string_view title) {
    for (const QuoteFamily& family : quote_families) {
        const std::size_t open = quote_at(family, title, 0);
        if (open == 0) continue;
        const std::string_view after_open = title.substr(open);
        const std::size_t close = quote_ending(family, after_open);
        const std::string_view inner = after_open.substr(0, after_open.size() - close);
        const bool closes_early = !family.inner_allowed && contains_quote(family, inner);
        if (close == 0 && closes_early)
            return error("declare",
                         "Text follows the title's closing quote; quote the whole title or "
                         "none of it.");
        if (close == 0)
            return error("declare",
                         "The title's opening quote is never closed; close it or leave the "
                         "quotes out.");
        if (closes_early)
            return error("declare",
                         "The title's quotes do not pair up; quote the whole title once, or use "
                         "single quotes around a title that contains \".");
        return inner;
    }
    return title;
}

ParseResult declare_title(Declare declare, std::string_view raw) {
    if (raw.empty()) return Command{std::move(declare)};  // the modal asks for the title
    auto unquoted = unquote_title(raw);
    if (auto* problem = std::get_if<UsageError>(&unquoted)) return *problem;
    std::string title =
        collapse_spaces(decode_slack_entities(std::get<std::string_view>(unquoted)));
    if (title.empty())
        return error("declare",
                     "The quoted title is empty; write a title, or leave it out to open the "
                     "declare form.");
    if (auto problem = check_length("declare", "The title", title, max_title_code_points))
        return *problem;
    declare.title = std::move(title);
    return Command{std::move(declare)};
}

std::optional<UsageError> set_team(Declare& declare, std::string_view name) {
    if (declare.team) return error("declare", "The team is given twice; give `--team` once.");
    if (name.empty() || name.starts_with("--"))
        return error("declare", "`--team` needs a team name, e.g. `--team payments`.");
    std::string team = lower(name);
    const bool well_formed =
        team.size() <= max_team_name_length && std::ranges::all_of(team, [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        });
    if (!well_formed)
        return error("declare", echo(name) +
                                    " is not a team name; team names are letters, digits, '-' "
                                    "and '_', as in the [teams.<name>] sections of the config.");
    declare.team = std::move(team);
    return std::nullopt;
}

bool all_digits(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<UsageError> set_declare_severity(Declare& declare, std::string_view written,
                                               std::string_view digits) {
    auto severity = parse_severity(digits);
    if (!severity)
        return error("declare", echo(written) + " is not a severity; use sev1 (worst) to sev4.");
    if (declare.severity)
        return error("declare", "The severity is given twice; give one of sev1 to sev4 once.");
    declare.severity = severity;
    return std::nullopt;
}

ParseResult parse_declare(Words& words) {
    Declare declare;
    for (;;) {
        Words lookahead = words;
        std::string_view word = lookahead.next();
        const std::string keyword = lower(word);
        std::optional<UsageError> problem;
        if (keyword.size() > 3 && keyword.starts_with("sev") && all_digits(keyword.substr(3))) {
            problem = set_declare_severity(declare, word, keyword.substr(3));
        } else if (keyword == "sev" && all_digits(lookahead.peek())) {
            // "declare sev 2 …": the space is a slip, not part of the title.
            std::string_view digits = lookahead.next();
            problem = set_declare_severity(declare, "sev " + std::string(digits), digits);
        } else if (keyword == "--team") {
            problem = set_team(declare, lookahead.next());
        } else if (keyword.starts_with("--team=")) {
            problem = set_team(declare, word.substr(7));
        } else if (keyword.starts_with("--") && keyword.size() > 2) {
            problem = error("declare", echo(word) +
                                           " is not an option of `declare`; the only option is "
                                           "`--team <name>`.");
        } else {
            break;
        }
        if (problem) return *problem;
        words = lookahead;
    }
    return declare_title(std::move(declare), words.rest());
}

ParseResult parse_sev(Words& words) {
    std::string_view word = words.next();
    if (word.empty()) return error("sev", "`sev` needs the new severity, from 1 (worst) to 4.");
    auto severity = parse_severity(word);
    if (!severity) return error("sev", echo(word) + " is not a severity; use 1, 2, 3 or 4.");
    if (std::string_view extra = words.rest(); !extra.empty())
        return error("sev", "`sev` takes only the severity; remove " + echo(extra) + ".");
    return Command{SetSeverity{*severity}};
}

bool is_user_id(std::string_view id) {
    return id.size() >= 2 && (id[0] == 'U' || id[0] == 'W') && std::ranges::all_of(id, [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
           });
}

ParseResult parse_role(Words& words) {
    std::string_view role_word = words.next();
    if (role_word.empty())
        return error("role",
                     "`role` needs a role and a person, e.g. `/incident role commander "
                     "@jane`.");
    auto role = core::parse_role(lower(role_word));
    if (!role)
        return error("role", echo(role_word) + " is not a role; use commander, comms or scribe.");

    std::string_view who = words.rest();
    constexpr std::string_view pick_from_autocomplete =
        "pick the person from Slack's @-mention list so that Slack sends their user id (if you "
        "did, the /incident command needs \"Escape channels, users, and links\" turned on).";
    if (who.empty())
        return error("role", "Say who takes the role: " + std::string(pick_from_autocomplete));
    if (who.starts_with("<#"))
        return error("role", echo(who) + " is a channel; @-mention one person.");
    if (who.starts_with("<!"))
        return error("role", echo(who) + " mentions a group; @-mention one person.");
    if (!who.starts_with("<@"))
        return error("role",
                     echo(who) + " is not a Slack mention: " + std::string(pick_from_autocomplete));

    const std::size_t close = who.find('>');
    if (close == std::string_view::npos)
        return error("role",
                     echo(who) + " is a broken mention; " + std::string(pick_from_autocomplete));
    std::string_view inside = who.substr(2, close - 2);  // "U123|name" or "U123"
    const std::size_t bar = inside.find('|');
    UserMention user{
        std::string(inside.substr(0, bar)),
        bar == std::string_view::npos ? "" : decode_slack_entities(inside.substr(bar + 1))};
    if (!is_user_id(user.id))
        return error("role", echo(who.substr(0, close + 1)) + " is not a user mention; " +
                                 std::string(pick_from_autocomplete));
    if (std::string_view extra = trim(who.substr(close + 1)); !extra.empty())
        return error("role", "A role goes to one person; remove " + echo(extra) + ".");
    return Command{AssignRole{*role, std::move(user)}};
}

bool is_web_url(std::string_view url) {
    std::string scheme = lower(url.substr(0, 8));
    std::size_t host_begin = scheme.starts_with("https://")  ? 8
                             : scheme.starts_with("http://") ? 7
                                                             : 0;
    if (host_begin == 0 || url.size() > max_url_length) return false;
    const std::size_t host_end = url.find_first_of("/?#", host_begin);
    if (url.substr(host_begin, host_end - host_begin).empty()) return false;
    return std::ranges::none_of(url, [](char c) {
        return static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == '"';
    });
}

ParseResult parse_postmortem_link(Words& words) {
    std::string_view rest = words.rest();
    if (rest.empty())
        return error("postmortem",
                     "Give the link to the final postmortem, e.g. `/incident postmortem link "
                     "https://wiki.example.com/pm/123`.");
    std::string_view link;
    std::string_view extra;
    if (rest.starts_with('<')) {
        // Slack wraps links it recognises: <https://x> or <https://x|label>.
        const std::size_t close = rest.find('>');
        if (close == std::string_view::npos)
            return error("postmortem", echo(rest) +
                                           " is not a web link; give an http:// or "
                                           "https:// URL.");
        link = rest.substr(1, close - 1);
        link = link.substr(0, link.find('|'));
        extra = trim(rest.substr(close + 1));
    } else {
        Words link_words(rest);
        link = link_words.next();
        extra = link_words.rest();
    }
    if (!extra.empty()) return error("postmortem", "Give one link; remove " + echo(extra) + ".");
    std::string url = decode_slack_entities(link);
    if (!is_web_url(url))
        return error("postmortem",
                     echo(link) + " is not a web link; give an http:// or https:// URL.");
    return Command{LinkPostmortem{std::move(url)}};
}

ParseResult parse_postmortem(Words& words) {
    std::string_view action = words.next();
    const std::string keyword = lower(action);
    if (keyword.empty()) return Command{RepostPostmortem{}};
    if (keyword == "link") return parse_postmortem_link(words);
    if (keyword == "done") {
        if (std::string_view extra = words.rest(); !extra.empty())
            return error("postmortem",
                         "`postmortem done` takes no arguments; remove " + echo(extra) + ".");
        return Command{MarkPostmortemDone{}};
    }
    return error("postmortem", echo(action) +
                                   " is not a postmortem action; use `link <url>` or `done`, or "
                                   "nothing to repost the draft.");
}

UsageError unknown_subcommand(std::string_view word) {
    std::string message = echo(word) + " is not an /incident subcommand.";
    std::vector<std::string_view> names;
    for (const auto& row : usage_table)
        names.push_back(row.name);
    if (const auto closest = closest_match(word, names))
        message += " Did you mean `" + std::string(*closest) + "`?";
    message += " `/incident help` lists them all.";
    return UsageError{std::move(message), std::string(general_usage)};
}

ParseResult parse_help(Words& words) {
    std::string_view topic = words.next();
    if (topic.empty()) return Command{ShowHelp{}};
    if (std::string_view extra = words.rest(); !extra.empty())
        return error("help", "`help` takes at most one subcommand; remove " + echo(extra) + ".");
    std::string keyword = lower(topic);
    if (!usage_line(keyword)) return unknown_subcommand(topic);
    return Command{ShowHelp{std::move(keyword)}};
}

}  // namespace

ParseResult parse_command(std::string_view text) {
    if (auto problem = check_encoding(text)) return *problem;
    Words words(text);
    std::string_view word = words.next();
    const std::string name = lower(word);

    if (name.empty() || name == "help") return parse_help(words);
    if (name == "declare") return parse_declare(words);
    if (name == "status") return no_arguments(name, words, ShowStatus{});
    if (name == "update")
        return free_text({"update", "the text of the update", "The text", max_text_code_points},
                         words, [](std::string t) { return PostUpdate{std::move(t)}; });
    if (name == "sev") return parse_sev(words);
    if (name == "role") return parse_role(words);
    if (name == "system")
        return free_text({"system", "the name of the system", "The name", max_title_code_points},
                         words, [](std::string t) {
                             return AddFact{EntryKind::system, std::move(t)};
                         });
    for (EntryKind kind : {EntryKind::impact, EntryKind::action, EntryKind::note})
        if (name == to_string(kind))
            return free_text(
                {to_string(kind), "the text to record", "The text", max_text_code_points}, words,
                [kind](std::string t) {
                    return AddFact{kind, std::move(t)};
                });
    if (name == "resolve")
        return free_text({"resolve", "", "The summary", max_text_code_points}, words,
                         [](std::string t) { return Resolve{std::move(t)}; });
    if (name == "close") return no_arguments(name, words, Close{});
    if (name == "reopen") return no_arguments(name, words, Reopen{});
    if (name == "postmortem") return parse_postmortem(words);
    if (name == "timeline") return no_arguments(name, words, ShowTimeline{});
    if (name == "list") return no_arguments(name, words, ListIncidents{});
    return unknown_subcommand(word);
}

std::string_view subcommand_name(const Command& command) {
    return std::visit(overloaded{
                          [](const Declare&) { return std::string_view("declare"); },
                          [](const ShowStatus&) { return std::string_view("status"); },
                          [](const PostUpdate&) { return std::string_view("update"); },
                          [](const SetSeverity&) { return std::string_view("sev"); },
                          [](const AssignRole&) { return std::string_view("role"); },
                          [](const AddFact& fact) { return to_string(fact.kind); },
                          [](const Resolve&) { return std::string_view("resolve"); },
                          [](const Close&) { return std::string_view("close"); },
                          [](const Reopen&) { return std::string_view("reopen"); },
                          [](const RepostPostmortem&) { return std::string_view("postmortem"); },
                          [](const LinkPostmortem&) { return std::string_view("postmortem"); },
                          [](const MarkPostmortemDone&) { return std::string_view("postmortem"); },
                          [](const ShowTimeline&) { return std::string_view("timeline"); },
                          [](const ListIncidents&) { return std::string_view("list"); },
                          [](const ShowHelp&) { return std::string_view("help"); },
                      },
                      command);
}

bool needs_incident_channel(const Command& command) {
    return !std::holds_alternative<Declare>(command) &&
           !std::holds_alternative<ListIncidents>(command) &&
           !std::holds_alternative<ShowHelp>(command);
}

std::span<const SubcommandUsage> subcommand_usages() {
    return usage_table;
}

std::string help_text() {
    std::string out;
    for (const auto& row : usage_table) {
        if (!out.empty()) out += '\n';
        out += "`" + std::string(row.usage) + "` — " + std::string(row.summary);
    }
    return out;
}

std::optional<std::string> usage_line(std::string_view subcommand) {
    const std::string name = lower(subcommand);
    for (const auto& row : usage_table)
        if (row.name == name) return "Usage: " + std::string(row.usage);
    return std::nullopt;
}

}  // namespace incidentd::core
