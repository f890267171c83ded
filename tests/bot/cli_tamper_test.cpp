// The attacker with write access to the data file: each manipulation of a sealed record, done the
// way someone who knows the format would do it (triggers dropped, every hash after the change
// recomputed, chain_heads fixed), makes `incidentd verify` exit 1 naming what broke; the untouched
// store passes. The attacker recomputes hashes with incidentd's own hash function, as anyone could
// from docs/operations.md; what decides validity is the verify command of the real binary.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <regex>

#include "core/hash_chain.hpp"
#include "core/seal.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"

using namespace incidentd;
using Catch::Contains;
using test::CommandOptions;
using test::CommandResult;

namespace {

class SealedStore {
  public:
    SealedStore() {
        const CommandResult demo = run({"demo"});
        REQUIRE(demo.status == 0);
    }

    CommandResult run(const std::vector<std::string>& args) const {
        CommandOptions options;
        options.cwd = dir_.path();
        options.env["INCIDENTD_STORE_PATH"] = store();
        options.unset_env = {"INCIDENTD_CONFIG", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET",
                             "SLACK_APP_TOKEN", "INCIDENTD_STORE_SEAL_KEY"};
        options.timeout = std::chrono::seconds(20);
        return test::run_command(INCIDENTD_BINARY_DIR "/incidentd", args, options);
    }
    CommandResult verify() const { return run({"verify", "INC-1"}); }

    std::string store() const { return dir_.file("incidentd.db"); }
    std::string file(const std::string& name) const { return dir_.file(name); }

    // The attacker's connection: the append-only triggers are only in the way.
    SQLite::Database open() const {
        SQLite::Database db(store(), SQLite::OPEN_READWRITE);
        db.exec(
            "DROP TRIGGER IF EXISTS entries_refuse_update;"
            "DROP TRIGGER IF EXISTS entries_refuse_delete;"
            "DROP TRIGGER IF EXISTS entries_advance_chain_head;");
        return db;
    }

    // Recomputes every hash from the first entry on, renumbering seq 1, 2, … in the current seq
    // order, and points chain_heads at the new end: a chain that holds link by link.
    void rehash(SQLite::Database& db) const {
        struct Row {
            std::int64_t rowid;
            core::Entry e;
        };
        std::vector<Row> rows;
        SQLite::Statement q(db,
                            "SELECT rowid, ts, kind, at, actor_id, actor_name, text, thread_ts,"
                            " refers_to, permalink, key_event, payload FROM entries"
                            " WHERE incident = 1 ORDER BY seq");
        while (q.executeStep()) {
            Row r;
            r.rowid = q.getColumn(0).getInt64();
            r.e.ts = q.getColumn(1).getString();
            r.e.kind = *core::parse_entry_kind(q.getColumn(2).getString());
            r.e.at = core::Time{std::chrono::milliseconds{q.getColumn(3).getInt64()}};
            r.e.actor = {q.getColumn(4).getString(), q.getColumn(5).getString()};
            r.e.text = q.getColumn(6).getString();
            if (!q.getColumn(7).isNull()) r.e.thread_ts = q.getColumn(7).getString();
            if (!q.getColumn(8).isNull()) r.e.refers_to = q.getColumn(8).getString();
            r.e.permalink = q.getColumn(9).getString();
            r.e.key_event = q.getColumn(10).getInt() != 0;
            r.e.payload = q.getColumn(11).getString();
            rows.push_back(std::move(r));
        }
        db.exec("UPDATE entries SET seq = seq + 1000000 WHERE incident = 1");  // free 1, 2, …
        std::string previous = core::genesis_hash;
        std::int64_t seq = 0;
        for (Row& r : rows) {
            r.e.seq = ++seq;
            r.e.hash = core::entry_hash(r.e, previous);
            previous = r.e.hash;
            SQLite::Statement u(db, "UPDATE entries SET seq = ?, hash = ? WHERE rowid = ?");
            u.bind(1, r.e.seq);
            u.bind(2, r.e.hash);
            u.bind(3, r.rowid);
            u.exec();
        }
        SQLite::Statement head(db, "UPDATE chain_heads SET seq = ?, hash = ? WHERE incident = 1");
        head.bind(1, seq);
        head.bind(2, previous);
        head.exec();
    }

    void exec(const std::string& sql) const {
        auto db = open();
        db.exec(sql);
    }
    void exec_and_rehash(const std::string& sql) const {
        auto db = open();
        db.exec(sql);
        rehash(db);
    }

  private:
    test::TempDir dir_{"incidentd-tamper"};
};

void fails_naming(const CommandResult& result, const std::string& what) {
    INFO(result.out << result.err);
    CHECK(result.status == 1);
    CHECK_THAT(result.out, Contains(what));
}

void write_file(const std::string& file, const std::string& text) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
}

}  // namespace

TEST_CASE("An untouched sealed record passes verify, naming what it proved") {
    SealedStore s;
    const CommandResult result = s.verify();
    INFO(result.out << result.err);
    CHECK(result.status == 0);
    CHECK_THAT(result.out, Contains("hash chain intact") && Contains("header matches the chain") &&
                               Contains("1 seal holds"));
}

TEST_CASE("Changing the title and severity in the incidents table fails verify by field name") {
    SealedStore s;
    s.exec("UPDATE incidents SET severity = 4, title = 'Minor blip'");
    const CommandResult result = s.verify();
    fails_naming(result, "the header does not match the record");
    CHECK_THAT(result.out, Contains("title") && Contains("severity"));
}

TEST_CASE("Renaming the commander in the roles table fails verify") {
    SealedStore s;
    s.exec("UPDATE roles SET user_name = 'Mallory' WHERE role = 'commander'");
    fails_naming(s.verify(), "roles.commander");
}

TEST_CASE("Moving the declared time fails verify") {
    SealedStore s;
    s.exec("UPDATE incidents SET declared_at = declared_at - 3600000");
    fails_naming(s.verify(), "declared_at");
}

TEST_CASE("Rewriting an entry and recomputing every hash after it fails at the seal") {
    SealedStore s;
    s.exec_and_rehash("UPDATE entries SET text = 'nothing to see' WHERE seq = 5");
    fails_naming(s.verify(), "the record up to it was rewritten");
}

TEST_CASE("Changing an entry's actor or time and rehashing fails at the seal") {
    SealedStore s;
    SECTION("actor") {
        s.exec_and_rehash("UPDATE entries SET actor_name = 'mallory' WHERE seq = 4");
    }
    SECTION("time") {
        s.exec_and_rehash("UPDATE entries SET at = at + 60000 WHERE seq = 4");
    }
    fails_naming(s.verify(), "seal 1");
}

TEST_CASE("Reordering two entries and rehashing fails at the seal") {
    SealedStore s;
    s.exec_and_rehash(
        "UPDATE entries SET seq = 1000 WHERE seq = 4; UPDATE entries SET seq = 4 WHERE seq = 5;"
        " UPDATE entries SET seq = 5 WHERE seq = 1000");
    fails_naming(s.verify(), "seal 1");
}

TEST_CASE("Dropping a middle entry and re-linking the rest fails at the seal") {
    SealedStore s;
    s.exec_and_rehash("DELETE FROM entries WHERE seq = 6");
    fails_naming(s.verify(), "entries were removed after it was sealed");
}

TEST_CASE("Deleting the last entry and fixing chain_heads fails at the seal") {
    SealedStore s;
    s.exec_and_rehash("DELETE FROM entries WHERE seq = (SELECT MAX(seq) FROM entries)");
    fails_naming(s.verify(), "entries were removed after it was sealed");
}

TEST_CASE("A consistent forgery of the whole chain, header included, fails at the seal") {
    SealedStore s;
    // Every entry rewritten, the header snapshots too, and the incidents row to match.
    s.exec_and_rehash(
        "UPDATE entries SET text = replace(text, 'Checkout', 'Minor'),"
        " payload = replace(payload, 'Checkout', 'Minor');"
        "UPDATE incidents SET title = replace(title, 'Checkout', 'Minor')");
    const CommandResult result = s.verify();
    fails_naming(result, "seal 1");
    CHECK_THAT(result.out, Contains("header matches the chain"));
}

TEST_CASE("Deleting the seal row, or signing with another key, fails verify") {
    SealedStore s;
    SECTION("the seal is gone") {
        s.exec("DELETE FROM seals");
        fails_naming(s.verify(), "the record has no seal");
    }
    SECTION("the seal was signed by another key") {
        write_file(s.file("incidentd-seal.key"), core::SigningKey::generate().private_pem());
        fails_naming(s.verify(), "was signed by key");
    }
    SECTION("the seal's count was edited") {
        s.exec("UPDATE seals SET entries = entries - 1");
        fails_naming(s.verify(), "signature that does not match");
    }
}

TEST_CASE(
    "Without a configuration file the seal key lives beside the store, so a command run from "
    "another directory verifies the seals") {
    SealedStore s;
    CHECK(std::filesystem::exists(s.file("incidentd-seal.key")));
    const test::TempDir elsewhere;
    CommandOptions options;
    options.cwd = elsewhere.path();
    options.env["INCIDENTD_STORE_PATH"] = s.store();
    options.unset_env = {"INCIDENTD_CONFIG", "INCIDENTD_STORE_SEAL_KEY"};
    const CommandResult result =
        test::run_command(INCIDENTD_BINARY_DIR "/incidentd", {"verify", "INC-1"}, options);
    INFO(result.out << result.err);
    CHECK(result.status == 0);
    CHECK(std::filesystem::is_empty(elsewhere.path()));
}

TEST_CASE("verify --slack without a bot token says which setting it needs, and exits 1") {
    SealedStore s;
    const CommandResult result = s.run({"verify", "--slack", "INC-1"});
    CHECK(result.status == 1);
    CHECK_THAT(result.err, Contains("SLACK_BOT_TOKEN"));
    CHECK_THAT(result.out, Contains("hash chain intact"));  // the store's own checks still ran
    const CommandResult on_export = s.run({"verify", "--slack", s.file("INC-1.json")});
    CHECK(on_export.status == 2);
    CHECK_THAT(on_export.err, Contains("give an incident id"));
}

TEST_CASE("incidentd key show prints the seal key's id and its public key, not the private one") {
    SealedStore s;
    const CommandResult shown = s.run({"key", "show"});
    INFO(shown.err);
    REQUIRE(shown.status == 0);
    CHECK_THAT(shown.out, Contains("-----BEGIN PUBLIC KEY-----"));
    CHECK_THAT(shown.out, !Contains("PRIVATE"));
    CHECK(std::regex_search(shown.out, std::regex("Seal key [0-9a-f]{16} ")));
}

TEST_CASE("A JSON export verifies offline with the public key; edited, it fails") {
    SealedStore s;
    const CommandResult exported = s.run({"export", "INC-1", "--format", "json"});
    REQUIRE(exported.status == 0);
    const CommandResult shown = s.run({"key", "show"});
    const std::string pem = shown.out.substr(shown.out.find("-----BEGIN"));
    write_file(s.file("auditor.pub"), pem);
    // The auditor has the export and the public key only.
    std::filesystem::remove(s.file("incidentd-seal.key"));
    write_file(s.file("INC-1.json"), exported.out);

    SECTION("as exported") {
        const CommandResult result =
            s.run({"verify", "--public-key", s.file("auditor.pub"), s.file("INC-1.json")});
        INFO(result.out << result.err);
        CHECK(result.status == 0);
        CHECK_THAT(result.out, Contains("1 seal holds"));
    }
    SECTION("its title edited") {
        std::string text = exported.out;
        const std::string from = "\"title\": \"Checkout latency above SLO\"";
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), "\"title\": \"Minor blip\"");
        write_file(s.file("INC-1.json"), text);
        fails_naming(s.run({"verify", "--public-key", s.file("auditor.pub"), s.file("INC-1.json")}),
                     "title");
    }
    SECTION("an entry's text edited") {
        std::string text = exported.out;
        const std::string from = "Rollback done";
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), "All is well.");
        write_file(s.file("INC-1.json"), text);
        fails_naming(s.run({"verify", "--public-key", s.file("auditor.pub"), s.file("INC-1.json")}),
                     "breaks the hash chain");
    }
    SECTION("checked against another key") {
        write_file(s.file("other.pub"), core::SigningKey::generate().public_key().pem());
        fails_naming(s.run({"verify", "--public-key", s.file("other.pub"), s.file("INC-1.json")}),
                     "was signed by key");
    }
}
