// Specification of core/time: ISO 8601 text, Slack timestamps and durations.
#include <catch2/catch.hpp>

#include <chrono>

#include "core/time.hpp"

using namespace incidentd::core;
using namespace std::chrono_literals;

namespace {
Time at_seconds(long long s) {
    return Time{std::chrono::seconds{s}};
}
}  // namespace

TEST_CASE("a time is written as UTC ISO 8601 to the second") {
    CHECK(to_iso8601(at_seconds(0)) == "1970-01-01T00:00:00Z");
    CHECK(to_iso8601(at_seconds(1795514400)) == "2026-11-24T10:00:00Z");
    SECTION("milliseconds are dropped, not rounded") {
        CHECK(to_iso8601(at_seconds(1795514400) + 999ms) == "2026-11-24T10:00:00Z");
    }
    SECTION("a leap day is written as such") {
        CHECK(to_iso8601(at_seconds(1709164800)) == "2024-02-29T00:00:00Z");
    }
}

TEST_CASE("ISO 8601 text reads back to the same time") {
    for (long long s : {0LL, 951782400LL, 1795514400LL, 1795564799LL}) {
        INFO(s);
        auto parsed = parse_iso8601(to_iso8601(at_seconds(s)));
        REQUIRE(parsed);
        CHECK(*parsed == at_seconds(s));
    }
}

TEST_CASE("ISO 8601 text that is not exactly YYYY-MM-DDTHH:MM:SSZ is refused") {
    auto text =
        GENERATE(as<std::string>{}, "", "2026-11-24", "2026-11-24T10:00:00",
                 "2026-11-24T10:00:00+00:00", "2026-11-24 10:00:00Z", "2026-11-24t10:00:00Z",
                 "2026-13-24T10:00:00Z", "2026-02-30T10:00:00Z", "2026-11-24T24:00:00Z",
                 "2026-11-24T10:60:00Z", "2026-11-24T-1:00:00Z", "2026-11-24T10:-1:00Z",
                 "-001-11-24T10:00:00Z", "2026-1a-24T10:00:00Z", "2026-11-24T10:00:00.5Z");
    INFO(text);
    CHECK_FALSE(parse_iso8601(text));
}

TEST_CASE("a Slack ts becomes a time with millisecond precision") {
    CHECK(slack_ts_to_time("1764000000.000100") == at_seconds(1764000000));
    CHECK(slack_ts_to_time("1764000000.123456") == at_seconds(1764000000) + 123ms);
    CHECK(slack_ts_to_time("1764000000") == at_seconds(1764000000));
    SECTION("a short fraction is a fraction of a second, not of a microsecond") {
        CHECK(slack_ts_to_time("1764000000.5") == at_seconds(1764000000) + 500ms);
    }
    SECTION("what is not a ts is refused") {
        auto text = GENERATE(as<std::string>{}, "", "abc", ".5", "-1.000000", "1.1234567", "1.-5",
                             "1,5", "1.5x");
        INFO(text);
        CHECK_FALSE(slack_ts_to_time(text));
    }
}

TEST_CASE("a ts past the year 9999 is refused rather than overflowing") {
    // Found by fuzz_render: the seconds were scaled to milliseconds without a bound.
    CHECK(slack_ts_to_time("253402300799.999999") == at_seconds(253402300799) + 999ms);
    CHECK_FALSE(slack_ts_to_time("253402300800.000000"));
    CHECK_FALSE(slack_ts_to_time("176400001764000013.000000"));
    CHECK_FALSE(slack_ts_to_time("9223372036854775807"));
}

TEST_CASE("Slack ts strings are ordered by value, not as text") {
    CHECK(slack_ts_less("999.000001", "1000.000000"));
    CHECK_FALSE(slack_ts_less("1000.000000", "999.000001"));
    CHECK(slack_ts_less("1764000000.09", "1764000000.1"));
    CHECK(slack_ts_less("1764000000.000100", "1764000000.000101"));
    SECTION("equal values are not less in either direction") {
        CHECK_FALSE(slack_ts_less("1764000000.0001", "1764000000.000100"));
        CHECK_FALSE(slack_ts_less("1764000000.000100", "1764000000.0001"));
    }
    SECTION("malformed ts strings sort after every valid one") {
        CHECK(slack_ts_less("1764000000.000100", "garbage"));
        CHECK_FALSE(slack_ts_less("garbage", "1764000000.000100"));
    }
}

TEST_CASE("a moment written as a Slack ts reads back as the same moment") {
    const Time t = at_seconds(1764000000) + 123ms;
    CHECK(time_to_slack_ts(t) == "1764000000.123000");
    CHECK(slack_ts_to_time(time_to_slack_ts(t)) == t);
    CHECK(time_to_slack_ts(at_seconds(1764000000)) == "1764000000.000000");
    CHECK(slack_ts_less(time_to_slack_ts(t), time_to_slack_ts(t + 1ms)));
}

TEST_CASE("durations are written like 24h, 30m, 7d or 1h30m") {
    CHECK(parse_duration("24h") == std::chrono::seconds{86400});
    CHECK(parse_duration("30m") == std::chrono::seconds{1800});
    CHECK(parse_duration("7d") == std::chrono::seconds{7 * 86400});
    CHECK(parse_duration("90s") == std::chrono::seconds{90});
    CHECK(parse_duration("0s") == std::chrono::seconds{0});
    CHECK(parse_duration("2w") == std::chrono::seconds{14 * 86400});
    CHECK(parse_duration("1h30m") == std::chrono::seconds{5400});
    SECTION("anything else is refused") {
        auto text = GENERATE(as<std::string>{}, "", "h", "24", "24x", "1.5h", "-1h", " 1h", "1h ",
                             "1 h", "1H", "9999999999s", "soon");
        INFO(text);
        CHECK_FALSE(parse_duration(text));
    }
}

TEST_CASE("durations are shown in their two largest units") {
    CHECK(format_duration(std::chrono::seconds{5400}) == "1h 30m");
    CHECK(format_duration(std::chrono::seconds{2 * 86400 + 3 * 3600 + 5 * 60}) == "2d 3h");
    CHECK(format_duration(std::chrono::seconds{45}) == "45s");
    CHECK(format_duration(std::chrono::seconds{125}) == "2m 5s");
    CHECK(format_duration(std::chrono::seconds{0}) == "0s");
    CHECK(format_duration(std::chrono::seconds{86400}) == "1d");
}

TEST_CASE("a ts without its dot is written as seconds.microseconds so it sorts with the rest") {
    CHECK(normalised_slack_ts("1515449522000016") == "1515449522.000016");
    CHECK(normalised_slack_ts("1515449522123") == "1515449522.123000");
    CHECK(normalised_slack_ts("1515449522") == "1515449522.000000");
    CHECK(slack_ts_less(normalised_slack_ts("1515449522000016"), "1515449523.000000"));
    CHECK(slack_ts_to_time(normalised_slack_ts("1515449522000016")) == at_seconds(1515449522));
    SECTION("a ts Slack wrote with its dot, or text that is no ts, is left as it came") {
        CHECK(normalised_slack_ts("1515449522.000016") == "1515449522.000016");
        CHECK(normalised_slack_ts("") == "");
        CHECK(normalised_slack_ts("15154495220000161") == "15154495220000161");
        CHECK(normalised_slack_ts("1515449522x") == "1515449522x");
    }
}
