// Fuzzes what `incidentd verify` reads that someone else may have written: a seal message from
// the incident thread, a header snapshot from the record, and a whole JSON export given to an
// auditor. None may crash; what parses reads back the same, and checking it never crashes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "core/record_check.hpp"
#include "core/record_header.hpp"
#include "core/seal.hpp"
#include "render/export_reader.hpp"

namespace {

using namespace incidentd;

void check(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "fuzz_record_proof: invariant broken: %s\n", what);
    std::abort();
}

const core::PublicKey& some_key() {
    static const core::PublicKey key = core::SigningKey::generate().public_key();
    return key;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    if (const auto seal = core::parse_seal_message(text)) {
        const auto again = core::parse_seal_message(core::seal_message(*seal));
        check(again && *again == *seal, "a parsed seal reads back the same from its message");
        (void)some_key().verifies(core::seal_statement(*seal), seal->signature);
    }

    if (const auto incident = core::incident_from_snapshot(text))
        check(core::header_snapshot(*incident) == text, "a snapshot reads back byte for byte");

    try {
        const render::ExportedRecord record = render::read_export(text);
        (void)core::check_record(record.chain, std::nullopt, record.shown, record.seals,
                                 &some_key());
    } catch (const std::invalid_argument&) {
        // Refused by name: what the reader promises for malformed input.
    }
    return 0;
}
