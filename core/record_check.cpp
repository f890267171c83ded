#include "core/record_check.hpp"

#include "core/record_header.hpp"

namespace incidentd::core {
namespace {

std::optional<std::string> header_problem(std::span<const Entry> chain, const Incident& shown) {
    const Entry* last = nullptr;
    for (const Entry& e : chain)
        if (e.kind == EntryKind::header) last = &e;
    if (!last)
        return "the record has no header entry, so nothing in the chain vouches for its "
               "title, severity, roles or times";
    const auto chained = incident_from_snapshot(last->payload);
    if (!chained) return "entry " + std::to_string(last->seq) + " is not a header snapshot";
    const auto differ = header_differences(shown, *chained);
    if (differ.empty()) return std::nullopt;
    std::string fields;
    for (const std::string& f : differ)
        fields += (fields.empty() ? "" : ", ") + f;
    return "the header shown differs from the one chained last (entry " +
           std::to_string(last->seq) + ") in: " + fields;
}

}  // namespace

RecordCheck check_record(std::span<const Entry> chain, const std::optional<ChainHead>& head,
                         const Incident& shown, std::span<const Seal> seals, const PublicKey* key) {
    RecordCheck out;
    out.entries = static_cast<std::int64_t>(chain.size());
    out.seals = static_cast<std::int64_t>(seals.size());
    out.broken = verify_chain(chain, head);
    if (out.broken) return out;  // what follows trusts the links
    out.header = header_problem(chain, shown);
    if (!key) {
        out.seal = SealProblem{0, seals.empty() ? "the record has no seal and there is no public "
                                                  "key to check one with"
                                                : "there is no public key to check the " +
                                                      std::to_string(seals.size()) + " seals with"};
        return out;
    }
    out.seal = check_seals(chain, seals, *key);
    return out;
}

}  // namespace incidentd::core
