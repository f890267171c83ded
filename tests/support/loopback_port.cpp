#include "support/loopback_port.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

namespace incidentd::test {

unsigned short reserve_loopback_port() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0},
                                            /*reuse_address=*/false);
    const unsigned short port = acceptor.local_endpoint().port();
    acceptor.close();
    return port;
}

}  // namespace incidentd::test
