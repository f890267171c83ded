// ListenAddress: host:port with bracketed IPv6, and back to text.
#include <catch2/catch.hpp>

#include "config/listen_address.hpp"

using namespace incidentd::config;

TEST_CASE("listen addresses parse into host and port") {
    std::string problem;
    CHECK(parse_listen_address("0.0.0.0:3000", problem) == ListenAddress{"0.0.0.0", 3000});
    CHECK(parse_listen_address("localhost:8080", problem) == ListenAddress{"localhost", 8080});
    CHECK(parse_listen_address("[::1]:3000", problem) == ListenAddress{"::1", 3000});
    CHECK(parse_listen_address("[::]:65535", problem) == ListenAddress{"::", 65535});
    CHECK(parse_listen_address("127.0.0.1:0", problem) == ListenAddress{"127.0.0.1", 0});
}

TEST_CASE("a listen address prints back as it is written in the config") {
    CHECK(ListenAddress{"::1", 3000}.text() == "[::1]:3000");
    CHECK(ListenAddress{"0.0.0.0", 3000}.text() == "0.0.0.0:3000");
}

TEST_CASE("a malformed listen address is refused with a reason") {
    std::string problem;
    CHECK_FALSE(parse_listen_address("", problem));
    CHECK_FALSE(parse_listen_address("[::1]3000", problem));
    CHECK_THAT(problem, Catch::Contains("is not host:port"));
    CHECK_FALSE(parse_listen_address("host:-1", problem));
    CHECK_THAT(problem, Catch::Contains("a port is a number"));
    CHECK_FALSE(parse_listen_address("host:", problem));
    CHECK_FALSE(parse_listen_address("bad_host:80", problem));
    CHECK_THAT(problem, Catch::Contains("not a host name or IP address"));
}
