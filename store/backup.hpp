// Online backup (`incidentd backup <file>`): a consistent copy of the live database, taken
// while incidentd keeps writing.
#pragma once

#include <SQLiteCpp/Database.h>

#include <filesystem>

#include "store/store_file.hpp"

namespace incidentd::store {

enum class ExistingFile { refuse, overwrite };

// Copies the database at `source` into the single file `destination` (no -wal beside it), from
// one read snapshot so the copy is consistent; the writer is not blocked. The copy appears
// under its name only once complete. Throws StoreError when `destination` exists and
// `existing` is refuse, when `source` is not an incidentd store of a schema this binary knows, or
// when `check` finds it damaged.
void backup_database(const std::filesystem::path& source, const std::filesystem::path& destination,
                     ExistingFile existing = ExistingFile::refuse,
                     IntegrityCheck check = IntegrityCheck::full);

// The same from a connection already open, which may be the only way left to the data: the
// writer saves what it holds this way when its file was deleted under it.
void backup_connection(SQLite::Database& from, const std::filesystem::path& destination,
                       ExistingFile existing = ExistingFile::refuse);

}  // namespace incidentd::store
