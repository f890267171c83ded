// How domain values become column values and back: times are integer milliseconds since the
// Unix epoch (UTC) in every table, optional values are NULL.
#pragma once

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <string>

#include "core/time.hpp"

namespace incidentd::store {

inline std::int64_t to_millis(core::Time t) {
    return t.time_since_epoch().count();
}
inline core::Time from_millis(std::int64_t ms) {
    return core::Time{std::chrono::milliseconds{ms}};
}

inline void bind_time(SQLite::Statement& s, const char* name, core::Time t) {
    s.bind(name, to_millis(t));
}
inline void bind_optional_time(SQLite::Statement& s, const char* name,
                               const std::optional<core::Time>& t) {
    if (t)
        s.bind(name, to_millis(*t));
    else
        s.bind(name);
}
inline void bind_optional_text(SQLite::Statement& s, const char* name,
                               const std::optional<std::string>& text) {
    if (text)
        s.bind(name, *text);
    else
        s.bind(name);
}

inline std::optional<core::Time> optional_time(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return from_millis(c.getInt64());
}
inline std::optional<std::string> optional_text(const SQLite::Column& c) {
    if (c.isNull()) return std::nullopt;
    return c.getString();
}

}  // namespace incidentd::store
