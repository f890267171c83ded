// stat(2) of the store's path against the device and inode it had when opened.
#include "store/file_identity.hpp"

#include <sys/stat.h>

#include <cerrno>

namespace incidentd::store {

FileIdentity FileIdentity::of(const std::filesystem::path& path) {
    FileIdentity identity;
    identity.path_ = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        identity.device_ = st.st_dev;
        identity.inode_ = st.st_ino;
        identity.known_ = true;
    }
    return identity;
}

std::string FileIdentity::changed() const {
    if (!known_) return "";  // e.g. an in-memory database: nothing to compare
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return "the store file was deleted while incidentd was running";
        return "";  // e.g. a permission change on the folder: the open file is still the store
    }
    if (st.st_dev != device_ || st.st_ino != inode_)
        return "the store file was replaced by another file while incidentd was running";
    return "";
}

}  // namespace incidentd::store
