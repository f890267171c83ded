// Building the verifying TLS client context.
#include "slack/tls_context.hpp"

#include <openssl/ssl.h>

namespace incidentd::slack {

std::shared_ptr<boost::asio::ssl::context> make_client_tls_context(const std::string& ca_file,
                                                                   std::string& problem) {
    namespace ssl = boost::asio::ssl;
    auto context = std::make_shared<ssl::context>(ssl::context::tls_client);
    boost::system::error_code ec;
    // SSL_CTX_set_default_verify_paths: the system's CA store.
    context->set_default_verify_paths(ec);
    if (ec) {
        problem = "the system's CA certificates could not be loaded (" + ec.message() +
                  "); install ca-certificates";
        return nullptr;
    }
    if (!ca_file.empty()) {
        context->load_verify_file(ca_file, ec);
        if (ec) {
            problem = "[slack] ca_file \"" + ca_file +
                      "\" could not be read as PEM certificates (" + ec.message() +
                      "); point it at a readable PEM CA bundle or leave it empty";
            return nullptr;
        }
    }
    context->set_verify_mode(ssl::verify_peer);
    SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
    return context;
}

}  // namespace incidentd::slack
