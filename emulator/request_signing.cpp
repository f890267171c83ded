// Slack's v0 request signature with OpenSSL's one-shot HMAC.
#include "emulator/request_signing.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace incidentd::emulator {

std::string slack_signature(std::string_view signing_secret, std::string_view timestamp,
                            std::string_view body) {
    std::string base = "v0:";
    base.append(timestamp).append(":").append(body);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), signing_secret.data(), static_cast<int>(signing_secret.size()),
              reinterpret_cast<const unsigned char*>(base.data()), base.size(), digest, &length))
        throw std::runtime_error("HMAC-SHA256 failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string signature = "v0=";
    for (unsigned int i = 0; i < length; ++i) {
        signature += hex[digest[i] >> 4];
        signature += hex[digest[i] & 0x0F];
    }
    return signature;
}

}  // namespace incidentd::emulator
