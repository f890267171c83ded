// The words for how a Socket Mode link ended.
#include "slack/link_end.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/websocket/error.hpp>

namespace incidentd::slack {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;

std::string describe_error(const beast::error_code& ec, std::chrono::milliseconds silence) {
    if (ec == beast::websocket::error::closed) return "closed with a close frame";
    if (ec == beast::error::timeout)
        return "no frame for " + std::to_string(silence.count()) + " ms despite a ping: dead link";
    if (ec == asio::error::eof || ec == asio::error::connection_reset ||
        ec == asio::error::broken_pipe || ec == asio::ssl::error::stream_truncated)
        return "the TCP connection ended without a close frame";
    return ec.message();
}

}  // namespace

std::string describe_link_end(const LinkEnd& end, std::chrono::milliseconds silence) {
    if (end.write) {
        return std::string(end.write_was_close ? "the close handshake failed ("
                                               : "an ack could not be written (") +
               describe_error(end.write, silence) + ")";
    }
    // Beast ends a read that our close frame overtook with operation_aborted.
    if (end.close_sent && end.read == asio::error::operation_aborted)
        return "closed with a close frame";
    return describe_error(end.read, silence);
}

}  // namespace incidentd::slack
