// The exported record as JSON: the contract in docs/export-format.md, for anyone
// who reads the record with a program. The to_json conversions of the core types live here
// because core has no JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <ostream>
#include <span>

#include "core/entry.hpp"
#include "core/incident.hpp"
#include "core/seal.hpp"

namespace incidentd::core {

void to_json(nlohmann::ordered_json& j, const Actor& actor);  // {"id","name"}
// The object in "entries"; "blocks" and "attachments" are the message's as Slack sent them, read
// from entry.payload (null when the payload was not read, or the message had none).
void to_json(nlohmann::ordered_json& j, const Entry& entry);
void to_json(nlohmann::ordered_json& j, const Postmortem& postmortem);  // {"due_at","url","done"}
// Everything but "seals" and "entries"; absent values are null, times ISO-8601 UTC ("…T10:00:00Z").
void to_json(nlohmann::ordered_json& j, const Incident& incident);
// An object of "seals": what was signed, the signature and the thread message that carries it.
void to_json(nlohmann::ordered_json& j, const Seal& seal);

}  // namespace incidentd::core

namespace incidentd::render {

// The export's "format_version": raised only by a change that breaks docs/export-format.md's
// promises (a member removed, renamed or retyped); additions keep it.
inline constexpr int export_format_version = 1;

// The incident with its entries in Slack ts order (seq breaking ties), whatever order they come
// in: the record as it happened. `incidentd verify` checks the hash chain in seq order.
// `entries` with their payloads, `header` entries included, so that the export can be verified
// offline (`incidentd verify --public-key`); `seals` in number order.
nlohmann::ordered_json export_json(const core::Incident& incident,
                                   std::span<const core::Entry> entries,
                                   std::span<const core::Seal> seals = {});

// The same document written to `out` as export_json(...).dump(2) writes it, one entry at a
// time: a 100,000-entry record never exists as one JSON tree.
void write_export_json(std::ostream& out, const core::Incident& incident,
                       std::span<const core::Entry> entries,
                       std::span<const core::Seal> seals = {});

}  // namespace incidentd::render
