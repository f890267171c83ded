// Runs one coroutine to completion on a test's io_context, bounded in time, and hands back its
// result; a coroutine still running at the bound fails the test.
#pragma once

#include <chrono>
#include <future>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <catch2/catch.hpp>

namespace incidentd::test {

template <class T>
T run_coroutine(boost::asio::io_context& io, boost::asio::awaitable<T> task,
                std::chrono::milliseconds limit = std::chrono::seconds(30)) {
    auto future = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
    io.restart();
    io.run_for(limit);
    REQUIRE(future.wait_for(std::chrono::seconds(0)) == std::future_status::ready);
    return future.get();
}

}  // namespace incidentd::test
