// The checks of store/store_file.hpp. Prepared statements for everything that reads; the
// application_id PRAGMA takes no parameter, so its value is a constant in the text.
#include "store/store_file.hpp"

#include <sqlite3.h>

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "store/migrations.hpp"
#include "store/store_error.hpp"

namespace incidentd::store {
namespace {

std::string in_quotes(const std::filesystem::path& path) {
    return "\"" + path.string() + "\"";
}

// The tables of the file that SQLite did not make itself.
std::set<std::string> user_tables(SQLite::Database& db) {
    SQLite::Statement query(
        db,
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
        "ESCAPE '\\'");
    std::set<std::string> names;
    while (query.executeStep())
        names.insert(query.getColumn(0).getString());
    return names;
}

std::string joined(const std::set<std::string>& names, std::size_t most) {
    std::string out;
    std::size_t n = 0;
    for (const auto& name : names) {
        if (n == most) return out + ", …";
        out += (n++ ? ", " : "") + name;
    }
    return out;
}

// A file incidentd made before it set application_id: its own bookkeeping table and record.
bool has_incidentd_schema(const std::set<std::string>& tables) {
    return tables.contains("schema_migrations") && tables.contains("incidents") &&
           tables.contains("entries");
}

std::string hex(std::int32_t value) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08X", static_cast<unsigned>(value));
    return text;
}

}  // namespace

void check_store_path(const std::filesystem::path& path, StoreUse use) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error))
        throw StoreError("store " + in_quotes(path) +
                         " is a directory; [store] path must name a file (incidentd creates it "
                         "on first start)");
    if (use == StoreUse::write) {
        const std::filesystem::path folder = path.parent_path();
        if (!folder.empty() && !std::filesystem::is_directory(folder, error))
            throw StoreError("store " + in_quotes(path) + " cannot be created: the directory " +
                             in_quotes(folder) +
                             " does not exist; create it, or point [store] path elsewhere");
        return;
    }
    if (!std::filesystem::exists(path, error))
        throw StoreError("no store at " + in_quotes(path) +
                         "; start `incidentd serve` once to create it, or check [store] path "
                         "(INCIDENTD_STORE_PATH)");
}

void check_store_file(SQLite::Database& db, StoreUse use) {
    const std::filesystem::path path = db.getFilename();
    const std::int32_t id = db.execAndGet("PRAGMA application_id").getInt();
    if (id != application_id) {
        if (id != 0)
            throw StoreError(in_quotes(path) +
                             " is not an incidentd store: its application_id is " + hex(id) +
                             ", another application's (incidentd's is " + hex(application_id) +
                             "); incidentd leaves it untouched. Point [store] path at a file of "
                             "incidentd's own");
        const auto tables = user_tables(db);
        if (!tables.empty() && !has_incidentd_schema(tables))
            throw StoreError(in_quotes(path) + " is not an incidentd store: it holds tables (" +
                             joined(tables, 5) +
                             ") of another application, and incidentd does not add its own to "
                             "them. Point [store] path at a file of incidentd's own");
        // New, or made by an incidentd from before application_id: from now on it says whose.
        if (use == StoreUse::write)
            db.exec("PRAGMA application_id = " + std::to_string(application_id));
    }
    if (use == StoreUse::write) return;  // apply_migrations() refuses a newer schema
    const int found = schema_version(db);
    const int known = migrations().back().version;
    if (found > known) throw StoreError(newer_schema_message(db.getFilename(), found, known));
    if (found == 0)
        throw StoreError(in_quotes(path) +
                         " is an empty database, not yet an incidentd store; start `incidentd "
                         "serve` once to create the store there, or check [store] path");
    if (use == StoreUse::read && found < known)
        throw StoreError(in_quotes(path) + " has schema version " + std::to_string(found) +
                         " and this incidentd reads version " + std::to_string(known) +
                         ": start this version's `incidentd serve` once to migrate it (back it up "
                         "first: `incidentd backup FILE`), or use the incidentd that wrote it");
}

std::vector<std::string> integrity_problems(SQLite::Database& db, IntegrityCheck depth, int limit) {
    if (depth == IntegrityCheck::none) return {};
    std::vector<std::string> problems;
    try {
        SQLite::Statement check(
            db, std::string(depth == IntegrityCheck::quick ? "PRAGMA quick_check("
                                                           : "PRAGMA integrity_check(") +
                    std::to_string(std::max(limit, 1)) + ")");
        while (check.executeStep()) {
            std::string line = check.getColumn(0).getString();
            if (line != "ok") problems.push_back(std::move(line));
        }
    } catch (const SQLite::Exception& e) {
        // A page too damaged to read stops the check itself: that is its finding.
        const int code = e.getErrorCode() & 0xff;
        if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB) throw;
        problems.push_back(e.what());
    }
    return problems;
}

void require_intact(SQLite::Database& db, IntegrityCheck depth) {
    const std::vector<std::string> problems = integrity_problems(db, depth, 3);
    if (problems.empty()) return;
    std::string found;
    for (const auto& p : problems)
        found += (found.empty() ? "" : "; ") + p;
    throw StoreError("store " + in_quotes(db.getFilename()) + " is damaged (SQLite's " +
                     (depth == IntegrityCheck::quick ? "quick_check" : "integrity_check") +
                     " found: " + found +
                     "). Stop writing to it, keep the file for analysis, and restore the latest "
                     "backup (docs/operations.md, \"Restore\")");
}

std::string explain_sqlite_error(const std::filesystem::path& path, const SQLite::Exception& e) {
    std::string what;
    switch (e.getErrorCode() & 0xff) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            what =
                " is damaged or is not a SQLite database: restore it from a backup "
                "(docs/operations.md, \"Restore\"), or point [store] path at incidentd's file";
            break;
        case SQLITE_CANTOPEN:
            what =
                " cannot be opened: check that it names a file in an existing directory that "
                "incidentd's user may read and write";
            break;
        case SQLITE_IOERR:
            what =
                ": the disk or file system failed a read or a write; check them (dmesg, df), "
                "then try again";
            break;
        case SQLITE_FULL:
            what = ": the disk is full; free space, then try again";
            break;
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_AUTH:
            what =
                " cannot be written: check the owner and permissions of the file and of its "
                "directory (incidentd writes -wal and -shm files beside it)";
            break;
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            what = " stayed locked by another connection for too long; try again";
            break;
        default:
            what = ": SQLite failed";
    }
    return "store " + in_quotes(path) + what + " (SQLite: " + e.what() + ")";
}

}  // namespace incidentd::store
