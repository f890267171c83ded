// Escaping user text for Slack mrkdwn and Markdown documents, and cutting UTF-8 text safely.
#include <catch2/catch.hpp>

#include <string>

#include "core/text_escape.hpp"

using namespace incidentd::core;

TEST_CASE("mrkdwn escaping replaces exactly &, < and >") {
    CHECK(escape_mrkdwn("<!channel> deploy & roll back > 5%") ==
          "&lt;!channel&gt; deploy &amp; roll back &gt; 5%");
    CHECK(escape_mrkdwn("&amp;") == "&amp;amp;");
    CHECK(escape_mrkdwn("*bold* _it_ `code` ~s~ café 🔥\n") == "*bold* _it_ `code` ~s~ café 🔥\n");
    CHECK(escape_mrkdwn("").empty());
}

TEST_CASE("Markdown escaping keeps plain text as it is") {
    CHECK(escape_markdown("checkout latency is up 40% since 10:02, see dashboard") ==
          "checkout latency is up 40% since 10:02, see dashboard");
    CHECK(escape_markdown("café 🔥 naïve") == "café 🔥 naïve");
    CHECK(escape_markdown("a # in the middle and a - too") == "a # in the middle and a - too");
    CHECK(escape_markdown("AT&T & friends") == "AT&T & friends");
}

TEST_CASE("user text cannot start a block in a Markdown document") {
    SECTION("a heading") {
        CHECK(escape_markdown("# heading") == "\\# heading");
    }
    SECTION("a bullet or a thematic break") {
        CHECK(escape_markdown("- item") == "\\- item");
        CHECK(escape_markdown("+ item") == "\\+ item");
        CHECK(escape_markdown("---") == "\\---");
        CHECK(escape_markdown("***") == "\\*\\*\\*");
    }
    SECTION("an ordered list item") {
        CHECK(escape_markdown("1. first") == "1\\. first");
        CHECK(escape_markdown("12) twelfth") == "12\\) twelfth");
        CHECK(escape_markdown("2026 was fine") == "2026 was fine");
    }
    SECTION("a quote, a fence or a setext underline") {
        CHECK(escape_markdown("> quoted") == "\\> quoted");
        CHECK(escape_markdown("```sh") == "\\`\\`\\`sh");
        CHECK(escape_markdown("~~~") == "\\~\\~\\~");
        CHECK(escape_markdown("title\n===") == "title\\\n\\===");
    }
    SECTION("an indented code block") {
        CHECK(escape_markdown("        rm -rf /") == "rm -rf /");
    }
    SECTION("on any line of multi-line text") {
        CHECK(escape_markdown("ok\n# heading\n- item") == "ok\\\n\\# heading\\\n\\- item");
    }
}

TEST_CASE("user text cannot form links, emphasis, HTML, entities or tables") {
    CHECK(escape_markdown("[link](javascript:x)") == "\\[link\\](javascript:x)");
    CHECK(escape_markdown("![img](http://x/a.png)") == "!\\[img\\](http://x/a.png)");
    CHECK(escape_markdown("<!channel> <script>") == "\\<!channel\\> \\<script\\>");
    CHECK(escape_markdown("*bold* _it_ `code` ~~gone~~") ==
          "\\*bold\\* \\_it\\_ \\`code\\` \\~\\~gone\\~\\~");
    CHECK(escape_markdown("|table|") == "\\|table\\|");
    CHECK(escape_markdown("&amp; &#60; &copy;") == "\\&amp; \\&#60; \\&copy;");
    CHECK(escape_markdown("C:\\path") == "C:\\\\path");
}

TEST_CASE("line breaks stay inside the paragraph they are in") {
    SECTION("as hard breaks, with blank lines and indentation dropped") {
        CHECK(escape_markdown("first\n\n\n   second\r\nthird\rfourth") ==
              "first\\\nsecond\\\nthird\\\nfourth");
    }
    SECTION("as spaces for one-line places") {
        CHECK(escape_markdown("first\n\nsecond", Newlines::space) == "first second");
    }
    SECTION("leading and trailing blank lines disappear") {
        CHECK(escape_markdown("\n\n  text  \n\n") == "text");
        CHECK(escape_markdown("\n \t\n").empty());
    }
    SECTION("control characters become spaces") {
        CHECK(escape_markdown(std::string("a\tb\0c\x1b", 6)) == "a b c");
    }
}

TEST_CASE("truncating UTF-8 counts code points, not bytes") {
    CHECK(truncate_utf8("hello", 10) == "hello");
    CHECK(truncate_utf8("hello", 5) == "hello");
    CHECK(truncate_utf8("hello", 3) == "hel");
    CHECK(truncate_utf8("café🔥ok", 5) == "café🔥");
    CHECK(truncate_utf8("🔥🔥🔥", 2) == "🔥🔥");
    CHECK(truncate_utf8("anything", 0).empty());
    CHECK(truncate_utf8("", 3).empty());
}

TEST_CASE("a truncation marker ends cut text and counts toward the limit") {
    CHECK(truncate_utf8("checkout latency", 9, "…") == "checkout…");
    CHECK(truncate_utf8("checkout", 9, "…") == "checkout");
    CHECK(truncate_utf8("éééé", 3, "…") == "éé…");
    CHECK(truncate_utf8("abcdef", 2, "...") == "ab");
}

TEST_CASE("truncation never splits a code point, even in broken UTF-8") {
    const std::string broken =
        "a\xe2\x82"
        "b\xff\xf0\x9f\x94\xa5";  // cut € , stray byte, 🔥
    CHECK(truncate_utf8(broken, 2) == "a\xe2");
    CHECK(truncate_utf8(broken, 5) ==
          "a\xe2\x82"
          "b\xff");
    CHECK(truncate_utf8(broken, 6) == broken);
    CHECK(truncate_utf8("\xf0\x9f\x94", 10) == "\xf0\x9f\x94");
}
