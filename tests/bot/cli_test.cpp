// The incidentd command line, run as a real process against a real SQLite file: what each
// subcommand prints and the exit status it returns.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/incident.hpp"
#include "core/seal.hpp"
#include "store/database.hpp"
#include "store/entries.hpp"
#include "store/incidents.hpp"
#include "store/seals.hpp"
#include "support/command.hpp"
#include "support/temp_dir.hpp"

using namespace incidentd;
using namespace std::chrono_literals;
using test::CommandOptions;
using test::CommandResult;

namespace {

const std::string incidentd_binary = INCIDENTD_BINARY_DIR "/incidentd";
const std::string channel_url = "https://acme.slack.com/archives/C0CHECKOUT";

// Runs incidentd in `dir` with the store there and no configuration from the outside world.
CommandResult incidentd_cli(const test::TempDir& dir, const std::vector<std::string>& args,
                            std::map<std::string, std::string> env = {}) {
    CommandOptions options;
    options.cwd = dir.path();
    options.env = std::move(env);
    options.env.emplace("INCIDENTD_STORE_PATH", (dir.path() / "incidentd.db").string());
    options.unset_env = {"INCIDENTD_CONFIG", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET",
                         "SLACK_APP_TOKEN", "INCIDENTD_STORE_SEAL_KEY"};
    return test::run_command(incidentd_binary, args, options);
}

core::Time at(std::chrono::seconds after) {
    return core::Time{std::chrono::seconds{1795514400} + after};  // 2026-11-24 10:00:00 UTC
}

core::Entry entry(std::chrono::seconds after, core::EntryKind kind, std::string text,
                  bool key_event) {
    core::Entry e;
    e.ts = std::to_string(1795514400 + after.count()) + ".000100";
    e.kind = kind;
    e.at = at(after);
    e.actor = {"U0ALICE", "alice"};
    e.text = std::move(text);
    e.key_event = key_event;
    e.permalink = channel_url + "/p" + std::to_string(1795514400 + after.count()) + "000100";
    return e;
}

enum class Sealed { yes, no };

// INC-1: a closed SEV2 with a key message, typed facts and ordinary chatter; sealed at close
// with a key in incidentd-seal.key, where verify looks for it, unless told otherwise.
void store_closed_incident(const test::TempDir& dir, Sealed sealed = Sealed::yes) {
    auto db = store::open_database(dir.path() / "incidentd.db");
    core::Incident i;
    i.title = "Checkout latency";
    i.severity = core::Severity::sev2;
    i.state = core::State::closed;
    i.channel_id = "C0CHECKOUT";
    i.channel_name = "inc-20261124-checkout-latency";
    i.channel_url = channel_url;
    i.declared_by = {"U0ALICE", "alice"};
    i.declared_at = at(0s);
    i.resolved_at = at(3600s);
    i.closed_at = at(7200s);
    i.roles[core::Role::commander] = {"U0ALICE", "alice"};
    i.number = store::create_incident(db, i);
    store::save_incident(db, i, at(7200s));
    store::append_entry(db, i.number,
                        entry(0s, core::EntryKind::declared, "Checkout latency", false));
    store::append_entry(db, i.number, entry(60s, core::EntryKind::message, "p99 is 4s", false));
    store::append_entry(
        db, i.number,
        entry(120s, core::EntryKind::message, "deploy v2.41 went out at 09:55", true));
    store::append_entry(db, i.number,
                        entry(180s, core::EntryKind::impact, "30% of checkouts fail", true));
    store::append_entry(db, i.number,
                        entry(240s, core::EntryKind::action, "roll back v2.41", true));
    store::append_entry(db, i.number,
                        entry(3600s, core::EntryKind::resolved, "rolled back", false));
    store::append_entry(db, i.number, entry(7200s, core::EntryKind::closed, "", false));
    if (sealed == Sealed::no) return;
    const auto key = core::SigningKey::generate();
    const auto key_file = dir.path() / "incidentd-seal.key";
    std::ofstream(key_file) << key.private_pem();
    std::filesystem::permissions(
        key_file, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    REQUIRE(store::seal_record(db, i.number, key, at(7200s)));
}

std::string permalink_of(std::chrono::seconds after) {
    return channel_url + "/p" + std::to_string(1795514400 + after.count()) + "000100";
}

}  // namespace

TEST_CASE("an incident built through the store exports as JSON with every entry and its links") {
    test::TempDir dir;
    store_closed_incident(dir);
    auto result = incidentd_cli(dir, {"export", "INC-1", "--format", "json"});
    REQUIRE(result.status == 0);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json["id"] == "INC-1");
    CHECK(json["severity"] == "SEV2");
    CHECK(json["state"] == "closed");
    CHECK(json["channel"]["url"] == channel_url);
    CHECK(json["closed_at"] == "2026-11-24T12:00:00Z");
    REQUIRE(json["entries"].size() == 8);  // the chained header first, then the seven
    CHECK(json["entries"][0]["kind"] == "header");
    CHECK(json["entries"][3]["key_event"] == true);
    CHECK(json["entries"][3]["permalink"] == permalink_of(120s));
    CHECK(json["entries"][4]["kind"] == "impact");
    CHECK(json["entries"][0]["hash"].get<std::string>().size() == 64);
    REQUIRE(json["seals"].size() == 1);
    CHECK(json["seals"][0]["entries"] == 8);
}

TEST_CASE("the Markdown record and the postmortem carry the key events with their permalinks") {
    test::TempDir dir;
    store_closed_incident(dir);
    auto record = incidentd_cli(dir, {"export", "INC-1"});
    REQUIRE(record.status == 0);
    CHECK_THAT(record.out, Catch::Contains("Checkout latency"));
    CHECK_THAT(record.out, Catch::Contains(permalink_of(120s)));
    CHECK_THAT(record.out, Catch::Contains("30% of checkouts fail"));

    auto postmortem = incidentd_cli(dir, {"postmortem", "INC-1"});
    REQUIRE(postmortem.status == 0);
    CHECK_THAT(postmortem.out, Catch::Contains(permalink_of(120s)));
    CHECK_THAT(postmortem.out, Catch::Contains(permalink_of(240s)));
    CHECK_THAT(postmortem.out, Catch::Contains(channel_url));
    CHECK_THAT(postmortem.out, Catch::Contains("2026-12-01"));  // closed + 7 days
    CHECK_THAT(postmortem.out, Catch::Contains("oot cause"));
    CHECK_THAT(record.out, !Catch::Contains("oot cause"));
}

TEST_CASE("verify names the entry whose row was changed behind the store's back") {
    test::TempDir dir;
    store_closed_incident(dir);
    CHECK(incidentd_cli(dir, {"verify", "INC-1"}).status == 0);
    {
        SQLite::Database db((dir.path() / "incidentd.db").string(), SQLite::OPEN_READWRITE);
        db.exec("DROP TRIGGER entries_refuse_update");
        db.exec(
            "UPDATE entries SET text = 'deploy went out at 10:30' WHERE incident = 1 AND seq = 4");
    }
    auto result = incidentd_cli(dir, {"verify", "INC-1"});
    CHECK(result.status == 1);
    CHECK_THAT(result.out, Catch::Contains("entry 4 "));
}

TEST_CASE("a record with an intact chain but no seal fails verify, saying it is unsealed") {
    test::TempDir dir;
    store_closed_incident(dir, Sealed::no);
    auto result = incidentd_cli(dir, {"verify", "INC-1"});
    INFO(result.out << result.err);
    CHECK(result.status == 1);
    CHECK_THAT(result.out, Catch::Contains("hash chain intact") && Catch::Contains("no seal"));
}

TEST_CASE("an unknown incident exits with status 1 and says which one") {
    test::TempDir dir;
    store_closed_incident(dir);
    for (const auto& command : {"export", "postmortem", "verify"}) {
        auto result = incidentd_cli(dir, {command, "INC-9"});
        CHECK(result.status == 1);
        CHECK_THAT(result.err, Catch::Contains("no incident INC-9"));
    }
}

TEST_CASE("bad arguments exit with status 2 and change nothing") {
    test::TempDir dir;
    SECTION("an id that is not INC-<n>") {
        CHECK(incidentd_cli(dir, {"export", "7"}).status == 2);
    }
    SECTION("a missing incident id") {
        CHECK(incidentd_cli(dir, {"verify"}).status == 2);
    }
    SECTION("an unknown format") {
        CHECK(incidentd_cli(dir, {"export", "INC-1", "--format", "pdf"}).status == 2);
    }
    SECTION("an unknown subcommand") {
        CHECK(incidentd_cli(dir, {"frobnicate"}).status == 2);
    }
    CHECK_FALSE(std::filesystem::exists(dir.path() / "incidentd.db"));
}

TEST_CASE("every subcommand documents itself with --help, the global options included") {
    test::TempDir dir;
    for (const auto& command :
         {"serve", "check-config", "list", "export", "postmortem", "verify", "backup", "demo"}) {
        INFO(command);
        auto result = incidentd_cli(dir, {command, "--help"});
        CHECK(result.status == 0);
        CHECK_THAT(result.out, Catch::Contains(command));
        for (const auto& option : {"--config", "--log-level", "--log-format"})
            CHECK_THAT(result.out, Catch::Contains(option));
    }
    SECTION("and they are taken before or after the subcommand's name") {
        CHECK(incidentd_cli(dir, {"--log-level", "warn", "check-config"}).status == 0);
        CHECK(incidentd_cli(dir, {"check-config", "--log-level", "warn"}).status == 0);
        CHECK(incidentd_cli(dir, {"check-config", "--log-level", "loud"}).status == 2);
    }
}

TEST_CASE("an invalid configuration value stops with status 2 naming the key") {
    test::TempDir dir;
    auto result = incidentd_cli(dir, {"list"}, {{"INCIDENTD_INCIDENTS_ARCHIVE_AFTER", "soon"}});
    CHECK(result.status == 2);
    CHECK_THAT(result.err, Catch::Contains("INCIDENTD_INCIDENTS_ARCHIVE_AFTER"));
}

TEST_CASE("check-config prints the effective settings and never a secret") {
    test::TempDir dir;
    const std::string token = "xoxb-1111-2222-do-not-print-me";
    const std::string secret = "signing-secret-do-not-print-me";
    auto result = incidentd_cli(dir, {"check-config"},
                                {{"SLACK_BOT_TOKEN", token}, {"SLACK_SIGNING_SECRET", secret}});
    REQUIRE(result.status == 0);
    CHECK_THAT(result.out, Catch::Contains("archive_after"));
    CHECK_THAT(result.out, Catch::Contains("SLACK_BOT_TOKEN"));
    CHECK_THAT(result.out + result.err, !Catch::Contains("do-not-print-me"));
}

TEST_CASE("list shows open incidents and, with --all, closed ones and postmortems due") {
    test::TempDir dir;
    store_closed_incident(dir);
    auto open = incidentd_cli(dir, {"list"});
    REQUIRE(open.status == 0);
    CHECK_THAT(open.out, Catch::Contains("No open incidents."));
    auto all = incidentd_cli(dir, {"list", "--all"});
    REQUIRE(all.status == 0);
    CHECK_THAT(all.out, Catch::Contains("INC-1"));
    CHECK_THAT(all.out, Catch::Contains("closed"));
}

TEST_CASE("a backup is a consistent copy that verifies, and is not overwritten unless forced") {
    test::TempDir dir;
    store_closed_incident(dir);
    REQUIRE(incidentd_cli(dir, {"backup", "copy.db"}).status == 0);
    auto copy = incidentd_cli(dir, {"verify", "INC-1"},
                              {{"INCIDENTD_STORE_PATH", (dir.path() / "copy.db").string()}});
    CHECK(copy.status == 0);
    CHECK(incidentd_cli(dir, {"backup", "copy.db"}).status == 1);
    CHECK(incidentd_cli(dir, {"backup", "copy.db", "--force"}).status == 0);
}

TEST_CASE("demo records a sample incident whose record verifies and renders") {
    test::TempDir dir;
    REQUIRE(incidentd_cli(dir, {"demo"}).status == 0);
    CHECK(incidentd_cli(dir, {"verify", "INC-1"}).status == 0);
    auto postmortem = incidentd_cli(dir, {"postmortem", "INC-1"});
    CHECK(postmortem.status == 0);
    CHECK_THAT(postmortem.out, Catch::Contains("payments-api"));
}

TEST_CASE(
    "the log level and format given on the command line win over the environment, before or "
    "after the subcommand") {
    test::TempDir dir;
    const std::map<std::string, std::string> env{{"INCIDENTD_LOG_LEVEL", "warn"}};
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--log-format", "json", "--log-level", "debug", "check-config"},
             {"check-config", "--log-format", "json", "--log-level", "debug"}}) {
        auto result = incidentd_cli(dir, args, env);
        REQUIRE(result.status == 0);
        CHECK_THAT(result.out,
                   Catch::Contains("level = \"debug\"  # from the command line (--log-level)"));
        CHECK_THAT(result.out,
                   Catch::Contains("format = \"json\"  # from the command line (--log-format)"));
    }
    auto bad = incidentd_cli(dir, {"--log-format", "xml", "check-config"});
    CHECK(bad.status == 2);
    CHECK_THAT(bad.err, Catch::Contains("--log-format"));
}
