#include "bot/runtime/seal_key.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace incidentd::bot {
namespace {

std::string in_quotes(const std::filesystem::path& path) {
    return "\"" + path.string() + "\"";
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read the seal key " + in_quotes(path) + ": " +
                                 std::strerror(errno));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// O_EXCL: two processes starting at once cannot both write a key; the loser reads the winner's.
bool create_key_file(const std::filesystem::path& path, const std::string& pem) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return false;
        throw std::runtime_error("cannot create the seal key " + in_quotes(path) + ": " +
                                 std::strerror(errno) +
                                 "; set [store] seal_key to a file incidentd may write, or give "
                                 "it an existing key");
    }
    std::size_t written = 0;
    while (written < pem.size()) {
        const ssize_t n = ::write(fd, pem.data() + written, pem.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string why = std::strerror(errno);
            ::close(fd);
            ::unlink(path.c_str());
            throw std::runtime_error("cannot write the seal key " + in_quotes(path) + ": " + why);
        }
        written += static_cast<std::size_t>(n);
    }
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced) {
        ::unlink(path.c_str());
        throw std::runtime_error("cannot write the seal key " + in_quotes(path) + ": " +
                                 std::strerror(errno));
    }
    return true;
}

}  // namespace

std::filesystem::path seal_key_path(const config::Config& config) {
    if (!config.store.seal_key.empty()) return config.store.seal_key;
    // Without a configuration file, beside the store: the working directory may not outlive a
    // restart, and a key lost that way is replaced by a new one the older seals do not match.
    const std::filesystem::path beside = config.file.empty()
                                             ? std::filesystem::path(config.store.path)
                                             : std::filesystem::path(config.file);
    return beside.parent_path() / "incidentd-seal.key";
}

core::SigningKey load_seal_key(const std::filesystem::path& path, bool create) {
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
        if (!create)
            throw std::runtime_error("there is no seal key at " + in_quotes(path) +
                                     "; `incidentd serve` creates it on first start, or set "
                                     "[store] seal_key to where it is");
        const core::SigningKey key = core::SigningKey::generate();
        if (create_key_file(path, key.private_pem())) return key;
    }
    const auto key = core::SigningKey::from_pem(read_file(path));
    if (!key)
        throw std::runtime_error("the seal key " + in_quotes(path) +
                                 " is not an Ed25519 private key in PEM; restore the right file "
                                 "or point [store] seal_key at it");
    return *key;
}

core::PublicKey read_public_key(const std::filesystem::path& path) {
    const std::string pem = read_file(path);
    if (auto key = core::PublicKey::from_pem(pem)) return *key;
    if (auto key = core::SigningKey::from_pem(pem)) return key->public_key();
    throw std::runtime_error(in_quotes(path) +
                             " holds no Ed25519 key in PEM (the output of `incidentd key show`)");
}

}  // namespace incidentd::bot
