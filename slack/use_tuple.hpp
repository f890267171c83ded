// The completion token for awaited network steps whose failure is an expected outcome (peer closed,
// timeout): the error comes back as a value in a tuple instead of as an exception.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace incidentd::slack {

inline constexpr auto use_tuple = boost::asio::as_tuple(boost::asio::use_awaitable);

}  // namespace incidentd::slack
