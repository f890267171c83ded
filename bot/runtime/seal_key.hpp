// The key file that signs seals ([store] seal_key): found, read, or created on first start.
#pragma once

#include <filesystem>

#include "config/config.hpp"
#include "core/seal.hpp"

namespace incidentd::bot {

// [store] seal_key, or incidentd-seal.key beside the configuration file (beside the store when
// there is none).
std::filesystem::path seal_key_path(const config::Config& config);

// Reads the private key at `path`; creates it first (mode 0600, never over an existing file) when
// there is none and `create` is set. Throws std::runtime_error naming the file and what to do.
core::SigningKey load_seal_key(const std::filesystem::path& path, bool create);

// A public key from a file holding either a public key or the private key (PEM). Throws
// std::runtime_error naming the file.
core::PublicKey read_public_key(const std::filesystem::path& path);

}  // namespace incidentd::bot
