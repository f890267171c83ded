// Did-you-mean suggestions: near misses are suggested, different words are not.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/near_miss.hpp"

using namespace incidentd::core;

TEST_CASE("edit distance counts insertions, deletions and substitutions, ignoring case") {
    CHECK(edit_distance("", "") == 0);
    CHECK(edit_distance("close", "close") == 0);
    CHECK(edit_distance("CLOSE", "close") == 0);
    CHECK(edit_distance("clse", "close") == 1);
    CHECK(edit_distance("colse", "close") == 2);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("the closest near miss is suggested, whatever the candidates are held in") {
    const std::vector<std::string> keys{"archive_after", "postmortem_due", "timezone"};
    CHECK(closest_match("archive_afer", keys) == std::optional<std::string_view>("archive_after"));
    CHECK(closest_match("TIMEZONE", keys) == std::optional<std::string_view>("timezone"));
    const std::vector<std::string_view> words{"resolve", "reopen", "role"};
    CHECK(closest_match("reslove", words) == std::optional<std::string_view>("resolve"));
}

TEST_CASE("a different word, or one as short as its distance, suggests nothing") {
    const std::vector<std::string_view> words{"id", "title", "declare"};
    CHECK_FALSE(closest_match("frobnicate", words));
    CHECK_FALSE(closest_match("x", words));
    CHECK_FALSE(closest_match("", words));
}
