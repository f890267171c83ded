// Seen-before tables: an INSERT that does nothing on conflict tells a first sighting from a repeat.
#include "store/events.hpp"

#include <SQLiteCpp/Statement.h>

#include <string>

#include "store/columns.hpp"
#include "store/statement_cache.hpp"

namespace incidentd::store {

bool record_event_once(SQLite::Database& db, std::string_view event_id, core::Time now) {
    Prepared insert(db,
                    "INSERT INTO slack_events (event_id, received_at)"
                    " VALUES (:event_id, :received_at) ON CONFLICT (event_id) DO NOTHING");
    insert->bind(":event_id", std::string(event_id));
    bind_time(*insert, ":received_at", now);
    return insert->exec() == 1;
}

bool record_message_once(SQLite::Database& db, std::string_view channel_id, std::string_view ts,
                         std::string_view kind, core::Time now) {
    Prepared insert(db,
                    "INSERT INTO recorded_messages (channel_id, ts, kind, recorded_at)"
                    " VALUES (:channel_id, :ts, :kind, :recorded_at)"
                    " ON CONFLICT (channel_id, ts, kind) DO NOTHING");
    insert->bind(":channel_id", std::string(channel_id));
    insert->bind(":ts", std::string(ts));
    insert->bind(":kind", std::string(kind));
    bind_time(*insert, ":recorded_at", now);
    return insert->exec() == 1;
}

std::int64_t prune_events(SQLite::Database& db, core::Time older_than) {
    SQLite::Statement events(db, "DELETE FROM slack_events WHERE received_at < :cutoff");
    bind_time(events, ":cutoff", older_than);
    SQLite::Statement messages(db, "DELETE FROM recorded_messages WHERE recorded_at < :cutoff");
    bind_time(messages, ":cutoff", older_than);
    return std::int64_t{events.exec()} + messages.exec();
}

}  // namespace incidentd::store
