// The words the Socket Mode client logs for how a link ended name what ended it first.
#include <catch2/catch.hpp>

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/websocket/error.hpp>

#include "slack/link_end.hpp"

using incidentd::slack::describe_link_end;
using incidentd::slack::LinkEnd;
namespace asio = boost::asio;
namespace beast = boost::beast;
using namespace std::chrono_literals;

TEST_CASE("a link whose ack could not be written is logged with the write's cause") {
    // The writer drops the link when an ack fails; the read then ends with operation_aborted.
    LinkEnd end{asio::error::operation_aborted, asio::error::broken_pipe, false, false};
    const std::string why = describe_link_end(end, 20s);
    CHECK(why == "an ack could not be written (the TCP connection ended without a close frame)");
    CHECK_THAT(why, !Catch::Contains(beast::error_code(asio::error::operation_aborted).message()));

    SECTION("any other write error is named as the system names it") {
        end.write = asio::error::no_buffer_space;
        CHECK(describe_link_end(end, 20s) ==
              "an ack could not be written (" +
                  beast::error_code(asio::error::no_buffer_space).message() + ")");
    }
    SECTION("a failed close handshake says so, even though the close frame went out") {
        end.write = beast::error::timeout;
        end.write_was_close = true;
        end.close_sent = true;
        CHECK(describe_link_end(end, 20s) ==
              "the close handshake failed (no frame for 20000 ms despite a ping: dead link)");
    }
}

TEST_CASE("a link that ended on its own is logged by how its read ended") {
    const auto read_end = [](beast::error_code read, bool close_sent = false) {
        return describe_link_end({read, {}, false, close_sent}, 20s);
    };
    CHECK(read_end(beast::websocket::error::closed) == "closed with a close frame");
    CHECK(read_end(beast::error::timeout) == "no frame for 20000 ms despite a ping: dead link");
    CHECK(read_end(asio::error::eof) == "the TCP connection ended without a close frame");
    CHECK(read_end(asio::error::connection_reset) ==
          "the TCP connection ended without a close frame");
    // Beast ends the read our own close frame overtook with operation_aborted.
    CHECK(read_end(asio::error::operation_aborted, true) == "closed with a close frame");
    CHECK(read_end(asio::error::operation_aborted, false) ==
          beast::error_code(asio::error::operation_aborted).message());
}
