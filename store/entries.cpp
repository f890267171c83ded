// Entry rows. The table's triggers refuse UPDATE and DELETE, so this file only ever inserts.
#include "store/entries.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <string>

#include "core/hash_chain.hpp"
#include "core/incident.hpp"
#include "store/columns.hpp"
#include "store/statement_cache.hpp"
#include "store/store_error.hpp"

namespace incidentd::store {

namespace {

core::Entry entry_from_row(const SQLite::Statement& row, std::int64_t number) {
    core::Entry e;
    e.seq = row.getColumn(0).getInt64();
    e.ts = row.getColumn(1).getString();
    const std::string kind = row.getColumn(2).getString();
    const auto parsed = core::parse_entry_kind(kind);
    if (!parsed)
        throw StoreError(core::incident_id(number) + " entry " + std::to_string(e.seq) +
                         " has an unknown kind \"" + kind +
                         "\"; was it written by a newer incidentd?");
    e.kind = *parsed;
    e.at = from_millis(row.getColumn(3).getInt64());
    e.actor = core::Actor{row.getColumn(4).getString(), row.getColumn(5).getString()};
    e.text = row.getColumn(6).getString();
    e.thread_ts = optional_text(row.getColumn(7));
    e.refers_to = optional_text(row.getColumn(8));
    e.permalink = row.getColumn(9).getString();
    e.key_event = row.getColumn(10).getInt() != 0;
    e.payload = row.getColumn(11).getString();
    e.hash = row.getColumn(12).getString();
    return e;
}

void require_incident(SQLite::Database& db, std::int64_t number) {
    Prepared query(db, "SELECT 1 FROM incidents WHERE number = :number");
    query->bind(":number", number);
    if (!query->executeStep())
        throw StoreError(core::incident_id(number) +
                         " does not exist; check the number with `incidentd list`");
}

// The read for each EntryFields, differing in the payload column only. instr() finds the two keys
// without parsing JSON, so a record of plain messages reads no payload at all.
const char* entries_query(EntryFields fields) {
    switch (fields) {
        case EntryFields::all:
            return "SELECT seq, ts, kind, at, actor_id, actor_name, text, thread_ts, refers_to,"
                   " permalink, key_event, payload, hash FROM entries WHERE incident = :incident"
                   " ORDER BY seq";
        case EntryFields::payload_if_content:
            return "SELECT seq, ts, kind, at, actor_id, actor_name, text, thread_ts, refers_to,"
                   " permalink, key_event, CASE WHEN instr(payload, '\"blocks\"') > 0"
                   " OR instr(payload, '\"attachments\"') > 0 THEN payload ELSE '' END, hash"
                   " FROM entries WHERE incident = :incident ORDER BY seq";
        case EntryFields::without_payload:
            break;
    }
    return "SELECT seq, ts, kind, at, actor_id, actor_name, text, thread_ts, refers_to,"
           " permalink, key_event, '', hash FROM entries WHERE incident = :incident"
           " ORDER BY seq";
}

}  // namespace

core::Entry append_entry(SQLite::Database& db, std::int64_t number, core::Entry e) {
    // Reading the last link and inserting the next must not interleave with another append.
    CachedSavepoint savepoint(db, "append_entry");
    require_incident(db, number);
    std::string previous_hash = core::genesis_hash;
    e.seq = 1;
    {
        Prepared last(db,
                      "SELECT seq, hash FROM entries WHERE incident = :incident"
                      " ORDER BY seq DESC LIMIT 1");
        last->bind(":incident", number);
        if (last->executeStep()) {
            e.seq = last->getColumn(0).getInt64() + 1;
            previous_hash = last->getColumn(1).getString();
        }
    }
    e.hash = core::entry_hash(e, previous_hash);

    Prepared insert(
        db,
        "INSERT INTO entries (incident, seq, ts, kind, at, actor_id, actor_name, text, thread_ts,"
        " refers_to, permalink, key_event, payload, hash) VALUES (:incident, :seq, :ts, :kind,"
        " :at, :actor_id, :actor_name, :text, :thread_ts, :refers_to, :permalink, :key_event,"
        " :payload, :hash)");
    insert->bind(":incident", number);
    insert->bind(":seq", e.seq);
    insert->bind(":ts", e.ts);
    insert->bind(":kind", std::string(core::to_string(e.kind)));
    bind_time(*insert, ":at", e.at);
    insert->bind(":actor_id", e.actor.id);
    insert->bind(":actor_name", e.actor.name);
    insert->bind(":text", e.text);
    bind_optional_text(*insert, ":thread_ts", e.thread_ts);
    bind_optional_text(*insert, ":refers_to", e.refers_to);
    insert->bind(":permalink", e.permalink);
    insert->bind(":key_event", e.key_event ? 1 : 0);
    insert->bind(":payload", e.payload);
    insert->bind(":hash", e.hash);
    insert->exec();
    savepoint.release();
    return e;
}

std::vector<core::Entry> entries(SQLite::Database& db, std::int64_t number, EntryFields fields) {
    SQLite::Statement query(db, entries_query(fields));
    query.bind(":incident", number);
    std::vector<core::Entry> found;
    while (query.executeStep())
        found.push_back(entry_from_row(query, number));
    return found;
}

std::vector<core::Entry> entries_for_export(SQLite::Database& db, std::int64_t number,
                                            EntryFields fields, HeaderEntries headers) {
    // Sorted here rather than by SQL so there is one definition of Slack time order.
    std::vector<core::Entry> found = entries(db, number, fields);
    if (headers == HeaderEntries::left_out)
        std::erase_if(found,
                      [](const core::Entry& e) { return e.kind == core::EntryKind::header; });
    std::vector<core::Entry> ordered;
    ordered.reserve(found.size());
    for (const std::size_t i : core::slack_time_order(found))
        ordered.push_back(std::move(found[i]));
    return ordered;
}

std::int64_t count_entries(SQLite::Database& db, std::int64_t number) {
    SQLite::Statement query(db, "SELECT COUNT(*) FROM entries WHERE incident = :incident");
    query.bind(":incident", number);
    query.executeStep();
    return query.getColumn(0).getInt64();
}

std::vector<core::Entry> last_entries(SQLite::Database& db, std::int64_t number, std::size_t n) {
    std::vector<core::Entry> all = entries_for_export(db, number);
    if (all.size() > n) all.erase(all.begin(), all.end() - static_cast<std::ptrdiff_t>(n));
    return all;
}

}  // namespace incidentd::store
