// The Web API base URL: https anywhere, plain http only to loopback hosts.
#include <catch2/catch.hpp>

#include "slack/api_url.hpp"

using namespace incidentd::slack;

namespace {

std::optional<ApiUrl> parse(const std::string& text, std::string& problem) {
    return parse_api_url(text, problem);
}

}  // namespace

TEST_CASE("an https base URL is split into origin and path, port 443 by default") {
    std::string problem;
    auto url = parse("https://slack.com/api/", problem);
    REQUIRE(url);
    CHECK(url->origin.tls);
    CHECK(url->origin.host == "slack.com");
    CHECK(url->origin.port == "443");
    CHECK(url->origin.host_header() == "slack.com");
    CHECK(url->path == "/api/");
    CHECK(method_target(*url, "chat.postMessage") == "/api/chat.postMessage");
}

TEST_CASE("a base URL without a trailing slash still gets methods appended after one") {
    std::string problem;
    auto url = parse("https://slack.example.org:8443/api", problem);
    REQUIRE(url);
    CHECK(url->origin.port == "8443");
    CHECK(url->origin.host_header() == "slack.example.org:8443");
    CHECK(method_target(*url, "auth.test") == "/api/auth.test");
}

TEST_CASE("plain http is accepted for loopback hosts") {
    std::string problem;
    for (const char* text : {"http://127.0.0.1:9000/api/", "http://127.8.9.10/api/",
                             "http://localhost:9000/api/", "http://[::1]:9000/api/"}) {
        INFO(text);
        auto url = parse(text, problem);
        REQUIRE(url);
        CHECK_FALSE(url->origin.tls);
    }
    auto v6 = parse("http://[::1]:9000/api/", problem);
    REQUIRE(v6);
    CHECK(v6->origin.host == "::1");
    CHECK(v6->origin.host_header() == "[::1]:9000");
}

TEST_CASE("plain http to any other host is refused with a message saying to use https") {
    for (const char* text : {"http://slack.com/api/", "http://10.0.0.1/api/",
                             "http://192.168.1.1:8080/api/", "http://128.0.0.1/api/"}) {
        INFO(text);
        std::string problem;
        CHECK_FALSE(parse(text, problem));
        CHECK_THAT(problem, Catch::Contains("not a loopback host") && Catch::Contains("https://"));
    }
}

TEST_CASE("URLs that are not http(s) or not absolute are refused with the reason") {
    std::string problem;
    CHECK_FALSE(parse("ftp://127.0.0.1/api/", problem));
    CHECK_THAT(problem, Catch::Contains("https://"));
    CHECK_FALSE(parse("slack.com/api/", problem));
    CHECK_THAT(problem, Catch::Contains("absolute URL"));
    CHECK_FALSE(parse("https://user:pw@slack.com/api/", problem));
    CHECK_THAT(problem, Catch::Contains("user"));
}

TEST_CASE("a one-off URL keeps its query in the path") {
    std::string problem;
    auto url = parse("https://files.slack.com/upload/v1/abc?sig=x%2By", problem);
    REQUIRE(url);
    CHECK(url->origin.host == "files.slack.com");
    CHECK(url->path == "/upload/v1/abc?sig=x%2By");
}

TEST_CASE("loopback hosts are 127.0.0.0/8, ::1 and localhost only") {
    CHECK(is_loopback_host("127.0.0.1"));
    CHECK(is_loopback_host("127.255.0.1"));
    CHECK(is_loopback_host("::1"));
    CHECK(is_loopback_host("localhost"));
    CHECK_FALSE(is_loopback_host("localhost.example.com"));
    CHECK_FALSE(is_loopback_host("0.0.0.0"));
    CHECK_FALSE(is_loopback_host("::"));
    CHECK_FALSE(is_loopback_host("10.0.0.1"));
}
