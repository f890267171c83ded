// Backup through SQLite's backup API into a temporary file that is renamed into place, so a
// crash or a full disk never leaves a half-written file under the requested name.
#include "store/backup.hpp"

#include <sqlite3.h>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>

#include <system_error>

#include "store/database.hpp"
#include "store/store_error.hpp"

namespace incidentd::store {

namespace {

std::filesystem::path with_suffix(const std::filesystem::path& p, const char* suffix) {
    return std::filesystem::path(p.string() + suffix);
}

void remove_with_sidecars(const std::filesystem::path& p) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(with_suffix(p, suffix), ignored);
}

}  // namespace

void backup_database(const std::filesystem::path& source, const std::filesystem::path& destination,
                     ExistingFile existing, IntegrityCheck check) {
    if (existing == ExistingFile::refuse && std::filesystem::exists(destination))
        throw StoreError("backup: " + destination.string() +
                         " already exists; choose another file name or allow overwriting it");
    // Any schema this binary knows: a backup before an upgrade reads the older one.
    SQLite::Database from = open_reader(source, StoreUse::copy);
    require_intact(from, check);
    backup_connection(from, destination, existing);
}

void backup_connection(SQLite::Database& from, const std::filesystem::path& destination,
                       ExistingFile existing) {
    if (existing == ExistingFile::refuse && std::filesystem::exists(destination))
        throw StoreError("backup: " + destination.string() +
                         " already exists; choose another file name or allow overwriting it");
    const std::filesystem::path folder = destination.parent_path();
    if (!folder.empty() && !std::filesystem::is_directory(folder))
        throw StoreError("backup: the directory " + folder.string() + " of " +
                         destination.string() +
                         " does not exist; create it first (backup does not create folders)");
    const std::filesystem::path partial = with_suffix(destination, ".partial");
    remove_with_sidecars(partial);
    try {
        {
            SQLite::Database to(partial, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            SQLite::Backup backup(to, from);
            // All pages in one step: one read snapshot, so the copy is consistent. In WAL mode
            // the reader does not block the writer meanwhile.
            if (const int status = backup.executeStep(-1); status != SQLITE_DONE)
                throw StoreError("backup: copying " + from.getFilename() + " stopped (" +
                                 sqlite3_errstr(status) + "); try again");
            // The copy inherits WAL mode; a backup should be one self-contained file.
            to.exec("PRAGMA journal_mode = DELETE");
        }
        if (existing == ExistingFile::overwrite) {
            remove_with_sidecars(destination);
            std::filesystem::rename(partial, destination);
        } else {
            // A hard link fails if the name was taken since the check above; rename would not.
            std::error_code taken;
            std::filesystem::create_hard_link(partial, destination, taken);
            if (taken)
                throw StoreError("backup: cannot create " + destination.string() + " (" +
                                 taken.message() + "); choose another file name");
            std::filesystem::remove(partial);
        }
    } catch (...) {
        remove_with_sidecars(partial);
        throw;
    }
}

}  // namespace incidentd::store
