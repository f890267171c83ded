// What makes a SQLite file incidentd's store, checked before any command uses it: the path names
// a file (not a directory), the file says it is incidentd's (PRAGMA application_id), its schema
// is one this binary knows, and SQLite's own integrity check finds no damage. Each refusal is a
// StoreError naming the file and saying what to do.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace incidentd::store {

// PRAGMA application_id of every store incidentd creates: "INCD".
inline constexpr std::int32_t application_id = 0x494E4344;

// How a command uses the store. A writer creates the file if needed, marks it as incidentd's and
// migrates it; a reader takes it as it is and refuses one that needs migrating; a copy (backup)
// takes any schema up to this binary's.
enum class StoreUse { write, read, copy };

// The path before SQLite opens it: refuses a directory, a missing directory for a writer, and a
// missing file for a reader.
void check_store_path(const std::filesystem::path& path, StoreUse use);

// The open file: refuses another application's database (any application_id but incidentd's, or
// none with tables incidentd does not make) and, for a reader, a schema newer or older than this
// binary's (for a copy, only a newer one). A writer marks a new file, or one incidentd made before it set application_id, as
// incidentd's; migrations are the writer's to apply afterwards.
void check_store_file(SQLite::Database& db, StoreUse use);

enum class IntegrityCheck {
    none,
    quick,  // PRAGMA quick_check: every page readable and well-formed; seconds for a large file
    full,   // PRAGMA integrity_check: quick_check, and every index agrees with its table
};

// SQLite's findings, at most `limit` of them; empty when the file is sound. A check that stops on
// a page it cannot read reports that as its finding.
std::vector<std::string> integrity_problems(SQLite::Database& db, IntegrityCheck depth,
                                            int limit = 10);

// Throws StoreError naming the file and its first problems when the check finds damage.
void require_intact(SQLite::Database& db, IntegrityCheck depth);

// A SQLite error in words for the person who runs incidentd: the file, what happened and what to
// do. SQLite's own message is kept at the end, in parentheses.
std::string explain_sqlite_error(const std::filesystem::path& path, const SQLite::Exception& e);

}  // namespace incidentd::store
