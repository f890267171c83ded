// Fuzzes the `/incident` command grammar: any text parses to a command or a usage error, and what
// parses keeps the promises core/command_grammar.hpp makes about it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <variant>

#include "core/command_grammar.hpp"
#include "core/text_escape.hpp"
#include "core/utf8.hpp"

namespace {

using namespace incidentd::core;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_command_grammar: invariant broken: %s\n", what);
    std::abort();
}

void check(bool ok, const char* what) {
    if (!ok) fail(what);
}

// Free text is kept as sent, trimmed: giving it back to the same subcommand gives it back again.
void check_free_text(std::string_view subcommand, const std::string& text) {
    const ParseResult again = parse_command(std::string{subcommand} + " " + text);
    const auto* command = std::get_if<Command>(&again);
    check(command != nullptr, "free text does not parse again after its subcommand");
    std::string round_trip;
    if (const auto* update = std::get_if<PostUpdate>(command)) round_trip = update->text;
    if (const auto* fact = std::get_if<AddFact>(command)) round_trip = fact->text;
    if (const auto* resolve = std::get_if<Resolve>(command)) round_trip = resolve->summary;
    check(round_trip == text, "free text changes when parsed again");
}

void check_command(const Command& command) {
    const std::string_view name = subcommand_name(command);
    check(usage_line(name).has_value(), "a parsed command names a subcommand with no usage");
    if (const auto* declare = std::get_if<Declare>(&command)) {
        check(count_code_points(declare->title) <= max_title_code_points, "a title is too long");
        check(declare->title.find("  ") == std::string::npos, "a title keeps a run of spaces");
        if (declare->team) {
            check(!declare->team->empty() && declare->team->size() <= 64, "a team name's size");
            for (const char c : *declare->team)
                check((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_',
                      "a team name has a character config cannot key on");
        }
    } else if (const auto* update = std::get_if<PostUpdate>(&command)) {
        check(!update->text.empty(), "an update without text parsed");
        check(count_code_points(update->text) <= max_text_code_points, "an update is too long");
        check_free_text(name, update->text);
    } else if (const auto* fact = std::get_if<AddFact>(&command)) {
        check(!fact->text.empty(), "a fact without text parsed");
        check(count_code_points(fact->text) <= max_text_code_points, "a fact is too long");
        check_free_text(name, fact->text);
    } else if (const auto* resolve = std::get_if<Resolve>(&command)) {
        check(count_code_points(resolve->summary) <= max_text_code_points, "a summary is too long");
        if (!resolve->summary.empty()) check_free_text(name, resolve->summary);
    } else if (const auto* role = std::get_if<AssignRole>(&command)) {
        check(role->user.id.size() >= 2 && (role->user.id[0] == 'U' || role->user.id[0] == 'W'),
              "a role went to something that is not a user id");
    } else if (const auto* link = std::get_if<LinkPostmortem>(&command)) {
        std::string scheme = link->url.substr(0, 8);
        for (char& c : scheme)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        check(scheme.starts_with("http://") || scheme.starts_with("https://"),
              "a postmortem link is no web URL");
        check(link->url.find_first_of("<> \"") == std::string::npos,
              "a postmortem link holds markup or spaces");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text{reinterpret_cast<const char*>(data), size};
    const ParseResult result = parse_command(text);
    check(parse_command(text) == result, "parsing the same text twice differs");

    if (const auto* usage = std::get_if<UsageError>(&result)) {
        check(!usage->message.empty() && !usage->usage.empty(), "a usage error says nothing");
        check(is_valid_utf8(usage->message), "a usage error is not valid UTF-8");
        (void)escape_mrkdwn(usage->message);
        return 0;
    }
    const Command& command = std::get<Command>(result);
    check(is_valid_utf8(text), "text that is not UTF-8 parsed as a command");
    check_command(command);
    return 0;
}
