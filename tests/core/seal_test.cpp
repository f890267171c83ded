#include "core/seal.hpp"

#include <catch2/catch.hpp>

#include "core/hash_chain.hpp"

using namespace incidentd::core;
using Catch::Contains;

namespace {

const Time at = Time{std::chrono::milliseconds{1'795'514'400'123}};

// A chain of `n` linked entries.
std::vector<Entry> chain_of(int n) {
    std::vector<Entry> chain;
    std::string previous = genesis_hash;
    for (int i = 1; i <= n; ++i) {
        Entry e;
        e.seq = i;
        e.ts = "1795514400.00010" + std::to_string(i % 10);
        e.text = "entry " + std::to_string(i);
        e.hash = entry_hash(e, previous);
        previous = e.hash;
        chain.push_back(e);
    }
    return chain;
}

}  // namespace

TEST_CASE("A seal signed with a key verifies with its public key and no other") {
    const SigningKey key = SigningKey::generate();
    const Seal seal = key.seal(7, 1, 42, std::string(64, 'a'), at);
    CHECK(seal.key_id == key.public_key().id());
    CHECK(key.public_key().verifies(seal_statement(seal), seal.signature));
    CHECK_FALSE(SigningKey::generate().public_key().verifies(seal_statement(seal), seal.signature));
    Seal changed = seal;
    changed.entries = 41;
    CHECK_FALSE(key.public_key().verifies(seal_statement(changed), seal.signature));
    CHECK_FALSE(key.public_key().verifies(seal_statement(seal), "not base64!"));
}

TEST_CASE("A key survives its PEM forms; a public key is not taken for a private one") {
    const SigningKey key = SigningKey::generate();
    const auto again = SigningKey::from_pem(key.private_pem());
    REQUIRE(again);
    CHECK(again->public_key().id() == key.public_key().id());
    const auto pub = PublicKey::from_pem(key.public_key().pem());
    REQUIRE(pub);
    CHECK(pub->id() == key.public_key().id());
    CHECK_FALSE(SigningKey::from_pem(key.public_key().pem()));
    CHECK_FALSE(
        PublicKey::from_pem("-----BEGIN PUBLIC KEY-----\nnonsense\n-----END PUBLIC KEY-----\n"));
    CHECK_FALSE(SigningKey::from_pem(""));
}

TEST_CASE("The thread message carries the seal whole, and other text carries none") {
    const SigningKey key = SigningKey::generate();
    const Seal seal = key.seal(7, 3, 42, std::string(64, 'b'), at);
    const std::string message = seal_message(seal);
    CHECK_THAT(message, Contains("INC-7") && Contains("42 entries"));
    const auto parsed = parse_seal_message(message);
    REQUIRE(parsed);
    CHECK(*parsed == seal);
    CHECK_FALSE(parse_seal_message("Record sealed, trust me"));
    CHECK_FALSE(parse_seal_message("`incidentd-seal-v1 INC-7 3 42 abc 1 0123456789abcdef sig`"));
    std::string short_key = message;
    short_key.replace(short_key.find(seal.key_id), 16, "0123");
    CHECK_FALSE(parse_seal_message(short_key));
}

TEST_CASE("check_seals names the first seal that fails and why") {
    const SigningKey key = SigningKey::generate();
    const PublicKey pub = key.public_key();
    const std::vector<Entry> chain = chain_of(6);
    const Seal first = key.seal(1, 1, 3, chain[2].hash, at);
    const Seal second = key.seal(1, 2, 6, chain[5].hash, at);

    CHECK_FALSE(check_seals(chain, std::vector{first, second}, pub));
    SECTION("no seal at all") {
        const auto problem = check_seals(chain, {}, pub);
        REQUIRE(problem);
        CHECK_THAT(problem->reason, Contains("no seal"));
    }
    SECTION("a seal missing between two") {
        const Seal third = key.seal(1, 3, 6, chain[5].hash, at);
        const auto problem = check_seals(chain, std::vector{first, third}, pub);
        REQUIRE(problem);
        CHECK(problem->seal == 2);
    }
    SECTION("entries cut off after a seal") {
        const std::vector<Entry> cut(chain.begin(), chain.begin() + 5);
        const auto problem = check_seals(cut, std::vector{first, second}, pub);
        REQUIRE(problem);
        CHECK(problem->seal == 2);
        CHECK_THAT(problem->reason, Contains("removed"));
    }
    SECTION("a chain rebuilt with different content") {
        std::vector<Entry> forged = chain_of(6);
        forged[1].text = "forged";
        std::string previous = genesis_hash;
        for (Entry& e : forged) {
            e.hash = entry_hash(e, previous);
            previous = e.hash;
        }
        const auto problem = check_seals(forged, std::vector{first, second}, pub);
        REQUIRE(problem);
        CHECK(problem->seal == 1);
        CHECK_THAT(problem->reason, Contains("rewritten"));
    }
    SECTION("a seal of another key") {
        const Seal stranger = SigningKey::generate().seal(1, 1, 3, chain[2].hash, at);
        const auto problem = check_seals(chain, std::vector{stranger}, pub);
        REQUIRE(problem);
        CHECK_THAT(problem->reason, Contains("signed by key " + stranger.key_id));
    }
}

TEST_CASE("The seals in the incident thread are compared with the stored ones and the chain") {
    const SigningKey key = SigningKey::generate();
    const auto chain = chain_of(6);
    const Seal first = key.seal(7, 1, 3, chain[2].hash, at);
    const Seal second = key.seal(7, 2, 6, chain[5].hash, at + std::chrono::minutes{30});
    const std::vector<Seal> stored{first, second};
    const std::vector<std::int64_t> posted{1, 2};
    const auto check = [&](std::span<const Entry> c, std::span<const Seal> s,
                           std::span<const std::int64_t> p, std::span<const Seal> thread) {
        return check_thread_seals(c, s, p, thread, key.public_key());
    };

    CHECK_FALSE(check(chain, stored, posted, stored));

    SECTION("a seal in the thread that the store lost") {
        const auto problem =
            check(chain, std::vector<Seal>{first}, std::vector<std::int64_t>{1}, stored);
        REQUIRE(problem);
        CHECK(problem->seal == 2);
        CHECK_THAT(problem->reason, Contains("is not in the store"));
    }
    SECTION("entries removed after a seal that the thread holds") {
        const std::vector<Entry> truncated(chain.begin(), chain.begin() + 4);
        const auto problem = check(truncated, std::vector<Seal>{first, second}, posted, stored);
        REQUIRE(problem);
        CHECK(problem->seal == 2);
        CHECK_THAT(problem->reason, Contains("entries were removed"));
    }
    SECTION("a stored seal that differs from its post") {
        Seal edited = second;
        edited.at = at;
        const auto problem = check(chain, std::vector<Seal>{first, edited}, posted, stored);
        REQUIRE(problem);
        CHECK_THAT(problem->reason, Contains("differs from the stored seal 2"));
    }
    SECTION("a message in the thread signed by another key") {
        const Seal forged = SigningKey::generate().seal(7, 2, 6, chain[5].hash, at);
        const auto problem = check(chain, stored, posted, std::vector<Seal>{first, forged});
        REQUIRE(problem);
        CHECK_THAT(problem->reason, Contains("was signed by key"));
    }
    SECTION("a posted seal gone from the thread, and a thread with none") {
        const auto gone = check(chain, stored, posted, std::vector<Seal>{first});
        REQUIRE(gone);
        CHECK(gone->seal == 2);
        CHECK_THAT(gone->reason, Contains("deleted in Slack"));
        const auto none = check(chain, stored, std::vector<std::int64_t>{}, std::vector<Seal>{});
        REQUIRE(none);
        CHECK_THAT(none->reason, Contains("no seal"));
    }
    SECTION("a seal not yet posted is not looked for") {
        CHECK_FALSE(check(chain, stored, std::vector<std::int64_t>{1}, std::vector<Seal>{first}));
    }
}
