// User name cache rows, keyed by Slack user id.
#include "store/users.hpp"

#include <SQLiteCpp/Statement.h>

#include "store/columns.hpp"

namespace incidentd::store {

void upsert_user(SQLite::Database& db, std::string_view id, std::string_view name, core::Time now) {
    SQLite::Statement upsert(db,
                             "INSERT INTO users (id, name, updated_at) VALUES (:id, :name, :now)"
                             " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                             " updated_at = excluded.updated_at");
    upsert.bind(":id", std::string(id));
    upsert.bind(":name", std::string(name));
    bind_time(upsert, ":now", now);
    upsert.exec();
}

std::optional<CachedUser> find_user(SQLite::Database& db, std::string_view id) {
    SQLite::Statement query(db, "SELECT id, name, updated_at FROM users WHERE id = :id");
    query.bind(":id", std::string(id));
    if (!query.executeStep()) return std::nullopt;
    return CachedUser{query.getColumn(0).getString(), query.getColumn(1).getString(),
                      from_millis(query.getColumn(2).getInt64())};
}

}  // namespace incidentd::store
