// Specification of core/user_text: command text reposted as mrkdwn keeps the mentions a person
// picked and disarms everything else.
#include <catch2/catch.hpp>

#include <string>

#include "core/user_text.hpp"

using namespace incidentd::core;

TEST_CASE("mentions of people and channels stay mentions") {
    CHECK(user_mrkdwn("ask <@U0BOB|bob> and <@W0ENT> in <#C0OPS|ops>") ==
          "ask <@U0BOB|bob> and <@W0ENT> in <#C0OPS|ops>");
}

TEST_CASE("broadcasts, group mentions and disguised links show as typed") {
    auto [text, shown] = GENERATE(table<std::string, std::string>({
        {"<!channel> now", "&lt;!channel&gt; now"},
        {"<!here>", "&lt;!here&gt;"},
        {"<!subteam^S0ONCALL|oncall>", "&lt;!subteam^S0ONCALL|oncall&gt;"},
        {"<https://evil.example|our status page>", "&lt;https://evil.example|our status page&gt;"},
        {"<@u0lower>", "&lt;@u0lower&gt;"},
        {"<@U0BOB <!channel>>", "&lt;@U0BOB &lt;!channel&gt;&gt;"},
    }));
    INFO(text);
    CHECK(user_mrkdwn(text) == shown);
}

TEST_CASE("Slack's entities are kept and stray markup characters escaped") {
    CHECK(user_mrkdwn("a &amp; b &lt;c&gt;") == "a &amp; b &lt;c&gt;");
    CHECK(user_mrkdwn("a & b < c > d") == "a &amp; b &lt; c &gt; d");
    CHECK(user_mrkdwn("&copy; <") == "&amp;copy; &lt;");
}

TEST_CASE("text without markup is unchanged") {
    CHECK(user_mrkdwn("") == "");
    CHECK(user_mrkdwn("Rolled back *v42* — 日本") == "Rolled back *v42* — 日本");
}
