// The schema as numbered migrations, applied in order at start-up, each in its own transaction
// and recorded in `schema_migrations`, so re-opening a database applies only what is new.
#pragma once

#include <SQLiteCpp/Database.h>

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace incidentd::store {

struct Migration {
    int version;  // 1, 2, …; never renumbered or edited once released — add a new one instead
    std::string_view description;
    std::string_view sql;
    // Work SQL cannot do (hashing), run after `sql` in the same transaction; may be null.
    void (*after)(SQLite::Database&) = nullptr;
};

// Every migration this binary knows, in version order.
std::span<const Migration> migrations();

// The highest version recorded in the database, 0 for a new one.
int schema_version(SQLite::Database& db);

// The refusal of a database whose schema version `found` is above this binary's newest.
std::string newer_schema_message(const std::string& file, int found, int newest_known);

// Applies the migrations newer than the database's version and returns their versions.
// Throws StoreError when the database was migrated by a newer binary (its version is above the
// last of `known`): running old code on a newer schema could corrupt it.
std::vector<int> apply_migrations(SQLite::Database& db,
                                  std::span<const Migration> known = migrations());

}  // namespace incidentd::store
