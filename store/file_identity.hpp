// Which file a path named when the store was opened (device and inode), so that a store deleted
// or replaced under the running process is noticed: SQLite keeps writing into the open file,
// which then has no name and is gone when the process ends.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

namespace incidentd::store {

class FileIdentity {
  public:
    // The file `path` names now; an identity that never matches when it names nothing.
    static FileIdentity of(const std::filesystem::path& path);

    // "" while `path` still names the same file; otherwise what happened to it, in words that do
    // not name the path (they reach /readyz).
    // One stat(2): cheap enough to ask before every group commit.
    std::string changed() const;

  private:
    std::filesystem::path path_;
    dev_t device_ = 0;
    ino_t inode_ = 0;
    bool known_ = false;
};

}  // namespace incidentd::store
