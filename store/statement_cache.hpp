// Prepared statements kept for the writer's connection. Recording an event runs the same handful
// of statements thousands of times a second, and parsing their SQL each time cost several times
// more than running them.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace incidentd::store {

// The statements prepared so far on one connection, keyed by their SQL text.
class StatementCache {
  public:
    struct Slot {
        std::unique_ptr<SQLite::Statement> statement;
        bool in_use = false;  // a nested caller of the same SQL gets a statement of its own
    };

    explicit StatementCache(SQLite::Database& db) : db_(db) {}
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    SQLite::Database& database() const { return db_; }

    Slot& slot(std::string_view sql) {
        auto found = slots_.find(std::string(sql));
        if (found == slots_.end())
            found = slots_
                        .emplace(std::string(sql),
                                 Slot{std::make_unique<SQLite::Statement>(db_, std::string(sql))})
                        .first;
        return found->second;
    }

  private:
    SQLite::Database& db_;
    std::unordered_map<std::string, Slot> slots_;
};

namespace detail {
inline thread_local StatementCache* active_statement_cache = nullptr;
}

// While alive, statements that this thread prepares on the cache's connection come from the
// cache. The writer thread holds one for its whole life, so the cache (and its statements) is
// gone before the connection closes; other connections and threads prepare afresh.
class StatementCacheScope {
  public:
    explicit StatementCacheScope(StatementCache& cache)
        : previous_(detail::active_statement_cache) {
        detail::active_statement_cache = &cache;
    }
    ~StatementCacheScope() { detail::active_statement_cache = previous_; }
    StatementCacheScope(const StatementCacheScope&) = delete;
    StatementCacheScope& operator=(const StatementCacheScope&) = delete;

  private:
    StatementCache* previous_;
};

// A statement for `sql` on `db`: the cached one when this thread caches for `db` and nobody is
// using it, else one of its own. Used like SQLite::Statement through * and ->; a cached one is
// reset and its parameters cleared when this goes, ready for the next caller.
class Prepared {
  public:
    Prepared(SQLite::Database& db, std::string_view sql) {
        StatementCache* cache = detail::active_statement_cache;
        if (cache && &cache->database() == &db) {
            StatementCache::Slot& slot = cache->slot(sql);
            if (!slot.in_use) {
                slot.in_use = true;
                slot_ = &slot;
                return;
            }
        }
        owned_.emplace(db, std::string(sql));
    }
    ~Prepared() {
        if (!slot_) return;
        try {
            slot_->statement->reset();
            slot_->statement->clearBindings();
        } catch (...) {
            // reset() reports the last step's error again; the statement is reset all the same.
        }
        slot_->in_use = false;
    }
    Prepared(const Prepared&) = delete;
    Prepared& operator=(const Prepared&) = delete;

    SQLite::Statement& operator*() { return slot_ ? *slot_->statement : *owned_; }
    SQLite::Statement* operator->() { return &**this; }

  private:
    StatementCache::Slot* slot_ = nullptr;
    std::optional<SQLite::Statement> owned_;
};

// SQLite::Savepoint with its three statements prepared once: every append runs one.
class CachedSavepoint {
  public:
    // `name` must be a literal identifier: it is spliced into the SQL.
    CachedSavepoint(SQLite::Database& db, std::string_view name) : db_(db), name_(name) {
        run("SAVEPOINT ");
    }
    ~CachedSavepoint() {
        if (released_) return;
        try {
            run("ROLLBACK TO ");
            run("RELEASE ");
        } catch (...) {
            // The enclosing transaction's own rollback undoes the work.
        }
    }
    CachedSavepoint(const CachedSavepoint&) = delete;
    CachedSavepoint& operator=(const CachedSavepoint&) = delete;

    void release() {
        run("RELEASE ");
        released_ = true;
    }

  private:
    void run(std::string_view verb) {
        std::string sql(verb);
        sql += name_;
        Prepared(db_, sql)->exec();
    }

    SQLite::Database& db_;
    std::string_view name_;
    bool released_ = false;
};

}  // namespace incidentd::store
