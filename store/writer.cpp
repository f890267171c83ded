// The writer thread's loop: take everything queued, run each request in a SAVEPOINT of one
// IMMEDIATE transaction, COMMIT, then complete the requests. One fsync per batch, not per request.
#include "store/writer.hpp"

#include <sqlite3.h>

#include <SQLiteCpp/Transaction.h>

#include <unistd.h>

#include <chrono>

#include "store/backup.hpp"
#include "store/statement_cache.hpp"

namespace incidentd::store {

Writer::Writer(std::filesystem::path path, WriterOptions options)
    : path_(std::move(path)),
      options_(options),
      lock_(WriterLock::acquire(path_)),
      db_(open_database(path_, options.database)),
      identity_(FileIdentity::of(path_)),
      thread_([this] { run_loop(); }) {}

Writer::~Writer() {
    stop();
}

void Writer::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

Writer::Counters Writer::counters() const {
    std::lock_guard lock(mutex_);
    return counters_;
}

std::size_t Writer::queued() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

WriteHealth Writer::health() const {
    std::lock_guard lock(mutex_);
    return health_;
}

void Writer::set_health(WriteHealth health) {
    bool flipped = false;
    {
        std::lock_guard lock(mutex_);
        if (health_.permanent) return;  // nothing undoes a lost file but a restart
        flipped = health.writable != health_.writable || health.permanent != health_.permanent;
        health_ = health;
    }
    // Once per change, not once per failed request: the caller logs it and updates readiness.
    if (flipped && options_.on_health_change) {
        try {
            options_.on_health_change(health);
        } catch (...) {
            std::lock_guard lock(mutex_);
            counters_.callback_errors += 1;
        }
    }
}

SQLite::Database Writer::open_reader() const {
    return store::open_reader(path_, StoreUse::read, options_.database.busy_timeout);
}

void Writer::enqueue(std::unique_ptr<Request> request) {
    {
        std::unique_lock lock(mutex_);
        if (!stopping_) {
            queue_.push_back(std::move(request));
            lock.unlock();
            wake_.notify_one();
            return;
        }
    }
    request->fail(std::make_exception_ptr(
        StoreError("the database writer has stopped; the request was not stored")));
    complete(*request);
}

void Writer::run_loop() {
    // Destroyed as the thread ends, before the connection closes.
    StatementCache statements(db_);
    StatementCacheScope scope(statements);
    std::unique_lock lock(mutex_);
    for (;;) {
        const auto woken = [this] { return stopping_ || !queue_.empty(); };
        if (!health_.writable && !health_.permanent) {
            // Failing, and nothing queued to show otherwise: try a small write now and then, so
            // readiness returns once space is freed even if Slack has given up sending.
            if (!wake_.wait_for(lock, options_.probe_interval, woken)) {
                lock.unlock();
                probe();
                lock.lock();
                continue;
            }
        } else {
            wake_.wait(lock, woken);
        }
        if (queue_.empty()) {  // stopping, and everything queued has been committed
            lock.unlock();
            checkpoint();
            return;
        }
        std::deque<std::unique_ptr<Request>> batch;
        const std::size_t take =
            std::min(queue_.size(), std::max<std::size_t>(1, options_.max_batch));
        for (std::size_t i = 0; i < take; ++i) {
            batch.push_back(std::move(queue_.front()));
            queue_.pop_front();
        }
        lock.unlock();
        run_batch(batch);
        lock.lock();
    }
}

void Writer::probe() {
    if (const std::string gone = identity_.changed(); !gone.empty()) {
        lose_file(gone);
        return;
    }
    try {
        SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
        const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        auto write = Prepared(db_,
                              "INSERT INTO store_heartbeat (id, written_at) VALUES (1, :at)"
                              " ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at");
        write->bind(":at", static_cast<std::int64_t>(now));
        write->exec();
        transaction.commit();
        set_health({});
    } catch (const std::exception& e) {
        set_health({false, false, e.what(), failing_advice()});
    }
}

std::string Writer::failing_advice() const {
    return "check the file system that holds " + path_.string() +
           " (space, errors, mounted read-only)";
}

std::string Writer::lose_file(const std::string& what) {
    {
        std::lock_guard lock(mutex_);
        if (health_.permanent) return health_.problem;
    }
    // The open connection is now the only way to what was committed: copy it out under a new
    // name, never the old one (whoever removed the file may have meant it).
    const auto stamp = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    const std::filesystem::path rescue = path_.string() + ".rescued-" + std::to_string(stamp);
    std::string advice = "nothing more is stored in " + path_.string() + ". ";
    try {
        backup_connection(db_, rescue);
        advice += "Everything stored until then was saved to " + rescue.string() +
                  ": stop incidentd, move that file to " + path_.string() + ", and start it again";
    } catch (const std::exception& e) {
        advice += "Saving what it held to " + rescue.string() + " failed (" + e.what() +
                  "): copy the open file from /proc/" + std::to_string(::getpid()) +
                  "/fd before stopping incidentd";
    }
    // The connection must not fold its write-ahead log into the nameless file when it closes,
    // nor delete the -wal file by a name that may now be another store's.
    sqlite3_db_config(db_.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
                      static_cast<int*>(nullptr));
    set_health({false, true, what, advice});
    return what;
}

void Writer::checkpoint() noexcept {
    if (health().permanent) return;  // the file is not ours any more (see lose_file)
    // Folds the WAL into the database file, so the file alone is the whole database once the
    // process is gone (copied, backed up or opened by an older tool). Best effort: a reader still
    // open elsewhere can keep the WAL busy, and then SQLite keeps it for the next open.
    try {
        db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const std::exception&) {
    }
}

void Writer::run_batch(std::deque<std::unique_ptr<Request>>& batch) {
    std::uint64_t failed = 0;
    std::exception_ptr batch_error;
    // Before every commit: committing into a file that lost its name would acknowledge work
    // that disappears with the process.
    if (const std::string gone = identity_.changed(); !gone.empty() || health().permanent) {
        batch_error = std::make_exception_ptr(StoreError(lose_file(gone)));
    } else {
        std::string storage_problem;  // a request's failure that was the storage's, not its own
        sqlite3_int64 wrote = 0;      // rows changed by requests whose work was kept
        try {
            SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
            for (auto& request : batch) {
                // Some errors (disk full, I/O) make SQLite roll back the whole transaction;
                // running more work then would commit it outside any transaction, so stop here.
                if (sqlite3_get_autocommit(db_.getHandle()) != 0)
                    throw StoreError(
                        "SQLite rolled back the batch after an error; nothing was stored");
                Prepared(db_, "SAVEPOINT request")->exec();
                const auto before = sqlite3_total_changes64(db_.getHandle());
                try {
                    request->run(db_);
                    Prepared(db_, "RELEASE request")->exec();
                    wrote += sqlite3_total_changes64(db_.getHandle()) - before;
                } catch (...) {
                    if (std::string why = storage_failure(std::current_exception()); !why.empty())
                        storage_problem = std::move(why);
                    request->fail(std::current_exception());
                    ++failed;
                    if (sqlite3_get_autocommit(db_.getHandle()) == 0) {
                        Prepared(db_, "ROLLBACK TO request")->exec();
                        Prepared(db_, "RELEASE request")->exec();
                    }
                }
            }
            transaction.commit();
        } catch (...) {
            batch_error = std::current_exception();
            if (storage_problem.empty()) storage_problem = what_of(batch_error);
        }
        // A failed commit stores nothing, whatever the reason; a commit that wrote shows the
        // store takes writes (one that only read shows nothing: a full disk still serves reads).
        if (!storage_problem.empty())
            set_health({false, false, storage_problem, failing_advice()});
        else if (wrote > 0)
            set_health({});
    }
    if (batch_error) {
        // Nothing in the batch is durable, so every request reports the failure.
        for (auto& request : batch)
            request->fail(batch_error);
        failed = batch.size();
    }
    {
        std::lock_guard lock(mutex_);
        counters_.batches += 1;
        counters_.requests += batch.size();
        counters_.failed_requests += failed;
    }
    for (auto& request : batch)
        complete(*request);
}

void Writer::complete(Request& request) {
    try {
        request.complete();
    } catch (...) {
        std::lock_guard lock(mutex_);
        counters_.callback_errors += 1;
    }
}

}  // namespace incidentd::store
