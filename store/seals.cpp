#include "store/seals.hpp"

#include <SQLiteCpp/Statement.h>

#include "store/columns.hpp"

namespace incidentd::store {

std::optional<core::Seal> seal_record(SQLite::Database& db, std::int64_t number,
                                      const core::SigningKey& key, core::Time now) {
    SQLite::Statement head(db, "SELECT seq, hash FROM chain_heads WHERE incident = :incident");
    head.bind(":incident", number);
    if (!head.executeStep()) return std::nullopt;
    const std::int64_t entries = head.getColumn(0).getInt64();
    const std::string hash = head.getColumn(1).getString();

    SQLite::Statement last(db,
                           "SELECT number, entries, head_hash FROM seals WHERE incident = :incident"
                           " ORDER BY number DESC LIMIT 1");
    last.bind(":incident", number);
    std::int64_t next = 1;
    if (last.executeStep()) {
        if (last.getColumn(1).getInt64() == entries && last.getColumn(2).getString() == hash)
            return std::nullopt;
        next = last.getColumn(0).getInt64() + 1;
    }
    const core::Seal seal = key.seal(number, next, entries, hash, now);
    SQLite::Statement insert(db,
                             "INSERT INTO seals (incident, number, entries, head_hash, sealed_at,"
                             " key_id, signature) VALUES (:incident, :number, :entries, :head,"
                             " :at, :key_id, :signature)");
    insert.bind(":incident", number);
    insert.bind(":number", seal.number);
    insert.bind(":entries", seal.entries);
    insert.bind(":head", seal.head_hash);
    bind_time(insert, ":at", seal.at);
    insert.bind(":key_id", seal.key_id);
    insert.bind(":signature", seal.signature);
    insert.exec();
    return seal;
}

std::vector<StoredSeal> seals(SQLite::Database& db, std::int64_t number) {
    SQLite::Statement query(db,
                            "SELECT number, entries, head_hash, sealed_at, key_id, signature,"
                            " slack_ts FROM seals WHERE incident = :incident ORDER BY number");
    query.bind(":incident", number);
    std::vector<StoredSeal> found;
    while (query.executeStep()) {
        StoredSeal s;
        s.seal.incident = number;
        s.seal.number = query.getColumn(0).getInt64();
        s.seal.entries = query.getColumn(1).getInt64();
        s.seal.head_hash = query.getColumn(2).getString();
        s.seal.at = from_millis(query.getColumn(3).getInt64());
        s.seal.key_id = query.getColumn(4).getString();
        s.seal.signature = query.getColumn(5).getString();
        s.slack_ts = optional_text(query.getColumn(6)).value_or("");
        found.push_back(std::move(s));
    }
    return found;
}

std::vector<core::Seal> seals_only(SQLite::Database& db, std::int64_t number) {
    std::vector<core::Seal> out;
    for (StoredSeal& s : seals(db, number))
        out.push_back(std::move(s.seal));
    return out;
}

std::vector<std::int64_t> records_to_seal(SQLite::Database& db, core::Time sealed_before) {
    SQLite::Statement query(
        db,
        "SELECT i.number FROM incidents i JOIN chain_heads h ON h.incident = i.number"
        " LEFT JOIN seals s ON s.incident = i.number AND s.number ="
        " (SELECT MAX(number) FROM seals WHERE incident = i.number)"
        " WHERE s.number IS NULL OR (i.state IN ('active', 'resolved')"
        " AND s.sealed_at <= :before AND (s.entries <> h.seq OR s.head_hash <> h.hash))"
        " ORDER BY i.number");
    bind_time(query, ":before", sealed_before);
    std::vector<std::int64_t> due;
    while (query.executeStep())
        due.push_back(query.getColumn(0).getInt64());
    return due;
}

void mark_seal_posted(SQLite::Database& db, std::int64_t number, std::int64_t seal,
                      const std::string& slack_ts) {
    SQLite::Statement update(db,
                             "UPDATE seals SET slack_ts = :ts WHERE incident = :incident"
                             " AND number = :number");
    update.bind(":ts", slack_ts);
    update.bind(":incident", number);
    update.bind(":number", seal);
    update.exec();
}

}  // namespace incidentd::store
