#include "core/hash_chain.hpp"

#include <openssl/evp.h>

#include <array>
#include <memory>
#include <stdexcept>

namespace incidentd::core {

const std::string genesis_hash(64, '0');

namespace {

// Each field is written as "<length>:<bytes>;" so no two different entries encode alike.
void put(std::string& out, std::string_view field) {
    out += std::to_string(field.size());
    out += ':';
    out += field;
    out += ';';
}

void put_optional(std::string& out, const std::optional<std::string>& field) {
    if (field) {
        out += '+';
        put(out, *field);
    } else {
        out += "-;";
    }
}

}  // namespace

std::string sha256_hex(std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0xf];
    }
    return out;
}

std::string entry_hash(const Entry& e, const std::string& previous_hash) {
    std::string encoded;
    encoded.reserve(256 + e.text.size() + e.payload.size());
    put(encoded, "incidentd-entry-v1");
    put(encoded, previous_hash);
    put(encoded, std::to_string(e.seq));
    put(encoded, e.ts);
    put(encoded, to_string(e.kind));
    put(encoded, std::to_string(e.at.time_since_epoch().count()));
    put(encoded, e.actor.id);
    put(encoded, e.actor.name);
    put(encoded, e.text);
    put_optional(encoded, e.thread_ts);
    put_optional(encoded, e.refers_to);
    put(encoded, e.permalink);
    put(encoded, e.key_event ? "1" : "0");
    put(encoded, e.payload);
    return sha256_hex(encoded);
}

std::optional<ChainBreak> verify_chain(std::span<const Entry> entries,
                                       const std::optional<ChainHead>& head) {
    std::string previous = genesis_hash;
    std::int64_t expected_seq = 1;
    for (const Entry& e : entries) {
        if (e.seq != expected_seq)
            return ChainBreak{e.seq, "seq " + std::to_string(e.seq) + " found where seq " +
                                         std::to_string(expected_seq) + " was expected"};
        if (entry_hash(e, previous) != e.hash)
            return ChainBreak{e.seq, "its content does not match its hash"};
        previous = e.hash;
        ++expected_seq;
    }
    if (!head) return std::nullopt;
    const std::int64_t last = expected_seq - 1;
    if (last < head->seq)
        return ChainBreak{last + 1, "entries " + std::to_string(last + 1) + " to " +
                                        std::to_string(head->seq) +
                                        " were recorded but are missing from the record"};
    if (last > head->seq)
        return ChainBreak{head->seq + 1, "the record was recorded as ending at entry " +
                                             std::to_string(head->seq) +
                                             ", but more entries follow it"};
    if (last > 0 && previous != head->hash)
        return ChainBreak{last, "its hash differs from the one recorded when it was appended"};
    return std::nullopt;
}

}  // namespace incidentd::core
