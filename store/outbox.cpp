// Outbox rows. The id orders an incident's calls; an item leaves `pending` only through
// mark_outbox_done or by running out of attempts.
#include "store/outbox.hpp"

#include <SQLiteCpp/Savepoint.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <limits>

#include "store/columns.hpp"
#include "store/store_error.hpp"

namespace incidentd::store {

namespace {

OutboxState parse_outbox_state(const std::string& text, std::int64_t id) {
    if (text == "pending") return OutboxState::pending;
    if (text == "done") return OutboxState::done;
    if (text == "failed") return OutboxState::failed;
    throw StoreError("outbox item " + std::to_string(id) + " has an unknown state \"" + text +
                     "\"; was it written by a newer incidentd?");
}

// Every query below selects the columns in this order.
OutboxItem item_from_row(const SQLite::Statement& row) {
    OutboxItem item;
    item.id = row.getColumn(0).getInt64();
    if (!row.getColumn(1).isNull()) item.call.incident = row.getColumn(1).getInt64();
    item.call.method = row.getColumn(2).getString();
    item.call.args = row.getColumn(3).getString();
    item.call.idempotency_key = row.getColumn(4).getString();
    item.state = parse_outbox_state(row.getColumn(5).getString(), item.id);
    item.attempts = row.getColumn(6).getInt();
    item.next_attempt_at = from_millis(row.getColumn(7).getInt64());
    item.last_error = row.getColumn(8).getString();
    item.result = optional_text(row.getColumn(9));
    item.created_at = from_millis(row.getColumn(10).getInt64());
    item.done_at = optional_time(row.getColumn(11));
    return item;
}

std::optional<OutboxItem> first(SQLite::Statement& query) {
    if (!query.executeStep()) return std::nullopt;
    return item_from_row(query);
}

[[noreturn]] void refuse_not_pending(SQLite::Database& db, std::int64_t id, const char* action) {
    const auto item = find_outbox_item(db, id);
    if (!item)
        throw StoreError("cannot " + std::string(action) + " outbox item " + std::to_string(id) +
                         ": no such item");
    throw StoreError("cannot " + std::string(action) + " outbox item " + std::to_string(id) +
                     ": it is already " + std::string(to_string(item->state)));
}

}  // namespace

std::string_view to_string(OutboxState s) {
    switch (s) {
        case OutboxState::pending:
            return "pending";
        case OutboxState::done:
            return "done";
        case OutboxState::failed:
            return "failed";
    }
    return "unknown";
}

Enqueued enqueue(SQLite::Database& db, const OutboxCall& call, core::Time now) {
    SQLite::Statement insert(
        db,
        "INSERT INTO outbox (incident, method, args, idempotency_key, next_attempt_at,"
        " created_at) VALUES (:incident, :method, :args, :key, :now, :now)"
        " ON CONFLICT (idempotency_key) DO NOTHING");
    if (call.incident)
        insert.bind(":incident", *call.incident);
    else
        insert.bind(":incident");
    insert.bind(":method", call.method);
    insert.bind(":args", call.args);
    insert.bind(":key", call.idempotency_key);
    bind_time(insert, ":now", now);
    if (insert.exec() == 1) return Enqueued{db.getLastInsertRowid(), true};
    const auto existing = find_outbox_item_by_key(db, call.idempotency_key);
    if (!existing)  // only possible if another connection deleted it in between
        throw StoreError("outbox key \"" + call.idempotency_key + "\" vanished while queuing");
    return Enqueued{existing->id, false};
}

std::vector<OutboxItem> due_outbox_items(SQLite::Database& db, core::Time now, std::size_t limit) {
    SQLite::Statement query(
        db,
        "SELECT o.id, o.incident, o.method, o.args, o.idempotency_key, o.state, o.attempts,"
        " o.next_attempt_at, o.last_error, o.result, o.created_at, o.done_at FROM outbox o"
        " WHERE o.state = 'pending' AND o.next_attempt_at <= :now"
        " AND NOT EXISTS (SELECT 1 FROM outbox earlier WHERE earlier.incident = o.incident"
        "                 AND earlier.state = 'pending' AND earlier.id < o.id)"
        " ORDER BY o.id LIMIT :limit");
    bind_time(query, ":now", now);
    query.bind(":limit", static_cast<std::int64_t>(std::min<std::size_t>(
                             limit, std::numeric_limits<std::int64_t>::max())));
    std::vector<OutboxItem> due;
    while (query.executeStep())
        due.push_back(item_from_row(query));
    return due;
}

std::optional<core::Time> next_outbox_attempt(SQLite::Database& db) {
    SQLite::Statement query(db, "SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'");
    query.executeStep();
    return optional_time(query.getColumn(0));
}

std::int64_t pending_outbox_count(SQLite::Database& db) {
    SQLite::Statement query(db, "SELECT COUNT(*) FROM outbox WHERE state = 'pending'");
    query.executeStep();
    return query.getColumn(0).getInt64();
}

std::optional<OutboxItem> find_outbox_item(SQLite::Database& db, std::int64_t id) {
    SQLite::Statement query(
        db,
        "SELECT id, incident, method, args, idempotency_key, state, attempts, next_attempt_at,"
        " last_error, result, created_at, done_at FROM outbox WHERE id = :id");
    query.bind(":id", id);
    return first(query);
}

std::optional<OutboxItem> find_outbox_item_by_key(SQLite::Database& db,
                                                  std::string_view idempotency_key) {
    SQLite::Statement query(
        db,
        "SELECT id, incident, method, args, idempotency_key, state, attempts, next_attempt_at,"
        " last_error, result, created_at, done_at FROM outbox WHERE idempotency_key = :key");
    query.bind(":key", std::string(idempotency_key));
    return first(query);
}

void mark_outbox_done(SQLite::Database& db, std::int64_t id, const std::string& result_json,
                      core::Time now) {
    SQLite::Statement update(db,
                             "UPDATE outbox SET state = 'done', attempts = attempts + 1,"
                             " result = :result, done_at = :now"
                             " WHERE id = :id AND state = 'pending'");
    update.bind(":result", result_json);
    bind_time(update, ":now", now);
    update.bind(":id", id);
    if (update.exec() == 0) refuse_not_pending(db, id, "mark done");
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempts) {
    std::chrono::milliseconds delay = policy.first_delay;
    for (int i = 1; i < attempts && delay < policy.max_delay; ++i)
        delay *= 2;
    return std::min(delay, policy.max_delay);
}

OutboxState mark_outbox_attempt_failed(SQLite::Database& db, std::int64_t id,
                                       std::string_view error, core::Time now,
                                       const RetryPolicy& policy,
                                       std::optional<core::Time> not_before) {
    SQLite::Savepoint savepoint(db, "outbox_attempt_failed");
    const auto item = find_outbox_item(db, id);
    if (!item || item->state != OutboxState::pending) refuse_not_pending(db, id, "retry");
    const int attempts = item->attempts + 1;
    const bool give_up = attempts >= policy.max_attempts;
    core::Time next = now + backoff_delay(policy, attempts);
    if (not_before && *not_before > next) next = *not_before;

    SQLite::Statement update(db,
                             "UPDATE outbox SET attempts = :attempts, last_error = :error,"
                             " state = :state, next_attempt_at = :next, done_at = :done_at"
                             " WHERE id = :id");
    update.bind(":attempts", attempts);
    update.bind(":error", std::string(error));
    update.bind(":state", give_up ? "failed" : "pending");
    bind_time(update, ":next", next);
    bind_optional_time(update, ":done_at", give_up ? std::optional{now} : std::nullopt);
    update.bind(":id", id);
    update.exec();
    savepoint.release();
    return give_up ? OutboxState::failed : OutboxState::pending;
}

}  // namespace incidentd::store
