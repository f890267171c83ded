#include "core/seal.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <utility>

#include "core/hash_chain.hpp"
#include "core/incident.hpp"

namespace incidentd::core {
namespace {

constexpr std::string_view tag = "incidentd-seal-v1";

std::shared_ptr<EVP_PKEY> owned(EVP_PKEY* key) {
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

std::unique_ptr<BIO, decltype(&BIO_free)> memory_bio(std::string_view text) {
    return {BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), BIO_free};
}

// An Ed25519 key from PEM, read by PEM_read_bio_PUBKEY or PEM_read_bio_PrivateKey; null for
// anything else, another kind of key included.
using PemReader = EVP_PKEY* (*)(BIO*, EVP_PKEY**, pem_password_cb*, void*);
std::shared_ptr<EVP_PKEY> read_ed25519(std::string_view pem, PemReader read) {
    auto bio = memory_bio(pem);
    EVP_PKEY* key = read(bio.get(), nullptr, nullptr, nullptr);
    if (!key) return nullptr;
    auto held = owned(key);
    if (EVP_PKEY_id(key) != EVP_PKEY_ED25519) return nullptr;
    return held;
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(length));
}

std::string base64(const unsigned char* data, std::size_t size) {
    std::string out(4 * ((size + 2) / 3), '\0');
    const int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(size));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::optional<std::string> unbase64(std::string_view text) {
    if (text.empty() || text.size() % 4 != 0) return std::nullopt;
    std::string out(3 * text.size() / 4, '\0');
    const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                        reinterpret_cast<const unsigned char*>(text.data()),
                                        static_cast<int>(text.size()));
    if (written < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes; each '=' is one byte fewer.
    std::size_t size = static_cast<std::size_t>(written);
    for (std::size_t i = text.size(); i > 0 && text[i - 1] == '='; --i)
        --size;
    out.resize(size);
    return out;
}

bool all_of(std::string_view text, std::string_view allowed) {
    return !text.empty() && std::all_of(text.begin(), text.end(),
                                        [&](char c) { return allowed.find(c) != allowed.npos; });
}

std::optional<std::int64_t> number_of(std::string_view text) {
    std::int64_t n = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (error != std::errc() || end != text.data() + text.size() || n < 0) return std::nullopt;
    return n;
}

constexpr std::string_view hex_digits = "0123456789abcdef";
constexpr std::string_view base64_digits =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

}  // namespace

std::string seal_statement(const Seal& s) {
    return std::string(tag) + " " + incident_id(s.incident) + " " + std::to_string(s.number) + " " +
           std::to_string(s.entries) + " " + s.head_hash + " " +
           std::to_string(s.at.time_since_epoch().count()) + " " + s.key_id;
}

std::string seal_message(const Seal& s) {
    return "Record sealed: " + incident_id(s.incident) + " had " + std::to_string(s.entries) +
           (s.entries == 1 ? " entry" : " entries") + " at " + to_iso8601(s.at) +
           ". `incidentd verify " + incident_id(s.incident) +
           "` checks the record against this seal.\n`" + seal_statement(s) + " " + s.signature +
           "`";
}

std::optional<Seal> parse_seal_message(std::string_view text) {
    const std::size_t start = text.find(tag);
    if (start == std::string_view::npos) return std::nullopt;
    std::string_view line = text.substr(start);
    line = line.substr(0, line.find('\n'));
    if (line.ends_with('`')) line.remove_suffix(1);
    std::vector<std::string_view> parts;
    while (!line.empty()) {
        const std::size_t space = line.find(' ');
        parts.push_back(line.substr(0, space));
        if (space == std::string_view::npos) break;
        line.remove_prefix(space + 1);
    }
    if (parts.size() != 8 || parts[0] != tag) return std::nullopt;
    const auto incident = parse_incident_id(parts[1]);
    const auto number = number_of(parts[2]);
    const auto entries = number_of(parts[3]);
    const auto at = number_of(parts[5]);
    if (!incident || !number || !entries || !at) return std::nullopt;
    if (parts[4].size() != 64 || !all_of(parts[4], hex_digits)) return std::nullopt;
    if (parts[6].size() != 16 || !all_of(parts[6], hex_digits)) return std::nullopt;
    if (!all_of(parts[7], base64_digits)) return std::nullopt;
    return Seal{*incident,
                *number,
                *entries,
                std::string(parts[4]),
                Time{std::chrono::milliseconds{*at}},
                std::string(parts[6]),
                std::string(parts[7])};
}

PublicKey::PublicKey(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {}

std::optional<PublicKey> PublicKey::from_pem(std::string_view pem) {
    auto key = read_ed25519(pem, PEM_read_bio_PUBKEY);
    if (!key) return std::nullopt;
    return PublicKey(std::move(key));
}

std::string PublicKey::pem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key_.get()) != 1)
        throw std::runtime_error("cannot write the public key");
    return bio_text(bio.get());
}

std::string PublicKey::id() const {
    unsigned char raw[32];
    std::size_t size = sizeof raw;
    if (EVP_PKEY_get_raw_public_key(key_.get(), raw, &size) != 1)
        throw std::runtime_error("cannot read the public key");
    return sha256_hex(std::string_view(reinterpret_cast<const char*>(raw), size)).substr(0, 16);
}

bool PublicKey::verifies(std::string_view message, std::string_view signature_base64) const {
    const auto signature = unbase64(signature_base64);
    if (!signature) return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature->data()),
                            signature->size(),
                            reinterpret_cast<const unsigned char*>(message.data()),
                            message.size()) == 1;
}

SigningKey::SigningKey(std::shared_ptr<EVP_PKEY> key) : key_(std::move(key)) {}

SigningKey SigningKey::generate() {
    EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
    if (!key) throw std::runtime_error("cannot generate an Ed25519 key");
    return SigningKey(owned(key));
}

std::optional<SigningKey> SigningKey::from_pem(std::string_view pem) {
    auto key = read_ed25519(pem, PEM_read_bio_PrivateKey);
    if (!key) return std::nullopt;
    return SigningKey(std::move(key));
}

std::string SigningKey::private_pem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!bio ||
        PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
        throw std::runtime_error("cannot write the private key");
    return bio_text(bio.get());
}

PublicKey SigningKey::public_key() const {
    unsigned char raw[32];
    std::size_t size = sizeof raw;
    if (EVP_PKEY_get_raw_public_key(key_.get(), raw, &size) != 1)
        throw std::runtime_error("cannot read the public key");
    EVP_PKEY* key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw, size);
    if (!key) throw std::runtime_error("cannot make the public key");
    return PublicKey(owned(key));
}

std::string SigningKey::sign(std::string_view message) const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    unsigned char signature[64];
    std::size_t size = sizeof signature;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key_.get()) != 1 ||
        EVP_DigestSign(ctx.get(), signature, &size,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1)
        throw std::runtime_error("Ed25519 signing failed");
    return base64(signature, size);
}

Seal SigningKey::seal(std::int64_t incident, std::int64_t number, std::int64_t entries,
                      std::string head_hash, Time at) const {
    Seal s{incident, number, entries, std::move(head_hash), at, public_key().id(), ""};
    s.signature = sign(seal_statement(s));
    return s;
}

namespace {

// Whether `seal` is signed by `key` (whose id is `key_id`); `name` says which seal it is.
std::optional<SealProblem> unsigned_by(const PublicKey& key, const std::string& key_id,
                                       const Seal& seal, const std::string& name) {
    if (seal.key_id != key_id)
        return SealProblem{seal.number, name + " was signed by key " + seal.key_id +
                                            ", not by this key (" + key_id + ")"};
    if (!key.verifies(seal_statement(seal), seal.signature))
        return SealProblem{seal.number,
                           name + " has a signature that does not match what it says it sealed"};
    return std::nullopt;
}

// Whether the chain still reaches the head `seal` sealed; `name` says which seal it is.
std::optional<SealProblem> unreached(std::span<const Entry> chain, const Seal& seal,
                                     const std::string& name) {
    if (seal.entries > static_cast<std::int64_t>(chain.size()))
        return SealProblem{seal.number, name + " sealed " + std::to_string(seal.entries) +
                                            " entries but the record has " +
                                            std::to_string(chain.size()) +
                                            ": entries were removed after it was sealed"};
    if (seal.entries > 0 &&
        chain[static_cast<std::size_t>(seal.entries - 1)].hash != seal.head_hash)
        return SealProblem{seal.number, "entry " + std::to_string(seal.entries) +
                                            " is not the entry " + name +
                                            " sealed: the record up to it was rewritten"};
    return std::nullopt;
}

}  // namespace

std::optional<SealProblem> check_seals(std::span<const Entry> chain, std::span<const Seal> seals,
                                       const PublicKey& key) {
    const std::string key_id = key.id();
    std::int64_t expected = 1;
    std::int64_t covered = 0;
    for (const Seal& s : seals) {
        const std::string name = "seal " + std::to_string(s.number);
        if (s.number != expected)
            return SealProblem{expected, "seal " + std::to_string(expected) +
                                             " is missing: the next one stored is " + name};
        ++expected;
        if (auto problem = unsigned_by(key, key_id, s, name)) return problem;
        if (s.entries < covered)
            return SealProblem{s.number, name + " seals fewer entries (" +
                                             std::to_string(s.entries) + ") than the seal before"};
        covered = s.entries;
        if (auto problem = unreached(chain, s, name)) return problem;
    }
    if (seals.empty())
        return SealProblem{0,
                           "the record has no seal, so nothing outside the database vouches "
                           "for it"};
    return std::nullopt;
}

std::optional<SealProblem> check_thread_seals(std::span<const Entry> chain,
                                              std::span<const Seal> stored,
                                              std::span<const std::int64_t> posted,
                                              std::span<const Seal> thread, const PublicKey& key) {
    const std::string key_id = key.id();
    for (const Seal& t : thread) {
        const std::string name = "seal " + std::to_string(t.number) + " in the incident thread";
        if (auto problem = unsigned_by(key, key_id, t, name)) return problem;
        const auto it = std::ranges::find(stored, t.number, &Seal::number);
        if (it == stored.end())
            return SealProblem{t.number, name +
                                             " is not in the store: it was removed from the "
                                             "database after it was posted"};
        if (*it != t)
            return SealProblem{t.number,
                               name + " differs from the stored seal " + std::to_string(t.number)};
        if (auto problem = unreached(chain, t, name)) return problem;
    }
    for (const std::int64_t number : posted)
        if (std::ranges::find(thread, number, &Seal::number) == thread.end())
            return SealProblem{number, "seal " + std::to_string(number) +
                                           " was posted to the incident thread but is not there "
                                           "now: was the message deleted in Slack?"};
    if (thread.empty())
        return SealProblem{0, "the incident thread has no seal to compare with the store"};
    return std::nullopt;
}

}  // namespace incidentd::core
