// slack-emulator: parses the command line, serves until SIGTERM/SIGINT, and prints one line with
// its URL once it listens.
#include <csignal>
#include <cstdio>
#include <iostream>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "emulator/emulator.hpp"
#include "emulator/options.hpp"
#include "emulator/server.hpp"

int main(int argc, char** argv) {
    using namespace incidentd::emulator;
    auto parsed = parse_options(argc, argv);
    if (auto* exit = std::get_if<ParseExit>(&parsed)) {
        (exit->code == 0 ? std::cout : std::cerr) << exit->text;
        return exit->code;
    }
    const Options options = std::get<Options>(parsed);

    // stdout carries only the "listening" line; logs go to stderr.
    spdlog::set_default_logger(spdlog::stderr_color_mt("slack-emulator"));
    spdlog::set_level(spdlog::level::from_str(options.log_level));

    boost::asio::io_context io{1};
    Emulator emulator(io.get_executor(), options);
    Server server(io, emulator);
    if (auto error = server.listen(options); !error.empty()) {
        std::cerr << "slack-emulator: " << error << "\n";
        return 1;
    }
    emulator.set_base_url(server.base_url());

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int signal) {
        if (ec) return;
        spdlog::info("signal {}: stopping", signal);
        server.stop();
        io.stop();
    });

    server.start();
    emulator.start();
    std::cout << "slack-emulator listening on " << server.base_url() << std::endl;
    io.run();
    return 0;
}
