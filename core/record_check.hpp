// Everything `incidentd verify` proves about one record, decided in one place for the database and
// for a JSON export checked offline: the chain's links, its head, that the header shown is the
// header chained last, and that every seal is signed by the key and still reached by the chain.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/entry.hpp"
#include "core/hash_chain.hpp"
#include "core/incident.hpp"
#include "core/seal.hpp"

namespace incidentd::core {

struct RecordCheck {
    std::int64_t entries = 0;
    std::int64_t seals = 0;
    std::optional<ChainBreak> broken;   // the first entry that breaks the chain
    std::optional<std::string> header;  // how the header shown disagrees with the chain
    std::optional<SealProblem> seal;    // the first seal that fails, or that there is none
    bool intact() const { return !broken && !header && !seal; }
};

// `chain` in seq order; `head` as recorded beside the chain, when there is one; `shown` the
// header as the reader sees it; `key` the public key the seals must be signed with (no key: the
// seals cannot be checked, which is a failure).
RecordCheck check_record(std::span<const Entry> chain, const std::optional<ChainHead>& head,
                         const Incident& shown, std::span<const Seal> seals, const PublicKey* key);

}  // namespace incidentd::core
