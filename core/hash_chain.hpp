// Tamper evidence for the incident record: each entry's hash covers its own content and the
// previous entry's hash, so changing, removing or reordering any entry breaks every later link.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/entry.hpp"

namespace incidentd::core {

// Lowercase hex SHA-256 of `data`: the chain's hash, also a short stable name for long text.
std::string sha256_hex(std::string_view data);

// The hash of the (absent) entry before the first one: 64 zeros.
extern const std::string genesis_hash;

// Hex SHA-256 over an unambiguous, length-prefixed encoding of every field of `e` except `hash`
// (seq, ts, kind, at, actor, text, thread_ts, refers_to, permalink, key_event, payload),
// preceded by `previous_hash`.
std::string entry_hash(const Entry& e, const std::string& previous_hash);

// The first entry whose stored hash does not match, and why; empty when the chain holds.
struct ChainBreak {
    std::int64_t seq = 0;
    std::string reason;  // "hash mismatch", "seq 4 follows seq 2", …
};
// The last link as recorded when it was appended, kept apart from the entries: without it, entries
// removed from the end of a record would leave a chain that still holds.
struct ChainHead {
    std::int64_t seq = 0;
    std::string hash;
};

// Checks every link and, when `head` is given, that the chain ends exactly at it.
std::optional<ChainBreak> verify_chain(std::span<const Entry> entries_in_seq_order,
                                       const std::optional<ChainHead>& head = std::nullopt);

}  // namespace incidentd::core
