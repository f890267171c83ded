// Whether the store can take writes now, as the one writer last saw it. A commit that fails
// (nothing of it was stored, whatever the reason), or a request that fails for a reason of the
// storage (disk full, I/O error, a damaged or read-only file), marks it failed at once; a later
// commit that wrote something clears it. A store file deleted or replaced under
// the running process fails it for good: writing on would go into a file nobody can open again.
#pragma once

#include <exception>
#include <string>

namespace incidentd::store {

struct WriteHealth {
    bool writable = true;
    bool permanent = false;  // only a restart, once the file is back where it belongs, helps
    std::string problem;     // what failed, in words for /readyz ("" when writable): no paths
    std::string advice;      // what the operator does, with the files it concerns: for the log

    bool operator==(const WriteHealth&) const = default;
};

// True when `error` says the storage itself refused (SQLITE_FULL, IOERR, CORRUPT, NOTADB,
// CANTOPEN, READONLY, PROTOCOL), not that one request was wrong (a constraint, a bug).
bool is_storage_failure(const std::exception& error);
// What `error` says when it is a storage failure, else "".
std::string storage_failure(std::exception_ptr error);
// What any exception says ("an unknown error" for one that is not a std::exception).
std::string what_of(std::exception_ptr error);

}  // namespace incidentd::store
