// Base64 via OpenSSL's EVP block coder.
#include "emulator/cursor.hpp"

#include <vector>

#include <openssl/evp.h>

namespace incidentd::emulator {

std::string encode_cursor(std::string_view plain) {
    std::vector<unsigned char> out(4 * ((plain.size() + 2) / 3) + 1);
    const int n = EVP_EncodeBlock(out.data(), reinterpret_cast<const unsigned char*>(plain.data()),
                                  static_cast<int>(plain.size()));
    return std::string(out.begin(), out.begin() + n);
}

std::optional<std::string> decode_cursor(std::string_view cursor) {
    if (cursor.empty() || cursor.size() % 4 != 0) return std::nullopt;
    std::vector<unsigned char> out(cursor.size());
    const int n = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(cursor.data()),
                                  static_cast<int>(cursor.size()));
    if (n < 0) return std::nullopt;
    std::size_t length = static_cast<std::size_t>(n);
    // EVP_DecodeBlock keeps the zero bytes that padding stands for; drop them.
    if (cursor.ends_with("==")) {
        length -= 2;
    } else if (cursor.ends_with("=")) {
        length -= 1;
    }
    std::string plain(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(length));
    if (!plain.starts_with("next_ts:") && !plain.starts_with("offset:")) return std::nullopt;
    return plain;
}

}  // namespace incidentd::emulator
