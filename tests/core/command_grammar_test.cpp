// Specification of core/command_grammar: what `/incident <text>` means, and the answer to text
// that means nothing.
#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "core/command_grammar.hpp"

using namespace incidentd::core;

namespace {

std::string describe(const ParseResult& result) {
    if (auto* e = std::get_if<UsageError>(&result)) return "usage error: " + e->message;
    return "command: " + std::string(subcommand_name(std::get<Command>(result)));
}

template <class T>
T parsed_as(const std::string& text) {
    ParseResult result = parse_command(text);
    INFO("text: " << text << "\nparsed as " << describe(result));
    REQUIRE(std::holds_alternative<Command>(result));
    const Command& command = std::get<Command>(result);
    REQUIRE(std::holds_alternative<T>(command));
    return std::get<T>(command);
}

UsageError refused(const std::string& text) {
    ParseResult result = parse_command(text);
    INFO("text: " << text << "\nparsed as " << describe(result));
    REQUIRE(std::holds_alternative<UsageError>(result));
    return std::get<UsageError>(result);
}

std::string repeat(std::string_view piece, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i)
        out += piece;
    return out;
}

}  // namespace

TEST_CASE("empty text and help ask for the help") {
    auto text = GENERATE(as<std::string>{}, "", "   ", "\n\t", "help", "HELP", "  Help  ");
    CHECK(parsed_as<ShowHelp>(text) == ShowHelp{});
}

TEST_CASE("help about one subcommand names it") {
    CHECK(parsed_as<ShowHelp>("help declare").topic == "declare");
    CHECK(parsed_as<ShowHelp>("help SEV").topic == "sev");
    SECTION("an unknown topic is refused like an unknown subcommand") {
        CHECK_THAT(refused("help deploy").message, Catch::Contains("`deploy`"));
    }
    SECTION("only one topic") {
        CHECK_THAT(refused("help sev role").message, Catch::Contains("remove `role`"));
    }
}

TEST_CASE("subcommand keywords are case-insensitive") {
    CHECK(parsed_as<ShowStatus>("STATUS") == ShowStatus{});
    CHECK(parsed_as<Close>("Close") == Close{});
    CHECK(parsed_as<SetSeverity>("SeV 2").severity == Severity::sev2);
    CHECK(parsed_as<MarkPostmortemDone>("PostMortem DONE") == MarkPostmortemDone{});
    CHECK(parsed_as<AssignRole>("ROLE Commander <@U1>").role == Role::commander);
}

TEST_CASE("declare takes an optional severity and team before the title") {
    SECTION("title only") {
        CHECK(parsed_as<Declare>("declare checkout latency") ==
              Declare{std::nullopt, std::nullopt, "checkout latency", {}, {}});
    }
    SECTION("severity and title") {
        CHECK(parsed_as<Declare>("declare sev2 checkout latency") ==
              Declare{Severity::sev2, std::nullopt, "checkout latency", {}, {}});
        CHECK(parsed_as<Declare>("declare SEV1 checkout latency").severity == Severity::sev1);
    }
    SECTION("a space inside the severity is forgiven") {
        CHECK(parsed_as<Declare>("declare sev 3 checkout latency") ==
              Declare{Severity::sev3, std::nullopt, "checkout latency", {}, {}});
    }
    SECTION("team, in either order with the severity, and lower-cased") {
        const Declare expected{Severity::sev1, "payments", "card auth failing", {}, {}};
        CHECK(parsed_as<Declare>("declare sev1 --team payments card auth failing") == expected);
        CHECK(parsed_as<Declare>("declare --team Payments sev1 card auth failing") == expected);
        CHECK(parsed_as<Declare>("declare --team=payments SEV1 card auth failing") == expected);
    }
    SECTION("a digit or 'sev' that does not start the title as a severity stays in the title") {
        CHECK(parsed_as<Declare>("declare 2 regions down").title == "2 regions down");
        CHECK(parsed_as<Declare>("declare sev issues in login").title == "sev issues in login");
        CHECK(parsed_as<Declare>("declare db sev2 outage").title == "db sev2 outage");
    }
}

TEST_CASE("declare without a title opens the declare modal with what was given") {
    Declare bare = parsed_as<Declare>("declare");
    CHECK(bare.opens_modal());
    CHECK(bare == Declare{});
    Declare given = parsed_as<Declare>("declare sev2 --team payments   ");
    CHECK(given.opens_modal());
    CHECK(given.severity == Severity::sev2);
    CHECK(given.team == "payments");
}

TEST_CASE("a quoted title loses its quotes") {
    CHECK(parsed_as<Declare>(R"(declare sev2 "checkout is down")").title == "checkout is down");
    CHECK(parsed_as<Declare>("declare 'checkout is down'").title == "checkout is down");
    CHECK(parsed_as<Declare>("declare \xE2\x80\x9C"
                             "checkout is down\xE2\x80\x9D")
              .title == "checkout is down");
    SECTION("single quotes may hold apostrophes") {
        CHECK(parsed_as<Declare>("declare 'Bob's laptop is on fire'").title ==
              "Bob's laptop is on fire");
    }
    SECTION("double quotes may hold single ones") {
        CHECK(parsed_as<Declare>(R"(declare "the 'ok' page lies")").title == "the 'ok' page lies");
    }
    SECTION("quotes inside an unquoted title are kept") {
        CHECK(parsed_as<Declare>(R"(declare the "ok" page lies)").title == R"(the "ok" page lies)");
        CHECK(parsed_as<Declare>("declare Bob's laptop").title == "Bob's laptop");
    }
    SECTION("spaces inside the quotes are trimmed like any title") {
        CHECK(parsed_as<Declare>(R"(declare "  checkout  ")").title == "checkout");
    }
}

TEST_CASE("a broken quote around a title is refused") {
    SECTION("never closed") {
        auto text = GENERATE(as<std::string>{}, R"(declare "checkout is down)", R"(declare ")",
                             "declare 'checkout is down",
                             "declare \xE2\x80\x9C"
                             "checkout");
        CHECK_THAT(refused(text).message, Catch::Contains("never closed"));
    }
    SECTION("text after the closing quote") {
        CHECK_THAT(refused(R"(declare "checkout" is down)").message,
                   Catch::Contains("whole title or none of it"));
    }
    SECTION("a quote that closes early") {
        CHECK_THAT(refused(R"(declare "a" and "b")").message, Catch::Contains("do not pair up"));
    }
    SECTION("an empty quoted title") {
        CHECK_THAT(refused(R"(declare sev2 "  ")").message, Catch::Contains("empty"));
    }
    SECTION("the answer shows how declare is used") {
        CHECK(refused(R"(declare "x)").usage ==
              "Usage: /incident declare [sev1-sev4] [--team <name>] <title>");
    }
}

TEST_CASE("a title keeps its Unicode and collapses its whitespace") {
    CHECK(parsed_as<Declare>("declare Zahlungsausfall in Köln").title == "Zahlungsausfall in Köln");
    CHECK(parsed_as<Declare>("declare 決済サービス停止 🔥").title == "決済サービス停止 🔥");
    CHECK(parsed_as<Declare>("declare checkout\t\tis\n\ndown").title == "checkout is down");
}

TEST_CASE("a title's Slack escapes are decoded, its markup kept") {
    CHECK(parsed_as<Declare>("declare DB &amp; cache &lt;slow&gt;").title == "DB & cache <slow>");
    CHECK(parsed_as<Declare>("declare <#C123|payments> down").title == "<#C123|payments> down");
}

TEST_CASE("a title is capped at 200 characters, counted as characters") {
    CHECK(parsed_as<Declare>("declare " + repeat("a", 200)).title.size() == 200);
    CHECK(parsed_as<Declare>("declare " + repeat("é", 200)).title == repeat("é", 200));
    UsageError too_long = refused("declare " + repeat("é", 201));
    CHECK_THAT(too_long.message, Catch::Contains("201 characters") && Catch::Contains("200"));
}

TEST_CASE("declare refuses a bad severity, a repeated option, an unknown option and a bad team") {
    CHECK_THAT(refused("declare sev5 checkout").message,
               Catch::Contains("`sev5` is not a severity"));
    CHECK_THAT(refused("declare SEV0 checkout").message, Catch::Contains("`SEV0`"));
    CHECK_THAT(refused("declare sev 7 checkout").message, Catch::Contains("`sev 7`"));
    CHECK_THAT(refused("declare sev1 sev2 checkout").message, Catch::Contains("twice"));
    CHECK_THAT(refused("declare --team a --team b checkout").message, Catch::Contains("twice"));
    CHECK_THAT(refused("declare --teams payments checkout").message,
               Catch::Contains("`--teams` is not an option"));
    CHECK_THAT(refused("declare --team").message, Catch::Contains("needs a team name"));
    CHECK_THAT(refused("declare --team= checkout").message, Catch::Contains("needs a team name"));
    CHECK_THAT(refused("declare --team pay.ments checkout").message,
               Catch::Contains("not a team name"));
}

TEST_CASE("sev takes exactly one severity from 1 to 4") {
    SECTION("written as a digit or as sevN in any case") {
        auto [text, expected] = GENERATE(table<std::string, Severity>({
            {"sev 1", Severity::sev1},
            {"sev 4", Severity::sev4},
            {"sev sev2", Severity::sev2},
            {"sev SEV3", Severity::sev3},
            {"sev   2  ", Severity::sev2},
        }));
        CHECK(parsed_as<SetSeverity>(text).severity == expected);
    }
    SECTION("anything else is refused with the usage line") {
        auto text = GENERATE(as<std::string>{}, "sev", "sev 0", "sev 5", "sev high", "sev sev5",
                             "sev -1", "sev 1.5");
        UsageError error = refused(text);
        CHECK(error.usage == "Usage: /incident sev <1-4>");
        CHECK_FALSE(error.message.empty());
    }
    SECTION("extra words are refused, not ignored") {
        CHECK_THAT(refused("sev 2 because checkout").message,
                   Catch::Contains("remove `because checkout`"));
        CHECK_THAT(refused("sev 2 3").message, Catch::Contains("remove `3`"));
    }
}

TEST_CASE("role assigns a known role to one @-mentioned person") {
    SECTION("a mention with a name") {
        CHECK(parsed_as<AssignRole>("role commander <@U012AB3CD|jane>") ==
              AssignRole{Role::commander, UserMention{"U012AB3CD", "jane"}});
    }
    SECTION("a mention without a name, and an enterprise user id") {
        CHECK(parsed_as<AssignRole>("role scribe <@W012AB3CD>") ==
              AssignRole{Role::scribe, UserMention{"W012AB3CD", ""}});
    }
    SECTION("a display name with spaces") {
        CHECK(parsed_as<AssignRole>("role comms <@U1|Jane Doe>").user.name == "Jane Doe");
    }
    SECTION("Slack's escapes in the name are decoded") {
        CHECK(parsed_as<AssignRole>("role comms <@U1|Tom &amp; Jerry>").user.name == "Tom & Jerry");
    }
    SECTION("the role in any case") {
        CHECK(parsed_as<AssignRole>("role COMMS <@U1>").role == Role::comms);
    }
}

TEST_CASE("role refuses what is not one Slack user mention") {
    SECTION("a typed @name or a bare word asks for a real @-mention") {
        auto text = GENERATE(as<std::string>{}, "role commander @jane", "role commander jane",
                             "role commander U012AB3CD");
        CHECK_THAT(refused(text).message,
                   Catch::Contains("not a Slack mention") && Catch::Contains("@-mention"));
    }
    SECTION("nobody named") {
        CHECK_THAT(refused("role commander").message, Catch::Contains("Say who"));
    }
    SECTION("no role") {
        CHECK_THAT(refused("role").message, Catch::Contains("needs a role"));
    }
    SECTION("an unknown role") {
        CHECK_THAT(refused("role lead <@U1>").message,
                   Catch::Contains("`lead` is not a role") &&
                       Catch::Contains("commander, comms or scribe"));
    }
    SECTION("a channel or a group is not a person") {
        CHECK_THAT(refused("role commander <#C1|ops>").message, Catch::Contains("is a channel"));
        CHECK_THAT(refused("role commander <!subteam^S1|@oncall>").message,
                   Catch::Contains("group"));
    }
    SECTION("a broken or forged mention") {
        CHECK_THAT(refused("role commander <@U1").message, Catch::Contains("broken mention"));
        CHECK_THAT(refused("role commander <@jane>").message,
                   Catch::Contains("not a user mention"));
        CHECK_THAT(refused("role commander <@C123|ops>").message,
                   Catch::Contains("not a user mention"));
    }
    SECTION("more than one person") {
        CHECK_THAT(refused("role commander <@U1> <@U2>").message,
                   Catch::Contains("one person") && Catch::Contains("remove `<@U2>`"));
    }
    SECTION("the answer shows how role is used") {
        CHECK(refused("role commander jane").usage ==
              "Usage: /incident role <commander|comms|scribe> <@user>");
    }
}

TEST_CASE("free text is recorded as typed, only trimmed") {
    const std::string text = "checkout  errors for <@U1|jane>'s team,\nsee <#C9|ops> &amp; retry";
    SECTION("update") {
        CHECK(parsed_as<PostUpdate>("update   " + text + "  \n") == PostUpdate{text});
    }
    SECTION("the typed facts carry their kind") {
        auto [subcommand, kind] = GENERATE(table<std::string, EntryKind>({
            {"impact", EntryKind::impact},
            {"system", EntryKind::system},
            {"action", EntryKind::action},
            {"note", EntryKind::note},
        }));
        const std::string value = subcommand == "system" ? "payments-api (eu-west)" : text;
        CHECK(parsed_as<AddFact>(subcommand + " " + value) == AddFact{kind, value});
    }
    SECTION("resolve with a summary") {
        CHECK(parsed_as<Resolve>("resolve " + text).summary == text);
    }
}

TEST_CASE("free text must be given and fit its limit") {
    SECTION("missing") {
        auto [text, expected] = GENERATE(table<std::string, std::string>({
            {"update", "`update` needs the text of the update"},
            {"impact  ", "`impact` needs the text to record"},
            {"system", "`system` needs the name of the system"},
            {"action", "`action` needs the text to record"},
            {"note\n", "`note` needs the text to record"},
        }));
        CHECK_THAT(refused(text).message, Catch::Contains(expected));
    }
    SECTION("3000 characters fit; 3001 do not") {
        CHECK(parsed_as<AddFact>("note " + repeat("ü", 3000)).text.size() == 6000);
        CHECK_THAT(refused("update " + repeat("x", 3001)).message,
                   Catch::Contains("3001 characters") && Catch::Contains("3000"));
        CHECK_THAT(refused("resolve " + repeat("x", 3001)).message,
                   Catch::Contains("The summary is 3001"));
    }
    SECTION("a system name is capped like a title") {
        CHECK_THAT(refused("system " + repeat("s", 201)).message,
                   Catch::Contains("The name is 201"));
    }
}

TEST_CASE("resolve's summary is optional") {
    CHECK(parsed_as<Resolve>("resolve") == Resolve{});
}

TEST_CASE("subcommands without arguments refuse extra words") {
    auto text = GENERATE(as<std::string>{}, "status now", "close please", "reopen INC-7",
                         "timeline 20", "list all");
    UsageError error = refused(text);
    CHECK_THAT(error.message, Catch::Contains("takes no arguments"));
    CHECK(error.usage.starts_with("Usage: /incident "));
}

TEST_CASE("postmortem reposts the draft, records its link, or marks it done") {
    CHECK(parsed_as<RepostPostmortem>("postmortem") == RepostPostmortem{});
    CHECK(parsed_as<MarkPostmortemDone>("postmortem done") == MarkPostmortemDone{});
    SECTION("a link as typed, or as Slack wraps it") {
        auto text = GENERATE(as<std::string>{}, "postmortem link https://wiki.example.com/pm/7",
                             "postmortem link <https://wiki.example.com/pm/7>",
                             "postmortem link <https://wiki.example.com/pm/7|the postmortem>",
                             "postmortem LINK   <https://wiki.example.com/pm/7>  ");
        CHECK(parsed_as<LinkPostmortem>(text).url == "https://wiki.example.com/pm/7");
    }
    SECTION("Slack's &amp; in a link is decoded") {
        CHECK(parsed_as<LinkPostmortem>("postmortem link <https://x.example/?a=1&amp;b=2>").url ==
              "https://x.example/?a=1&b=2");
    }
    SECTION("plain http and an upper-case scheme are links too") {
        CHECK(parsed_as<LinkPostmortem>("postmortem link http://10.0.0.1:8080/pm").url ==
              "http://10.0.0.1:8080/pm");
        CHECK(parsed_as<LinkPostmortem>("postmortem link HTTPS://wiki.example.com").url ==
              "HTTPS://wiki.example.com");
    }
}

TEST_CASE("postmortem refuses what it cannot record") {
    SECTION("a link that is not http(s)") {
        auto text = GENERATE(as<std::string>{}, "postmortem link ftp://files.example.com/pm",
                             "postmortem link wiki.example.com/pm",
                             "postmortem link <mailto:sre@example.com|sre@example.com>",
                             "postmortem link https://", "postmortem link https:///path",
                             "postmortem link <https://wiki.example.com");
        CHECK_THAT(refused(text).message, Catch::Contains("is not a web link"));
    }
    SECTION("no link, or two") {
        CHECK_THAT(refused("postmortem link").message, Catch::Contains("Give the link"));
        CHECK_THAT(refused("postmortem link https://a.example https://b.example").message,
                   Catch::Contains("Give one link"));
        CHECK_THAT(refused("postmortem link <https://a.example> extra").message,
                   Catch::Contains("remove `extra`"));
    }
    SECTION("an unknown action, or words after done") {
        CHECK_THAT(refused("postmortem publish").message,
                   Catch::Contains("`publish` is not a postmortem action"));
        CHECK_THAT(refused("postmortem done now").message, Catch::Contains("remove `now`"));
    }
    SECTION("the answer shows how postmortem is used") {
        CHECK(refused("postmortem publish").usage ==
              "Usage: /incident postmortem [link <url> | done]");
    }
}

TEST_CASE("an unknown subcommand is named, a near miss suggested, and help pointed at") {
    UsageError typo = refused("decalre sev2 checkout");
    CHECK_THAT(typo.message, Catch::Contains("`decalre` is not an /incident subcommand") &&
                                 Catch::Contains("Did you mean `declare`?") &&
                                 Catch::Contains("/incident help"));
    CHECK(typo.usage.starts_with("Usage: /incident <subcommand>"));
    CHECK_THAT(refused("lst").message, Catch::Contains("Did you mean `list`?"));
    SECTION("nothing is suggested for a word far from every subcommand") {
        CHECK_THAT(refused("deploy").message, !Catch::Contains("Did you mean"));
    }
}

TEST_CASE("words may be separated by runs of spaces, tabs, newlines and no-break spaces") {
    CHECK(parsed_as<SetSeverity>("  sev \t\n 2 ").severity == Severity::sev2);
    CHECK(parsed_as<SetSeverity>("sev\xC2\xA0"
                                 "1")
              .severity == Severity::sev1);
    CHECK(parsed_as<AssignRole>("role\t\tcommander\n<@U1>").role == Role::commander);
    CHECK(parsed_as<Declare>("declare\xC2\xA0sev2\xC2\xA0"
                             "checkout\xC2\xA0")
              .title == "checkout");
}

TEST_CASE("text that is not valid UTF-8 or holds control characters is refused") {
    SECTION("malformed UTF-8 anywhere") {
        auto text = GENERATE(as<std::string>{}, "declare caf\xC3", "note \xFF\xFE", "\x80status",
                             "declare \xED\xA0\x80");
        CHECK_THAT(refused(text).message, Catch::Contains("not valid UTF-8"));
    }
    SECTION("control characters other than tabs and line breaks") {
        CHECK_THAT(refused(std::string("note a\0b", 8)).message,
                   Catch::Contains("control character (U+0000)"));
        CHECK_THAT(refused("note a\x1B[31m").message, Catch::Contains("U+001B"));
        CHECK_THAT(refused("note \xC2\x85").message, Catch::Contains("U+0085"));
    }
}

TEST_CASE("a usage error quotes input as the person typed it, as plain text") {
    // Plain text: whoever posts it to Slack escapes it, so quoted markup stays inert there.
    CHECK_THAT(refused("<!channel> hello").message, Catch::Contains("`<!channel>`"));
    CHECK_THAT(refused("sev 1&amp;2").message, Catch::Contains("`1&2`"));
    SECTION("and shortens what it quotes, on a character boundary") {
        UsageError long_word = refused(repeat("ö", 500));
        CHECK_THAT(long_word.message, Catch::Contains(repeat("ö", 40) + "…`"));
        CHECK_THAT(long_word.message, !Catch::Contains(repeat("ö", 41)));
    }
}

TEST_CASE("only declare, list and help work outside an incident channel") {
    CHECK_FALSE(needs_incident_channel(parsed_as<Declare>("declare x")));
    CHECK_FALSE(needs_incident_channel(parsed_as<ListIncidents>("list")));
    CHECK_FALSE(needs_incident_channel(parsed_as<ShowHelp>("help")));
    auto text =
        GENERATE(as<std::string>{}, "status", "update x", "sev 1", "role scribe <@U1>", "impact x",
                 "system x", "action x", "note x", "resolve", "close", "reopen", "postmortem",
                 "postmortem link https://a.example", "postmortem done", "timeline");
    ParseResult result = parse_command(text);
    REQUIRE(std::holds_alternative<Command>(result));
    CHECK(needs_incident_channel(std::get<Command>(result)));
}

TEST_CASE("every command names the subcommand it came from") {
    auto [text, name] = GENERATE(table<std::string, std::string>({
        {"declare", "declare"},
        {"status", "status"},
        {"update x", "update"},
        {"sev 1", "sev"},
        {"role comms <@U1>", "role"},
        {"impact x", "impact"},
        {"system x", "system"},
        {"action x", "action"},
        {"note x", "note"},
        {"resolve", "resolve"},
        {"close", "close"},
        {"reopen", "reopen"},
        {"postmortem", "postmortem"},
        {"postmortem link https://a.example", "postmortem"},
        {"postmortem done", "postmortem"},
        {"timeline", "timeline"},
        {"list", "list"},
        {"help", "help"},
    }));
    ParseResult result = parse_command(text);
    REQUIRE(std::holds_alternative<Command>(result));
    CHECK(subcommand_name(std::get<Command>(result)) == name);
}

TEST_CASE("the usage table and the parser agree on every subcommand") {
    for (const SubcommandUsage& row : subcommand_usages()) {
        INFO(row.name);
        CHECK(row.usage.starts_with("/incident " + std::string(row.name)));
        CHECK(usage_line(row.name) == "Usage: " + std::string(row.usage));
        ParseResult bare = parse_command(row.name);
        if (auto* error = std::get_if<UsageError>(&bare))
            CHECK(error->usage == "Usage: " + std::string(row.usage));
        else
            CHECK(subcommand_name(std::get<Command>(bare)) == row.name);
    }
    CHECK(subcommand_usages().size() == 16);
    CHECK_FALSE(usage_line("deploy"));
}

TEST_CASE("the help text lists every subcommand on its own line") {
    const std::string help = help_text();
    std::size_t lines = 1;
    for (char c : help)
        lines += c == '\n' ? 1 : 0;
    CHECK(lines == subcommand_usages().size());
    for (const SubcommandUsage& row : subcommand_usages()) {
        INFO(row.name);
        CHECK_THAT(help, Catch::Contains("`" + std::string(row.usage) + "` — " +
                                         std::string(row.summary)));
    }
}
