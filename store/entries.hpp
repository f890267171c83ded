// The append-only incident record: appending chains each entry to the one before it; reads
// come in append (seq) order or in Slack's time (ts) order.
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/entry.hpp"

namespace incidentd::store {

// Appends `e` to the record of incident `number` and returns it as stored: seq = last + 1 and
// hash = core::entry_hash over it and the previous entry's hash (the e.seq and e.hash passed in
// are ignored). Throws StoreError when the incident does not exist.
core::Entry append_entry(SQLite::Database& db, std::int64_t number, core::Entry e);

// Which columns a read fills. The raw Slack payload is most of an entry's bytes: the hash check
// reads it, and the JSON export shows the blocks and attachments a message's payload carries.
enum class EntryFields {
    all,
    without_payload,
    payload_if_content,  // the payload only where it holds blocks or attachments
};

// Every entry in seq order — the order the hash chain covers.
std::vector<core::Entry> entries(SQLite::Database& db, std::int64_t number,
                                 EntryFields fields = EntryFields::all);

// Whether a read for people includes the `header` entries: bookkeeping for the chain, which the
// documents show as the header itself; the JSON export keeps them so that it can be verified.
enum class HeaderEntries { left_out, included };

// Every entry in Slack time order (core::slack_ts_less), seq breaking ties: the record as
// exports and the postmortem tell it. Payloads are left empty unless `fields` asks for them.
std::vector<core::Entry> entries_for_export(SQLite::Database& db, std::int64_t number,
                                            EntryFields fields = EntryFields::without_payload,
                                            HeaderEntries headers = HeaderEntries::left_out);

std::int64_t count_entries(SQLite::Database& db, std::int64_t number);

// The last `n` entries in Slack time order, oldest first (for `timeline`).
std::vector<core::Entry> last_entries(SQLite::Database& db, std::int64_t number, std::size_t n);

}  // namespace incidentd::store
