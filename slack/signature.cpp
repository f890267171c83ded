#include "slack/signature.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <charconv>
#include <stdexcept>

namespace incidentd::slack {

std::string compute_signature(std::string_view signing_secret, std::string_view timestamp,
                              std::string_view body) {
    std::string base;
    base.reserve(4 + timestamp.size() + body.size());
    base.append("v0:").append(timestamp).append(":").append(body);

    std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), signing_secret.data(), static_cast<int>(signing_secret.size()),
              reinterpret_cast<const unsigned char*>(base.data()), base.size(), mac.data(),
              &length))
        throw std::runtime_error("HMAC-SHA256 failed");

    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "v0=";
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[mac[i] >> 4];
        out += hex[mac[i] & 0xf];
    }
    return out;
}

std::string_view to_string(SignatureCheck c) {
    switch (c) {
        case SignatureCheck::valid:
            return "valid";
        case SignatureCheck::missing_headers:
            return "missing signature headers";
        case SignatureCheck::malformed_timestamp:
            return "malformed request timestamp";
        case SignatureCheck::stale_timestamp:
            return "request timestamp outside the replay window";
        case SignatureCheck::mismatch:
            return "signature mismatch";
    }
    return "unknown";
}

SignatureCheck verify_signature(std::string_view signing_secret, std::string_view timestamp_header,
                                std::string_view signature_header, std::string_view body,
                                std::chrono::system_clock::time_point now,
                                std::chrono::seconds window) {
    if (timestamp_header.empty() || signature_header.empty())
        return SignatureCheck::missing_headers;
    long long ts = 0;
    auto [end, ec] = std::from_chars(timestamp_header.data(),
                                     timestamp_header.data() + timestamp_header.size(), ts);
    if (ec != std::errc{} || end != timestamp_header.data() + timestamp_header.size() || ts <= 0)
        return SignatureCheck::malformed_timestamp;
    // Beyond the clock's range the conversion below would overflow (and could wrap to "now").
    constexpr auto latest = std::chrono::floor<std::chrono::seconds>(
        std::chrono::system_clock::time_point::max().time_since_epoch());
    if (ts > latest.count()) return SignatureCheck::stale_timestamp;
    const auto sent = std::chrono::system_clock::time_point{std::chrono::seconds{ts}};
    const auto skew = now > sent ? now - sent : sent - now;
    if (skew > window) return SignatureCheck::stale_timestamp;

    const std::string expected = compute_signature(signing_secret, timestamp_header, body);
    if (signature_header.size() != expected.size() ||
        CRYPTO_memcmp(signature_header.data(), expected.data(), expected.size()) != 0)
        return SignatureCheck::mismatch;
    return SignatureCheck::valid;
}

}  // namespace incidentd::slack
