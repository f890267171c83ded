// The listening socket: accepts connections on one port and serves each as HTTP, or as HTTPS
// when a certificate and key are configured.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "emulator/emulator.hpp"

namespace incidentd::emulator {

class Server {
  public:
    Server(boost::asio::io_context& io, Emulator& emulator);

    // Binds and listens; the error names what failed (e.g. the certificate file) or is empty.
    std::string listen(const Options& options);
    // "http://127.0.0.1:PORT" (or https) once listening.
    std::string base_url() const;
    void start();
    void stop();

  private:
    boost::asio::awaitable<void> accept_loop();
    boost::asio::awaitable<void> serve(boost::asio::ip::tcp::socket socket);

    boost::asio::io_context& io_;
    Emulator& emulator_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::optional<boost::asio::ssl::context> tls_;
    std::string host_;
};

}  // namespace incidentd::emulator
