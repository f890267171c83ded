// Connection set-up: the pragmas every connection needs, then migrations on the write side.
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <string>

#include "store/migrations.hpp"
#include "store/store_error.hpp"

namespace incidentd::store {

namespace {

int as_int_millis(std::chrono::milliseconds timeout) {
    return static_cast<int>(std::min<std::chrono::milliseconds::rep>(timeout.count(), 1 << 30));
}

}  // namespace

SQLite::Database open_database(const std::filesystem::path& path, DatabaseOptions options) {
    check_store_path(path, StoreUse::write);
    // NOMUTEX: a connection is only ever used by one thread at a time (the writer's), so
    // SQLite's per-call locking is pure cost on the hot path.
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
                        as_int_millis(options.busy_timeout));
    // Read before anything is written: a damaged or foreign file is left as it was.
    require_intact(db, options.check);
    check_store_file(db, StoreUse::write);
    // journal_mode answers with the mode in force: anything but "wal" (e.g. a file system that
    // cannot share memory) would make readers block the writer, so refuse it.
    const std::string mode = db.execAndGet("PRAGMA journal_mode = WAL").getString();
    if (mode != "wal")
        throw StoreError("database " + path.string() + " cannot use write-ahead logging (mode " +
                         mode + "); put it on a local file system");
    db.exec(options.synchronous == Synchronous::full ? "PRAGMA synchronous = FULL"
                                                     : "PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
    apply_migrations(db);
    return db;
}

SQLite::Database open_reader(const std::filesystem::path& path, StoreUse use,
                             std::chrono::milliseconds busy_timeout) {
    check_store_path(path, StoreUse::read);
    SQLite::Database db(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX,
                        as_int_millis(busy_timeout));
    check_store_file(db, use);
    db.exec("PRAGMA foreign_keys = ON");
    return db;
}

}  // namespace incidentd::store
