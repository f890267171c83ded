#include "store/record_header.hpp"

#include <SQLiteCpp/Statement.h>

#include <vector>

#include "core/record_header.hpp"
#include "store/entries.hpp"
#include "store/incidents.hpp"
#include "store/statement_cache.hpp"

namespace incidentd::store {

void chain_header(SQLite::Database& db, const core::Incident& incident, core::Time at) {
    const std::string snapshot = core::header_snapshot(incident);
    {
        // The partial index entries_headers holds only `header` entries: one step, however long
        // the record.
        Prepared last(db,
                      "SELECT payload FROM entries WHERE incident = :incident AND kind = 'header'"
                      " ORDER BY seq DESC LIMIT 1");
        last->bind(":incident", incident.number);
        if (last->executeStep() && last->getColumn(0).getString() == snapshot) return;
    }
    core::Entry e;
    e.kind = core::EntryKind::header;
    e.at = at;
    e.ts = core::time_to_slack_ts(at);
    e.actor = {"", "incidentd"};
    e.text = core::header_entry_text(incident);
    e.payload = snapshot;
    append_entry(db, incident.number, std::move(e));
}

void chain_missing_headers(SQLite::Database& db) {
    std::vector<std::int64_t> missing;
    {
        SQLite::Statement query(db,
                                "SELECT number FROM incidents WHERE NOT EXISTS (SELECT 1 FROM"
                                " entries WHERE incident = number AND kind = 'header')"
                                " ORDER BY number");
        while (query.executeStep())
            missing.push_back(query.getColumn(0).getInt64());
    }
    const auto now =
        std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
    for (const std::int64_t number : missing)
        if (const auto incident = find_incident(db, number)) chain_header(db, *incident, now);
}

}  // namespace incidentd::store
