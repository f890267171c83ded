// Incident rows and their roles. channel_id is NULL until the channel exists, so several new
// incidents can wait for theirs while the unique index still forbids sharing one.
#include "store/incidents.hpp"

#include <SQLiteCpp/Savepoint.h>
#include <SQLiteCpp/Statement.h>

#include <string>

#include "store/columns.hpp"
#include "store/record_header.hpp"
#include "store/statement_cache.hpp"
#include "store/store_error.hpp"

namespace incidentd::store {

namespace {

void bind_channel_id(SQLite::Statement& s, const std::string& channel_id) {
    if (channel_id.empty())
        s.bind(":channel_id");
    else
        s.bind(":channel_id", channel_id);
}

// Every query below selects the columns in the order incident_from_row reads them.

// The columns shared by INSERT and UPDATE, bound by name.
void bind_state(SQLite::Statement& s, const core::Incident& i, core::Time updated_at) {
    s.bind(":title", i.title);
    s.bind(":severity", static_cast<int>(i.severity));
    s.bind(":state", std::string(core::to_string(i.state)));
    s.bind(":team", i.team);
    bind_channel_id(s, i.channel_id);
    s.bind(":channel_name", i.channel_name);
    s.bind(":channel_url", i.channel_url);
    s.bind(":summary_ts", i.summary_ts);
    s.bind(":declared_by_id", i.declared_by.id);
    s.bind(":declared_by_name", i.declared_by.name);
    bind_time(s, ":declared_at", i.declared_at);
    bind_optional_time(s, ":resolved_at", i.resolved_at);
    bind_optional_time(s, ":closed_at", i.closed_at);
    bind_optional_time(s, ":archived_at", i.archived_at);
    bind_optional_time(s, ":postmortem_due_at", i.postmortem.due_at);
    bind_optional_text(s, ":postmortem_url", i.postmortem.url);
    s.bind(":postmortem_done", i.postmortem.done ? 1 : 0);
    bind_time(s, ":updated_at", updated_at);
}

void replace_roles(SQLite::Database& db, const core::Incident& i) {
    SQLite::Statement clear(db, "DELETE FROM roles WHERE incident = :incident");
    clear.bind(":incident", i.number);
    clear.exec();
    SQLite::Statement insert(db,
                             "INSERT INTO roles (incident, role, user_id, user_name)"
                             " VALUES (:incident, :role, :user_id, :user_name)");
    for (const auto& [role, actor] : i.roles) {
        insert.reset();
        insert.bind(":incident", i.number);
        insert.bind(":role", std::string(core::to_string(role)));
        insert.bind(":user_id", actor.id);
        insert.bind(":user_name", actor.name);
        insert.exec();
    }
}

void load_roles(SQLite::Database& db, core::Incident& i) {
    Prepared query(db, "SELECT role, user_id, user_name FROM roles WHERE incident = :incident");
    query->bind(":incident", i.number);
    while (query->executeStep()) {
        const std::string name = query->getColumn(0).getString();
        const auto role = core::parse_role(name);
        if (!role)
            throw StoreError(i.id() + " has an unknown role \"" + name +
                             "\" in the database; was it written by a newer incidentd?");
        i.roles[*role] =
            core::Actor{query->getColumn(1).getString(), query->getColumn(2).getString()};
    }
}

core::Incident incident_from_row(const SQLite::Statement& row) {
    core::Incident i;
    i.number = row.getColumn(0).getInt64();
    i.title = row.getColumn(1).getString();
    const int severity = row.getColumn(2).getInt();
    i.severity = static_cast<core::Severity>(severity);  // the CHECK constraint keeps it in 1..4
    const std::string state = row.getColumn(3).getString();
    const auto parsed = core::parse_state(state);
    if (!parsed)
        throw StoreError(i.id() + " has an unknown state \"" + state +
                         "\" in the database; was it written by a newer incidentd?");
    i.state = *parsed;
    i.team = row.getColumn(4).getString();
    i.channel_id = optional_text(row.getColumn(5)).value_or("");
    i.channel_name = row.getColumn(6).getString();
    i.channel_url = row.getColumn(7).getString();
    i.summary_ts = row.getColumn(8).getString();
    i.declared_by = core::Actor{row.getColumn(9).getString(), row.getColumn(10).getString()};
    i.declared_at = from_millis(row.getColumn(11).getInt64());
    i.resolved_at = optional_time(row.getColumn(12));
    i.closed_at = optional_time(row.getColumn(13));
    i.archived_at = optional_time(row.getColumn(14));
    i.postmortem.due_at = optional_time(row.getColumn(15));
    i.postmortem.url = optional_text(row.getColumn(16));
    i.postmortem.done = row.getColumn(17).getInt() != 0;
    return i;
}

std::vector<core::Incident> load_all(SQLite::Database& db, SQLite::Statement& query) {
    std::vector<core::Incident> found;
    while (query.executeStep())
        found.push_back(incident_from_row(query));
    for (core::Incident& i : found)
        load_roles(db, i);
    return found;
}

std::optional<core::Incident> load_one(SQLite::Database& db, SQLite::Statement& query) {
    auto found = load_all(db, query);
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

}  // namespace

std::int64_t create_incident(SQLite::Database& db, const core::Incident& draft) {
    SQLite::Savepoint savepoint(db, "create_incident");
    SQLite::Statement insert(
        db,
        "INSERT INTO incidents (title, severity, state, team, channel_id, channel_name,"
        " channel_url, summary_ts, declared_by_id, declared_by_name, declared_at, resolved_at,"
        " closed_at, archived_at, postmortem_due_at, postmortem_url, postmortem_done, updated_at)"
        " VALUES (:title, :severity, :state, :team, :channel_id, :channel_name, :channel_url,"
        " :summary_ts, :declared_by_id, :declared_by_name, :declared_at, :resolved_at,"
        " :closed_at, :archived_at, :postmortem_due_at, :postmortem_url, :postmortem_done,"
        " :updated_at)");
    bind_state(insert, draft, draft.declared_at);
    insert.exec();
    core::Incident created = draft;
    created.number = db.getLastInsertRowid();
    replace_roles(db, created);
    chain_header(db, created, draft.declared_at);
    savepoint.release();
    return created.number;
}

std::int64_t next_incident_number(SQLite::Database& db) {
    // AUTOINCREMENT keeps the largest number ever given in sqlite_sequence, so a number is
    // never given twice even after its incident row is gone.
    SQLite::Statement query(db, "SELECT seq FROM sqlite_sequence WHERE name = 'incidents'");
    return query.executeStep() ? query.getColumn(0).getInt64() + 1 : 1;
}

void save_incident(SQLite::Database& db, const core::Incident& incident, core::Time now) {
    SQLite::Savepoint savepoint(db, "save_incident");
    SQLite::Statement update(
        db,
        "UPDATE incidents SET title = :title, severity = :severity, state = :state,"
        " team = :team, channel_id = :channel_id, channel_name = :channel_name,"
        " channel_url = :channel_url, summary_ts = :summary_ts,"
        " declared_by_id = :declared_by_id, declared_by_name = :declared_by_name,"
        " declared_at = :declared_at, resolved_at = :resolved_at, closed_at = :closed_at,"
        " archived_at = :archived_at, postmortem_due_at = :postmortem_due_at,"
        " postmortem_url = :postmortem_url, postmortem_done = :postmortem_done,"
        " updated_at = :updated_at WHERE number = :number");
    bind_state(update, incident, now);
    update.bind(":number", incident.number);
    if (update.exec() == 0)
        throw StoreError("cannot save " + incident.id() +
                         ": no such incident; create it with create_incident first");
    replace_roles(db, incident);
    chain_header(db, incident, now);
    savepoint.release();
}

std::optional<core::Incident> find_incident(SQLite::Database& db, std::int64_t number) {
    SQLite::Statement query(
        db,
        "SELECT number, title, severity, state, team, channel_id, channel_name, channel_url,"
        " summary_ts, declared_by_id, declared_by_name, declared_at, resolved_at, closed_at,"
        " archived_at, postmortem_due_at, postmortem_url, postmortem_done FROM incidents"
        " WHERE number = :number");
    query.bind(":number", number);
    return load_one(db, query);
}

std::optional<core::Incident> find_incident_by_channel(SQLite::Database& db,
                                                       std::string_view channel_id) {
    if (channel_id.empty()) return std::nullopt;  // empty means "no channel yet", never a key
    Prepared query(
        db,
        "SELECT number, title, severity, state, team, channel_id, channel_name, channel_url,"
        " summary_ts, declared_by_id, declared_by_name, declared_at, resolved_at, closed_at,"
        " archived_at, postmortem_due_at, postmortem_url, postmortem_done FROM incidents"
        " WHERE channel_id = :channel_id");
    query->bind(":channel_id", std::string(channel_id));
    return load_one(db, *query);
}

std::vector<core::Incident> list_incidents(SQLite::Database& db, IncidentFilter filter) {
    SQLite::Statement query(
        db,
        "SELECT number, title, severity, state, team, channel_id, channel_name, channel_url,"
        " summary_ts, declared_by_id, declared_by_name, declared_at, resolved_at, closed_at,"
        " archived_at, postmortem_due_at, postmortem_url, postmortem_done FROM incidents"
        " WHERE :all OR state IN ('active', 'resolved')"
        " ORDER BY number");
    query.bind(":all", filter == IncidentFilter::all ? 1 : 0);
    return load_all(db, query);
}

std::vector<core::Incident> postmortems_due(SQLite::Database& db) {
    SQLite::Statement query(
        db,
        "SELECT number, title, severity, state, team, channel_id, channel_name, channel_url,"
        " summary_ts, declared_by_id, declared_by_name, declared_at, resolved_at, closed_at,"
        " archived_at, postmortem_due_at, postmortem_url, postmortem_done FROM incidents"
        " WHERE postmortem_due_at IS NOT NULL AND postmortem_done = 0"
        " ORDER BY postmortem_due_at, number");
    return load_all(db, query);
}

}  // namespace incidentd::store
