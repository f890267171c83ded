// The one writer: owns the write connection on its own thread and commits, in one transaction,
// every request that queued up while the previous commit ran (group commit). A request's
// future or callback is completed only after its work is durably committed.
#pragma once

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <variant>

#include "store/database.hpp"
#include "store/file_identity.hpp"
#include "store/store_error.hpp"
#include "store/write_health.hpp"
#include "store/writer_lock.hpp"

namespace incidentd::store {

struct WriterOptions {
    DatabaseOptions database;
    std::size_t max_batch = 512;  // requests per transaction, so one batch cannot grow unbounded
    // While writes fail (and nothing else comes to try), how often a small write checks whether
    // the store takes writes again.
    std::chrono::milliseconds probe_interval{1000};
    // Called on the writer thread when the store stops or starts taking writes; keep it short.
    std::function<void(const WriteHealth&)> on_health_change;
};

class Writer {
  public:
    struct Counters {
        std::uint64_t batches = 0;          // transactions attempted
        std::uint64_t requests = 0;         // requests run
        std::uint64_t failed_requests = 0;  // requests that reported an exception
        std::uint64_t callback_errors = 0;  // completion callbacks that threw (a caller's bug)
    };

    // Takes the store's WriterLock, opens the database (checked, migrations applied) on the
    // caller's thread, so start-up errors are thrown here (StoreError when another process
    // writes to the store), then starts the writer thread.
    explicit Writer(std::filesystem::path path, WriterOptions options = {});
    ~Writer();  // stop()
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    // Queues `work` to run on the writer thread inside its own SAVEPOINT of the next batch's
    // transaction. If it throws, only its own changes are rolled back and the future holds the
    // exception; otherwise the future becomes ready with its result after COMMIT. `work` must
    // not begin or end transactions itself (SQLite::Savepoint nests; SQLite::Transaction does
    // not). After stop() the future holds a StoreError.
    template <class Work>
    auto submit(Work work) -> std::future<std::invoke_result_t<Work&, SQLite::Database&>> {
        using R = std::invoke_result_t<Work&, SQLite::Database&>;
        auto promise = std::make_shared<std::promise<R>>();
        auto future = promise->get_future();
        enqueue(make_request<R>(
            std::move(work), [promise](std::exception_ptr error, std::optional<Stored<R>>&& value) {
                if (error)
                    promise->set_exception(error);
                else if constexpr (std::is_void_v<R>)
                    promise->set_value();
                else
                    promise->set_value(std::move(*value));
            }));
        return future;
    }

    // For callers that must not block (an asio handler): `done` runs on the writer thread after
    // the commit — or on the caller's thread after stop() — as done(error, result), or
    // done(error) when `work` returns void. On error, result is a default-constructed R. Keep
    // `done` short (post the outcome to an executor); an exception from it is counted and
    // dropped.
    template <class Work, class Done>
    void submit(Work work, Done done) {
        using R = std::invoke_result_t<Work&, SQLite::Database&>;
        enqueue(make_request<R>(
            std::move(work), [done = std::move(done)](std::exception_ptr error,
                                                      std::optional<Stored<R>>&& value) mutable {
                if constexpr (std::is_void_v<R>) {
                    done(error);
                } else {
                    static_assert(std::is_default_constructible_v<R>,
                                  "the callback form passes R{} with an error; return a "
                                  "default-constructible type or use the future form");
                    done(error, value ? std::move(*value) : R{});
                }
            }));
    }

    // Stops taking requests, commits everything already queued, checkpoints the WAL into the
    // database file, and joins the thread. Not from a completion callback: that runs on the
    // thread being joined.
    void stop();

    Counters counters() const;
    std::size_t queued() const;  // requests waiting for the next batch
    // Whether the last commit that wrote (or the last write probe) succeeded, and if not why.
    WriteHealth health() const;
    const std::filesystem::path& path() const { return path_; }

    // A read-only connection to the same file; WAL lets it read while the writer commits.
    SQLite::Database open_reader() const;

  private:
    // What a request's result is kept as until its batch commits; void results carry nothing.
    template <class R>
    using Stored = std::conditional_t<std::is_void_v<R>, std::monostate, R>;

    // One queued piece of work: run inside the batch, then completed once the batch is settled.
    class Request {
      public:
        virtual ~Request() = default;
        virtual void run(SQLite::Database& db) = 0;
        virtual void fail(std::exception_ptr error) = 0;  // replaces any result
        virtual void complete() = 0;                      // after COMMIT (or the batch failed)
    };

    template <class R, class Work, class Complete>
    class TypedRequest final : public Request {
      public:
        TypedRequest(Work work, Complete done) : work_(std::move(work)), done_(std::move(done)) {}
        void run(SQLite::Database& db) override {
            if constexpr (std::is_void_v<R>) {
                work_(db);
                value_.emplace();
            } else {
                value_.emplace(work_(db));
            }
        }
        void fail(std::exception_ptr error) override {
            error_ = error;
            value_.reset();
        }
        void complete() override { done_(error_, std::move(value_)); }

      private:
        Work work_;
        Complete done_;
        std::exception_ptr error_;
        std::optional<Stored<R>> value_;
    };

    template <class R, class Work, class Complete>
    static std::unique_ptr<Request> make_request(Work work, Complete done) {
        return std::make_unique<TypedRequest<R, Work, Complete>>(std::move(work), std::move(done));
    }

    void enqueue(std::unique_ptr<Request> request);
    void run_loop();
    void run_batch(std::deque<std::unique_ptr<Request>>& batch);
    void checkpoint() noexcept;
    void complete(Request& request);
    void probe();
    // The file is gone from under its name: what it holds is saved beside it, and nothing is
    // written any more. Returns the problem, in words.
    std::string lose_file(const std::string& what);
    std::string failing_advice() const;  // for a failed commit, in the log
    void set_health(WriteHealth health);

    std::filesystem::path path_;
    WriterOptions options_;
    WriterLock lock_;      // before the database: a second writer stops before it opens the file
    SQLite::Database db_;  // used only by the writer thread once it runs

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::unique_ptr<Request>> queue_;
    bool stopping_ = false;
    Counters counters_;
    WriteHealth health_;
    FileIdentity identity_;  // used only by the writer thread once it runs
    std::thread thread_;     // last: started once everything above exists
};

}  // namespace incidentd::store
