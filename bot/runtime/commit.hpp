// Awaiting the one writer from a coroutine: the work runs in the writer's next group commit and
// the coroutine resumes on its own executor only once that commit is durable.
#pragma once

#include <SQLiteCpp/Database.h>

#include <exception>
#include <type_traits>
#include <utility>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "store/writer.hpp"

namespace incidentd::bot {

// The result of `work`, after COMMIT; rethrows what `work` (or the commit) threw.
template <class Work, class R = std::invoke_result_t<Work&, SQLite::Database&>>
boost::asio::awaitable<R> commit(store::Writer& writer, Work work) {
    static_assert(!std::is_void_v<R>, "return a value (e.g. bool) from the work");
    return boost::asio::async_initiate<decltype(boost::asio::use_awaitable),
                                       void(std::exception_ptr, R)>(
        [&writer](auto handler, Work w) {
            writer.submit(std::move(w), [handler = std::move(handler)](std::exception_ptr error,
                                                                       R result) mutable {
                // The writer thread completes requests; the coroutine continues on its own.
                auto executor = boost::asio::get_associated_executor(handler);
                boost::asio::post(executor, [handler = std::move(handler), error,
                                             result = std::move(result)]() mutable {
                    std::move(handler)(error, std::move(result));
                });
            });
        },
        boost::asio::use_awaitable, std::move(work));
}

}  // namespace incidentd::bot
