// Opening the SQLite file: the write connection (WAL, foreign keys, durable commits, migrations
// applied) and read-only connections that read beside the writer without blocking it.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <filesystem>

namespace incidentd::store {

// PRAGMA synchronous. FULL is the product's promise (an acknowledged event survives power
// loss); NORMAL trades the last commits on power loss for speed, e.g. in benchmarks.
enum class Synchronous { normal, full };

struct DatabaseOptions {
    Synchronous synchronous = Synchronous::full;
    std::chrono::milliseconds busy_timeout{5000};  // how long to wait for another connection's lock
};

// Opens (creating if needed) the database for writing and applies pending migrations.
// Throws StoreError when the schema is newer than this binary, SQLite::Exception when the file
// cannot be opened (its message names the file).
SQLite::Database open_database(const std::filesystem::path& path, DatabaseOptions options = {});

// A read-only connection to a database already created by open_database.
SQLite::Database open_reader(const std::filesystem::path& path,
                             std::chrono::milliseconds busy_timeout = std::chrono::seconds{5});

}  // namespace incidentd::store
