// Specification of core/utf8: well-formed UTF-8 only, counted in code points.
#include <catch2/catch.hpp>

#include <string>

#include "core/utf8.hpp"

using namespace incidentd::core;

TEST_CASE("well-formed UTF-8 decodes one code point at a time") {
    const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x94\xA5";  // a é € 🔥
    REQUIRE(is_valid_utf8(text));
    auto a = decode_utf8(text, 0);
    auto e = decode_utf8(text, 1);
    auto euro = decode_utf8(text, 3);
    auto fire = decode_utf8(text, 6);
    REQUIRE((a && e && euro && fire));
    CHECK((a->value == U'a' && a->length == 1));
    CHECK((e->value == U'\u00E9' && e->length == 2));
    CHECK((euro->value == U'\u20AC' && euro->length == 3));
    CHECK((fire->value == U'\U0001F525' && fire->length == 4));
    CHECK(count_code_points(text) == 4);
    SECTION("past the end there is nothing to decode") {
        CHECK_FALSE(decode_utf8(text, 10));
    }
    SECTION("the edges of the code space are valid") {
        CHECK(is_valid_utf8("\xEF\xBF\xBF"));      // U+FFFF
        CHECK(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
        CHECK(is_valid_utf8(std::string(1, '\0')));
    }
}

TEST_CASE("malformed UTF-8 is refused") {
    auto bytes = GENERATE(as<std::string>{},
                          "\x80",              // a continuation byte on its own
                          "\xC3",              // a sequence cut short
                          "\xE2\x82",          // a sequence cut short
                          "\xC3\x28",          // a lead byte followed by ASCII
                          "\xC0\xAF",          // overlong '/'
                          "\xE0\x80\xAF",      // overlong '/'
                          "\xF0\x80\x80\xAF",  // overlong '/'
                          "\xED\xA0\x80",      // a UTF-16 surrogate
                          "\xF4\x90\x80\x80",  // above U+10FFFF
                          "\xF5\x80\x80\x80", "\xFF", "ok\xFE");
    INFO("bytes: " << bytes.size());
    CHECK_FALSE(is_valid_utf8(bytes));
}

TEST_CASE("a malformed byte counts as one code point") {
    CHECK(count_code_points("a\xFF"
                            "b") == 3);
    CHECK(count_code_points("\xC3") == 1);
    CHECK(count_code_points("") == 0);
}
