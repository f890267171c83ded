// Seals: the hash chain anchored outside the database. A seal is a signed statement "incident
// INC-7's record had N entries ending in hash H at time T"; incidentd posts it to the incident
// thread, where whoever controls the database file cannot change it. Ed25519, through OpenSSL.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/entry.hpp"
#include "core/time.hpp"

typedef struct evp_pkey_st EVP_PKEY;

namespace incidentd::core {

struct Seal {
    std::int64_t incident = 0;  // the incident's number
    std::int64_t number = 0;    // 1, 2, … within the incident, in signing order
    std::int64_t entries = 0;   // the record's length when sealed: seq of the last sealed entry
    std::string head_hash;      // that entry's hash
    Time at{};
    std::string key_id;     // names the public key that checks the signature (PublicKey::id)
    std::string signature;  // base64 Ed25519 signature over seal_statement()
    bool operator==(const Seal&) const = default;
};

// The exact bytes signed: "incidentd-seal-v1 INC-7 2 42 <head hash> <at, ms since epoch> <key id>".
std::string seal_statement(const Seal& seal);

// The thread message: one line for people, then the seal in a form parse_seal_message reads.
std::string seal_message(const Seal& seal);
// The seal in a message's text, wherever its line is; nullopt when there is none.
std::optional<Seal> parse_seal_message(std::string_view text);

class PublicKey {
  public:
    // An Ed25519 public key in PEM ("-----BEGIN PUBLIC KEY-----"); nullopt for anything else.
    static std::optional<PublicKey> from_pem(std::string_view pem);
    std::string pem() const;
    // 16 hex digits of SHA-256 over the raw key: short, and enough to tell keys apart.
    std::string id() const;
    bool verifies(std::string_view message, std::string_view signature_base64) const;

  private:
    explicit PublicKey(std::shared_ptr<EVP_PKEY> key);
    std::shared_ptr<EVP_PKEY> key_;
    friend class SigningKey;
};

class SigningKey {
  public:
    static SigningKey generate();
    // An Ed25519 private key in PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"); nullopt otherwise.
    static std::optional<SigningKey> from_pem(std::string_view pem);
    std::string private_pem() const;
    PublicKey public_key() const;
    std::string sign(std::string_view message) const;  // base64

    // A seal of the record's head, signed now.
    Seal seal(std::int64_t incident, std::int64_t number, std::int64_t entries,
              std::string head_hash, Time at) const;

  private:
    explicit SigningKey(std::shared_ptr<EVP_PKEY> key);
    std::shared_ptr<EVP_PKEY> key_;
};

// What is wrong with a record's seals, first problem first; empty when every seal holds.
// `chain` is the record in seq order (its own links already checked); `seals` in number order.
struct SealProblem {
    std::int64_t seal = 0;  // the seal concerned; 0 when the problem is that there is none
    std::string reason;
};
std::optional<SealProblem> check_seals(std::span<const Entry> chain, std::span<const Seal> seals,
                                       const PublicKey& key);

// `verify --slack`: the seals read back from the incident thread, which whoever controls the
// database cannot change. Each must be signed by `key`, be stored exactly as posted, and still be
// reached by `chain` (seq order); each stored seal whose post was recorded (`posted`, by number)
// must still be in the thread. The first problem, or nullopt when the thread and store agree.
std::optional<SealProblem> check_thread_seals(std::span<const Entry> chain,
                                              std::span<const Seal> stored,
                                              std::span<const std::int64_t> posted,
                                              std::span<const Seal> thread, const PublicKey& key);

}  // namespace incidentd::core
