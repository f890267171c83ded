// flock(2) rather than fcntl(2) locks: an fcntl lock belongs to the process and is dropped when
// any descriptor of the file closes, including SQLite's own; a flock lock belongs to this
// descriptor alone.
#include "store/writer_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "store/store_error.hpp"
#include "store/store_file.hpp"

namespace incidentd::store {
namespace {

// The PID the holder wrote, or "" when the file holds none yet (it is between lock and write).
std::string holder_pid(int fd) {
    char text[32] = {};
    const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
    std::string pid(text, n > 0 ? static_cast<std::size_t>(n) : 0);
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' '))
        pid.pop_back();
    return pid.find_first_not_of("0123456789") == std::string::npos ? pid : std::string{};
}

}  // namespace

std::filesystem::path WriterLock::lock_file(const std::filesystem::path& store) {
    return std::filesystem::path(store.string() + ".lock");
}

WriterLock WriterLock::acquire(const std::filesystem::path& store) {
    check_store_path(store, StoreUse::write);  // no lock file beside a directory
    const std::filesystem::path path = lock_file(store);
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        throw StoreError("cannot create the lock file " + path.string() + " (" +
                         std::strerror(errno) +
                         "); incidentd needs to write in the store's directory");
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        const std::string pid = holder_pid(fd);
        ::close(fd);
        if (error == EWOULDBLOCK)
            throw StoreError("store " + store.string() + " is in use by another incidentd" +
                             (pid.empty() ? "" : " (pid " + pid + ")") +
                             "; one serve writes to a store at a time. Stop the other one first, "
                             "or give this one its own [store] path");
        throw StoreError("cannot lock " + path.string() + " (" + std::strerror(error) + ")");
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    const bool written = ::ftruncate(fd, 0) == 0 && ::pwrite(fd, pid.data(), pid.size(), 0) ==
                                                        static_cast<ssize_t>(pid.size());
    (void)written;  // the PID is for people; the lock holds without it
    return WriterLock(fd);
}

WriterLock::~WriterLock() {
    if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the lock
}

}  // namespace incidentd::store
