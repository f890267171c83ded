// Specification of core/channel_name: incident channel names that Slack accepts, and Slack's
// answer to names it does not.
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "core/channel_name.hpp"

using namespace incidentd::core;

namespace {

Time utc(int y, unsigned m, unsigned d, int h = 0, int min = 0, int s = 0) {
    using namespace std::chrono;
    return Time{sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min} + seconds{s}};
}

std::string repeat(std::string_view piece, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i)
        out += piece;
    return out;
}

}  // namespace

TEST_CASE("a channel name is the prefix, the UTC date and the title's slug") {
    CHECK(channel_name("inc", utc(2026, 11, 24, 10), "Checkout latency") ==
          "inc-20261124-checkout-latency");
    SECTION("the date is the UTC day, whatever the hour") {
        CHECK(channel_name("inc", utc(2026, 11, 24, 23, 59, 59), "x") == "inc-20261124-x");
        CHECK(channel_name("inc", utc(2026, 11, 25), "x") == "inc-20261125-x");
        CHECK(channel_name("sev", utc(2027, 1, 2), "x") == "sev-20270102-x");
    }
    SECTION("a title with nothing to keep names the channel 'incident'") {
        CHECK(channel_name("inc", utc(2026, 11, 24), "🔥🔥🔥") == "inc-20261124-incident");
    }
}

TEST_CASE("a title's slug keeps lowercase ASCII letters and digits, one hyphen between words") {
    auto [title, slug] = GENERATE(table<std::string, std::string>({
        {"Checkout latency", "checkout-latency"},
        {"  API -- down!!  ", "api-down"},
        {"CPU at 100% on db-7", "cpu-at-100-on-db-7"},
        {"checkout_api timeouts", "checkout-api-timeouts"},
        {"a < b > c", "a-b-c"},
        {"Bob's laptop", "bobs-laptop"},
        {"Bob\xE2\x80\x99s laptop", "bobs-laptop"},
        {"", "incident"},
        {"---", "incident"},
    }));
    INFO(title);
    CHECK(channel_slug(title) == slug);
}

TEST_CASE("accented Latin letters are transliterated, other scripts and emoji dropped") {
    auto [title, slug] = GENERATE(table<std::string, std::string>({
        {"Café crème brûlée", "cafe-creme-brulee"},
        {"Straße gesperrt", "strasse-gesperrt"},
        {"Øresund Ærø Åland", "oresund-aero-aland"},
        {"Łódź Kraków", "lodz-krakow"},
        {"ŒUVRE Ĳssel", "oeuvre-ijssel"},
        {"ÀÉÎÕÜÇÑ Þór ð", "aeioucn-thor-d"},
        {"Žluťoučký kůň", "zlutoucky-kun"},
        {"e\xCC\x81t\xC3\xA9", "ete"},  // a combining accent joins its letter
        {"支付 outage", "outage"},
        {"決済", "incident"},
        {"db🔥down", "db-down"},
        {"2×2 ÷ 4", "2-2-4"},
    }));
    INFO(title);
    CHECK(channel_slug(title) == slug);
}

TEST_CASE("Slack markup in a title names the channel by its label") {
    CHECK(channel_slug("<@U1|jane> paged") == "jane-paged");
    CHECK(channel_slug("<#C1|ops>noise") == "ops-noise");
    CHECK(channel_slug("<@U1> paged") == "paged");
    CHECK(channel_slug("see <https://status.example.com|status page>") == "see-status-page");
    CHECK(channel_slug("see <https://status.example.com>") == "see");
}

TEST_CASE("a long title is shortened so the name stays within 80 characters") {
    const Time day = utc(2026, 11, 24);
    SECTION("at a word break when one is near") {
        const std::string title = repeat("checkout ", 20);
        const std::string name = channel_name("inc", day, title);
        CHECK(name.size() <= 80);
        CHECK(name.size() > 70);
        CHECK(name.starts_with("inc-20261124-checkout-checkout"));
        CHECK(name.ends_with("-checkout"));
        CHECK_FALSE(channel_name_error(name));
    }
    SECTION("inside a word that is longer than the room left") {
        const std::string name = channel_name("inc", day, repeat("x", 200));
        CHECK(name == "inc-20261124-" + repeat("x", 67));
        CHECK(name.size() == 80);
    }
    SECTION("never ending on a hyphen") {
        // 66 letters then a break: the 67th character of the slug would be the hyphen.
        const std::string name = channel_name("inc", day, repeat("y", 66) + " zz");
        CHECK(name == "inc-20261124-" + repeat("y", 66));
    }
    SECTION("with the longest prefix allowed") {
        const std::string prefix = repeat("p", 20);
        const std::string name = channel_name(prefix, day, repeat("word ", 40));
        CHECK(name.size() <= 80);
        CHECK_FALSE(channel_name_error(name));
    }
}

TEST_CASE("every generated name is one Slack accepts") {
    auto title = GENERATE(as<std::string>{}, "Checkout latency", "", "   ", "🔥", "Ünïcödé ∑ test",
                          "<@U1|x>", "___", "a-b_c", "9", "\xFF\xFE broken bytes");
    INFO(title);
    const std::string name = channel_name("inc", utc(2026, 11, 24), title);
    CHECK_FALSE(channel_name_error(name));
    CHECK(name.find("--") == std::string::npos);
    CHECK_FALSE(name.ends_with("-"));
}

TEST_CASE("a taken name gets -2, -3, … and stays within 80 characters") {
    CHECK(with_suffix("inc-20261124-checkout", 2) == "inc-20261124-checkout-2");
    CHECK(with_suffix("inc-20261124-checkout", 13) == "inc-20261124-checkout-13");
    SECTION("the base is shortened, not the suffix") {
        const std::string full = "inc-20261124-" + repeat("x", 67);
        REQUIRE(full.size() == 80);
        CHECK(with_suffix(full, 2) == "inc-20261124-" + repeat("x", 65) + "-2");
        CHECK(with_suffix(full, 100) == "inc-20261124-" + repeat("x", 63) + "-100");
    }
    SECTION("without leaving a doubled hyphen where the base was cut") {
        const std::string name = "inc-20261124-" + repeat("a", 64) + "-bc";
        REQUIRE(name.size() == 80);
        CHECK(with_suffix(name, 2) == "inc-20261124-" + repeat("a", 64) + "-2");
    }
    SECTION("a number below 2 leaves the name as it is") {
        CHECK(with_suffix("inc-x", 1) == "inc-x");
        CHECK(with_suffix("inc-x", 0) == "inc-x");
    }
}

TEST_CASE("a name Slack would refuse gets Slack's error code") {
    auto [name, code] = GENERATE(table<std::string, std::string>({
        {"", "invalid_name_required"},
        {repeat("a", 81), "invalid_name_maxlength"},
        {repeat("é", 81), "invalid_name_maxlength"},
        {"Inc-1", "invalid_name_specials"},
        {"inc 1", "invalid_name_specials"},
        {"inc.1", "invalid_name_specials"},
        {"#inc", "invalid_name_specials"},
        {"café", "invalid_name_specials"},
        {"---", "invalid_name_punctuation"},
        {"_", "invalid_name_punctuation"},
        {"-_-", "invalid_name_punctuation"},
    }));
    INFO(name);
    CHECK(channel_name_error(name) == code);
}

TEST_CASE("a name of lowercase letters, digits, '-' and '_' up to 80 characters is valid") {
    auto name = GENERATE(as<std::string>{}, "a", "9", "inc-20261124-checkout", "inc_2026",
                         "-leading", repeat("z", 80));
    INFO(name);
    CHECK_FALSE(channel_name_error(name));
}

TEST_CASE("a configured channel prefix is checked like a channel name, and stricter") {
    SECTION("short lowercase prefixes are fine") {
        auto prefix = GENERATE(as<std::string>{}, "inc", "sev", "ops_inc", "i-2", repeat("p", 20));
        INFO(prefix);
        CHECK_FALSE(channel_prefix_error(prefix));
    }
    SECTION("each problem is named") {
        auto [prefix, problem] = GENERATE(table<std::string, std::string>({
            {"", "is empty"},
            {repeat("p", 21), "21 characters long; keep it to 20"},
            {"INC", "upper-case letters; channel names are lowercase (try \"inc\")"},
            {"in c", "characters Slack refuses"},
            {"inc!", "characters Slack refuses"},
            {"--", "no letter or digit"},
            {"-inc", "starts or ends with '-' or '_'"},
            {"inc_", "starts or ends with '-' or '_'"},
        }));
        INFO(prefix);
        auto error = channel_prefix_error(prefix);
        REQUIRE(error);
        CHECK_THAT(*error, Catch::Contains(problem));
    }
}
