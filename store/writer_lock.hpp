// One writing process per store: an exclusive flock(2) on "<store>.lock" beside the file, held
// for as long as the Writer lives and released by the kernel however the process ends (SIGKILL
// included), so a crash never leaves a stale lock. The lock file holds the holder's PID, for the
// message a second `incidentd serve` prints. Readers (list, export, verify, backup) take no lock.
#pragma once

#include <filesystem>

namespace incidentd::store {

class WriterLock {
  public:
    // Takes the lock of the store at `store` without waiting. Throws StoreError naming the store
    // and the PID that holds it when another process does, or when the lock file cannot be made.
    static WriterLock acquire(const std::filesystem::path& store);

    WriterLock(WriterLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    WriterLock& operator=(WriterLock&&) = delete;
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;
    ~WriterLock();

    // "<store>.lock".
    static std::filesystem::path lock_file(const std::filesystem::path& store);

  private:
    explicit WriterLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

}  // namespace incidentd::store
