// The outbox: Web API calls decided inside a transaction and carried out after commit, in
// order per incident, retried with backoff, each with an idempotency key so a decision made
// twice (a retried event, a crash before the ack) is queued once.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.hpp"

namespace incidentd::store {

enum class OutboxState { pending, done, failed };  // failed = given up after the last attempt
std::string_view to_string(OutboxState s);

struct OutboxCall {
    std::optional<std::int64_t> incident;  // calls of one incident run in enqueue order
    std::string method;                    // the action's name, e.g. "create-channel"
    std::string args;                      // JSON object text
    std::string idempotency_key;           // e.g. "INC-7/create-channel"
};

struct OutboxItem {
    std::int64_t id = 0;
    OutboxCall call;
    OutboxState state = OutboxState::pending;
    int attempts = 0;
    core::Time next_attempt_at{};
    std::string last_error;
    std::optional<std::string> result;  // JSON text, once done
    core::Time created_at{};
    std::optional<core::Time> done_at;
};

struct Enqueued {
    std::int64_t id = 0;
    bool created = false;  // false: the key was already queued, id is that earlier item
};

// Queues `call`, due at once, unless an item with its idempotency key exists already.
Enqueued enqueue(SQLite::Database& db, const OutboxCall& call, core::Time now);

// Pending items due at `now`, oldest first, at most one per incident: an incident's later call
// waits until its earlier one is done or given up. Items without an incident do not wait.
std::vector<OutboxItem> due_outbox_items(SQLite::Database& db, core::Time now,
                                         std::size_t limit = 100);

// When the earliest pending item is due, for the worker's timer; empty when nothing is pending.
std::optional<core::Time> next_outbox_attempt(SQLite::Database& db);

// How many items wait to be carried out (for /metrics).
std::int64_t pending_outbox_count(SQLite::Database& db);

std::optional<OutboxItem> find_outbox_item(SQLite::Database& db, std::int64_t id);
std::optional<OutboxItem> find_outbox_item_by_key(SQLite::Database& db,
                                                  std::string_view idempotency_key);

// Records success and the call's result (JSON text). Throws StoreError unless the item is pending.
void mark_outbox_done(SQLite::Database& db, std::int64_t id, const std::string& result_json,
                      core::Time now);

struct RetryPolicy {
    int max_attempts = 10;  // the item is given up (failed) after this many failed attempts
    std::chrono::milliseconds first_delay{std::chrono::seconds{1}};  // doubled per attempt
    std::chrono::milliseconds max_delay{std::chrono::minutes{10}};
};

// The wait after the attempts-th failed attempt: first_delay * 2^(attempts-1), at most max_delay.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int attempts);

// Records a failed attempt and its error; the item is retried after the backoff (or later, at
// not_before, e.g. Slack's Retry-After) or given up once policy.max_attempts is reached.
// Returns the item's new state. Throws StoreError unless the item is pending.
OutboxState mark_outbox_attempt_failed(SQLite::Database& db, std::int64_t id,
                                       std::string_view error, core::Time now,
                                       const RetryPolicy& policy = {},
                                       std::optional<core::Time> not_before = std::nullopt);

}  // namespace incidentd::store
