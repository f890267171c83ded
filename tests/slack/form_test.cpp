// Form bodies as Slack sends them: percent-encoding, '+' for spaces, UTF-8, and round trips.
#include <catch2/catch.hpp>

#include "slack/form.hpp"

using namespace incidentd::slack;

TEST_CASE("a slash command body decodes into its fields") {
    auto fields = parse_form(
        "command=%2Fincident&text=declare+sev2+%22checkout+is+down%22&user_id=U2CERLKJA&"
        "response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1%2F2%2F3");
    REQUIRE(fields);
    CHECK(fields->at("command") == "/incident");
    CHECK(fields->at("text") == "declare sev2 \"checkout is down\"");
    CHECK(fields->at("user_id") == "U2CERLKJA");
    CHECK(fields->at("response_url") == "https://hooks.slack.com/commands/T1/2/3");
}

TEST_CASE("an empty value, a key without '=' and UTF-8 text decode as sent") {
    auto fields = parse_form("text=&flag&title=caf%C3%A9+%F0%9F%94%A5");
    REQUIRE(fields);
    CHECK(fields->at("text").empty());
    CHECK(fields->count("flag") == 1);
    CHECK(fields->at("title") == "café 🔥");
}

TEST_CASE("a body that is part of a larger buffer decodes only its own bytes") {
    // Found by fuzz_inbound: Boost.URL measured the body with strlen and read past its end.
    const std::string buffer = "text=hi&user_id=U1 and what follows in memory";
    auto fields = parse_form(std::string_view(buffer).substr(0, buffer.find(' ')));
    REQUIRE(fields);
    CHECK(fields->at("text") == "hi");
    CHECK(fields->at("user_id") == "U1");
}

TEST_CASE("a body with a NUL byte is not a form") {
    CHECK_FALSE(parse_form(std::string_view("text=hi\0&user_id=U1", 19)));
}

TEST_CASE("a body with a broken percent escape is not a form") {
    CHECK_FALSE(parse_form("text=%ZZ"));
    CHECK_FALSE(parse_form("text=%4"));
}

TEST_CASE("encoded fields decode back to the same values") {
    const std::vector<std::pair<std::string, std::string>> fields{
        {"channel", "C123"},
        {"text", "a & b = <c> + 100% \"quoted\" café\nnew line"},
        {"blocks", R"([{"type":"section","text":{"type":"mrkdwn","text":"*hi*"}}])"}};
    const std::string body = encode_form(fields);
    CHECK(body.find(' ') == std::string::npos);
    CHECK(body.find('\n') == std::string::npos);
    auto decoded = parse_form(body);
    REQUIRE(decoded);
    for (const auto& [key, value] : fields)
        CHECK(decoded->at(key) == value);
}
