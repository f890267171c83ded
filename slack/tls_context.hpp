// The TLS client context for Web API calls: the system's CAs plus an optional extra CA file, peer
// verification on, nothing older than TLS 1.2.
#pragma once

#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>

namespace incidentd::slack {

// The context, or nothing with `problem` naming the file that could not be used and why.
std::shared_ptr<boost::asio::ssl::context> make_client_tls_context(const std::string& ca_file,
                                                                   std::string& problem);

}  // namespace incidentd::slack
