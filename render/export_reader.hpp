// Reading a JSON export back (docs/export-format.md) to verify it offline: its chain in seq
// order, its seals, and the header it shows, completed from the header chained last where the
// export shows less (who declared it, the summary's ts, times below the second).
#pragma once

#include <string_view>
#include <vector>

#include "core/entry.hpp"
#include "core/incident.hpp"
#include "core/seal.hpp"

namespace incidentd::render {

struct ExportedRecord {
    core::Incident shown;
    std::vector<core::Entry> chain;  // seq order
    std::vector<core::Seal> seals;   // number order
};

// Throws std::invalid_argument saying what is missing or malformed.
ExportedRecord read_export(std::string_view text);

}  // namespace incidentd::render
