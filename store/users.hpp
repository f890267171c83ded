// The cache of Slack display names, refreshed lazily: a lookup says how old the name is so the
// caller can decide to ask Slack again.
#pragma once

#include <SQLiteCpp/Database.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace incidentd::store {

struct CachedUser {
    std::string id;
    std::string name;
    core::Time updated_at{};
};

void upsert_user(SQLite::Database& db, std::string_view id, std::string_view name, core::Time now);
std::optional<CachedUser> find_user(SQLite::Database& db, std::string_view id);

}  // namespace incidentd::store
