// Opening the SQLite file: the write connection (WAL, foreign keys, durable commits, migrations
// applied) and read-only connections that read beside the writer without blocking it.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <filesystem>

#include "store/store_file.hpp"

namespace incidentd::store {

// PRAGMA synchronous. FULL is the product's promise (an acknowledged event survives power
// loss); NORMAL trades the last commits on power loss for speed, e.g. in benchmarks.
enum class Synchronous { normal, full };

struct DatabaseOptions {
    Synchronous synchronous = Synchronous::full;
    std::chrono::milliseconds busy_timeout{5000};  // how long to wait for another connection's lock
    // Before anything is written: serve starts only on a file whose pages SQLite can read.
    IntegrityCheck check = IntegrityCheck::quick;
};

// Opens (creating if needed) the store for writing and applies pending migrations, after the
// checks of store_file.hpp. Throws StoreError for a directory, a foreign or damaged file or a
// schema newer than this binary; SQLite::Exception when SQLite cannot open it
// (explain_sqlite_error() says it in words).
SQLite::Database open_database(const std::filesystem::path& path, DatabaseOptions options = {});

// A read-only connection to a store already created by open_database, checked as `use` says
// (StoreUse::read: exactly this binary's schema; copy: any schema up to it).
SQLite::Database open_reader(const std::filesystem::path& path, StoreUse use = StoreUse::read,
                             std::chrono::milliseconds busy_timeout = std::chrono::seconds{5});

}  // namespace incidentd::store
