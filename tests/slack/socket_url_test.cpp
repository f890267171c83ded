// Socket Mode URLs: wss:// anywhere, ws:// only to loopback, and logs that never show the ticket.
#include <catch2/catch.hpp>

#include "slack/socket_url.hpp"

using namespace incidentd::slack;

TEST_CASE("a wss:// URL from apps.connections.open is accepted and its ticket kept out of logs") {
    std::string problem;
    auto url =
        parse_socket_url("wss://wss-primary.slack.com/link/?ticket=secret-1&app_id=A1", problem);
    REQUIRE(url);
    CHECK(url->origin.tls);
    CHECK(url->origin.host == "wss-primary.slack.com");
    CHECK(url->origin.port == "443");
    CHECK(url->target == "/link/?ticket=secret-1&app_id=A1");
    CHECK(url->redacted() == "wss://wss-primary.slack.com:443/link/");
}

TEST_CASE("plain ws:// is accepted for loopback hosts only") {
    std::string problem;
    auto local = parse_socket_url("ws://127.0.0.1:8080/link/?ticket=t", problem);
    REQUIRE(local);
    CHECK_FALSE(local->origin.tls);
    CHECK(local->origin.port == "8080");

    CHECK_FALSE(parse_socket_url("ws://wss-primary.slack.com/link/?ticket=secret-2", problem));
    CHECK_THAT(problem, Catch::Contains("not a loopback host"));
    CHECK_THAT(problem, !Catch::Contains("secret-2"));
}

TEST_CASE("other schemes and malformed URLs are refused without echoing the ticket") {
    std::string problem;
    CHECK_FALSE(parse_socket_url("https://slack.com/link/?ticket=secret-3", problem));
    CHECK_THAT(problem, Catch::Contains("wss://"));
    CHECK_THAT(problem, !Catch::Contains("secret-3"));
    CHECK_FALSE(parse_socket_url("not a url ?ticket=secret-4", problem));
    CHECK_THAT(problem, !Catch::Contains("secret-4"));
    CHECK_FALSE(parse_socket_url("wss://:0/link/", problem));
}
