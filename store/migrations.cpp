// The schema's history. Times are integer milliseconds since the Unix epoch (UTC) everywhere.
#include "store/migrations.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <array>
#include <chrono>
#include <stdexcept>
#include <string>

#include "store/record_header.hpp"
#include "store/store_error.hpp"

namespace incidentd::store {

namespace {

constexpr std::string_view initial_schema = R"sql(
CREATE TABLE incidents (
    number            INTEGER PRIMARY KEY AUTOINCREMENT,  -- INC-<number>, never reused
    title             TEXT    NOT NULL,
    severity          INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
    state             TEXT    NOT NULL CHECK (state IN ('active', 'resolved', 'closed', 'archived')),
    team              TEXT    NOT NULL DEFAULT '',
    channel_id        TEXT,                               -- NULL until the channel exists
    channel_name      TEXT    NOT NULL DEFAULT '',
    channel_url       TEXT    NOT NULL DEFAULT '',
    summary_ts        TEXT    NOT NULL DEFAULT '',
    declared_by_id    TEXT    NOT NULL,
    declared_by_name  TEXT    NOT NULL,
    declared_at       INTEGER NOT NULL,
    resolved_at       INTEGER,
    closed_at         INTEGER,
    archived_at       INTEGER,
    postmortem_due_at INTEGER,
    postmortem_url    TEXT,
    postmortem_done   INTEGER NOT NULL DEFAULT 0 CHECK (postmortem_done IN (0, 1)),
    updated_at        INTEGER NOT NULL
);
CREATE UNIQUE INDEX incidents_by_channel ON incidents (channel_id) WHERE channel_id IS NOT NULL;
CREATE INDEX incidents_by_state ON incidents (state);

CREATE TABLE roles (
    incident  INTEGER NOT NULL REFERENCES incidents (number),
    role      TEXT    NOT NULL CHECK (role IN ('commander', 'comms', 'scribe')),
    user_id   TEXT    NOT NULL,
    user_name TEXT    NOT NULL,
    PRIMARY KEY (incident, role)
);

CREATE TABLE entries (
    incident   INTEGER NOT NULL REFERENCES incidents (number),
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    ts         TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    actor_id   TEXT    NOT NULL,
    actor_name TEXT    NOT NULL,
    text       TEXT    NOT NULL,
    thread_ts  TEXT,
    refers_to  TEXT,
    permalink  TEXT    NOT NULL,
    key_event  INTEGER NOT NULL CHECK (key_event IN (0, 1)),
    payload    TEXT    NOT NULL,
    hash       TEXT    NOT NULL,
    PRIMARY KEY (incident, seq)
);
CREATE INDEX entries_by_ts ON entries (incident, ts);
-- The record is evidence: the database itself refuses to change or remove an entry.
CREATE TRIGGER entries_refuse_update BEFORE UPDATE ON entries
BEGIN
    SELECT RAISE(ABORT, 'entries are append-only');
END;
CREATE TRIGGER entries_refuse_delete BEFORE DELETE ON entries
BEGIN
    SELECT RAISE(ABORT, 'entries are append-only');
END;

-- Slack retries an event under the same event_id; each is processed once.
CREATE TABLE slack_events (
    event_id    TEXT    PRIMARY KEY,
    received_at INTEGER NOT NULL
);
CREATE INDEX slack_events_by_age ON slack_events (received_at);

-- The same message can also arrive under different event ids (two subscriptions, a replayed
-- delivery): it is recorded once per (channel, ts, kind).
CREATE TABLE recorded_messages (
    channel_id  TEXT    NOT NULL,
    ts          TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (channel_id, ts, kind)
);
CREATE INDEX recorded_messages_by_age ON recorded_messages (recorded_at);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,    -- also the order of calls per incident
    incident        INTEGER REFERENCES incidents (number),
    method          TEXT    NOT NULL,
    args            TEXT    NOT NULL CHECK (json_valid(args)),
    idempotency_key TEXT    NOT NULL UNIQUE,
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT    NOT NULL DEFAULT '',
    result          TEXT    CHECK (result IS NULL OR json_valid(result)),  -- once done
    created_at      INTEGER NOT NULL,
    done_at         INTEGER
);
CREATE INDEX outbox_pending ON outbox (state, next_attempt_at);
CREATE INDEX outbox_by_incident ON outbox (incident, state, id);

CREATE TABLE jobs (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT    NOT NULL,
    incident   INTEGER NOT NULL REFERENCES incidents (number),
    run_at     INTEGER NOT NULL,
    state      TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'cancelled')),
    created_at INTEGER NOT NULL,
    done_at    INTEGER,
    UNIQUE (incident, kind, run_at)
);
CREATE INDEX jobs_pending ON jobs (state, run_at);

CREATE TABLE users (
    id         TEXT    PRIMARY KEY,
    name       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);
)sql";

// The hash chain alone cannot show that entries were cut off its end: every remaining link still
// holds. The database therefore keeps each record's head (last seq and hash), advanced by a trigger
// on every append, and `verify` checks the chain against it.
constexpr const char* chain_heads = R"sql(
CREATE TABLE chain_heads (
    incident INTEGER PRIMARY KEY REFERENCES incidents (number),
    seq      INTEGER NOT NULL,
    hash     TEXT    NOT NULL
);
INSERT INTO chain_heads (incident, seq, hash)
    SELECT e.incident, e.seq, e.hash FROM entries e
    WHERE e.seq = (SELECT MAX(seq) FROM entries WHERE incident = e.incident);
CREATE TRIGGER entries_advance_chain_head AFTER INSERT ON entries
BEGIN
    INSERT INTO chain_heads (incident, seq, hash) VALUES (NEW.incident, NEW.seq, NEW.hash)
    ON CONFLICT (incident) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;
END;
)sql";

// One row, rewritten when the writer checks that the file takes writes again after a failure
// (disk full, I/O): a real commit that touches the disk, and the last time the store was known
// to be writable.
constexpr const char* store_heartbeat = R"sql(
CREATE TABLE store_heartbeat (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    written_at INTEGER NOT NULL
);
)sql";

// Integrity beyond the chain (docs/operations.md, "What verify proves"): the header is chained as
// `header` entries, found in one step through a partial index, and each seal incidentd signs of a
// record is kept with the ts of the thread message that carries it. The records already stored get
// their header chained as it is now (store/record_header.hpp).
constexpr const char* headers_and_seals = R"sql(
CREATE INDEX entries_headers ON entries (incident, seq) WHERE kind = 'header';
CREATE TABLE seals (
    incident  INTEGER NOT NULL REFERENCES incidents (number),
    number    INTEGER NOT NULL CHECK (number > 0),
    entries   INTEGER NOT NULL,
    head_hash TEXT    NOT NULL,
    sealed_at INTEGER NOT NULL,
    key_id    TEXT    NOT NULL,
    signature TEXT    NOT NULL,
    slack_ts  TEXT,
    PRIMARY KEY (incident, number)
);
)sql";

constexpr std::array all_migrations{
    Migration{1, "incidents, roles, append-only entries, de-duplication, outbox, jobs, users",
              initial_schema, nullptr},
    Migration{2, "chain heads, so that entries removed from the end of a record are detected",
              chain_heads, nullptr},
    Migration{3, "a heartbeat row, written to check that the store takes writes again",
              store_heartbeat, nullptr},
    Migration{4, "the record's header chained, and seals of each record signed by incidentd",
              headers_and_seals, chain_missing_headers},
};

void ensure_migrations_table(SQLite::Database& db) {
    db.exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY,"
        " description TEXT NOT NULL,"
        " applied_at INTEGER NOT NULL)");
}

std::int64_t now_millis() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::span<const Migration> migrations() {
    return all_migrations;
}

int schema_version(SQLite::Database& db) {
    if (!db.tableExists("schema_migrations")) return 0;
    SQLite::Statement query(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    query.executeStep();
    return query.getColumn(0).getInt();
}

std::string newer_schema_message(const std::string& file, int found, int newest_known) {
    return "database " + file + " has schema version " + std::to_string(found) +
           " but this incidentd knows versions up to " + std::to_string(newest_known) +
           "; run the newer incidentd that wrote it, or restore a backup made by this version";
}

std::vector<int> apply_migrations(SQLite::Database& db, std::span<const Migration> known) {
    for (std::size_t i = 1; i < known.size(); ++i)
        if (known[i].version <= known[i - 1].version)
            throw std::logic_error("migrations must be listed in increasing version order");
    const int newest_known = known.empty() ? 0 : known.back().version;

    ensure_migrations_table(db);
    std::vector<int> applied;
    const int found = schema_version(db);
    if (found > newest_known)
        throw StoreError(newer_schema_message(db.getFilename(), found, newest_known));
    for (const Migration& m : known) {
        if (m.version <= found) continue;
        // IMMEDIATE takes the write lock first, so a second process starting at the same moment
        // waits here and then sees the migration already recorded.
        SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
        if (schema_version(db) >= m.version) continue;
        db.exec(std::string(m.sql));
        if (m.after) m.after(db);
        SQLite::Statement record(db,
                                 "INSERT INTO schema_migrations (version, description, applied_at)"
                                 " VALUES (:version, :description, :applied_at)");
        record.bind(":version", m.version);
        record.bind(":description", std::string(m.description));
        record.bind(":applied_at", now_millis());
        record.exec();
        transaction.commit();
        applied.push_back(m.version);
    }
    return applied;
}

}  // namespace incidentd::store
