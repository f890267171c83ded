// The writer thread's loop: take everything queued, run each request in a SAVEPOINT of one
// IMMEDIATE transaction, COMMIT, then complete the requests. One fsync per batch, not per request.
#include "store/writer.hpp"

#include <sqlite3.h>

#include <SQLiteCpp/Transaction.h>

#include "store/statement_cache.hpp"

namespace incidentd::store {

Writer::Writer(std::filesystem::path path, WriterOptions options)
    : path_(std::move(path)),
      options_(options),
      db_(open_database(path_, options.database)),
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

SQLite::Database Writer::open_reader() const {
    return store::open_reader(path_, options_.database.busy_timeout);
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
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
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

void Writer::checkpoint() noexcept {
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
    try {
        SQLite::Transaction transaction(db_, SQLite::TransactionBehavior::IMMEDIATE);
        for (auto& request : batch) {
            // Some errors (disk full, I/O) make SQLite roll back the whole transaction; running
            // more work then would commit it outside any transaction, so stop here.
            if (sqlite3_get_autocommit(db_.getHandle()) != 0)
                throw StoreError("SQLite rolled back the batch after an error; nothing was stored");
            Prepared(db_, "SAVEPOINT request")->exec();
            try {
                request->run(db_);
                Prepared(db_, "RELEASE request")->exec();
            } catch (...) {
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
