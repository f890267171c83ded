// The command line against stores it must not trust: a damaged file, a newer schema, another
// application's database, a directory, a second serve. Each command exits 1 with the file named
// and what to do, SQLite's own words never alone, and nothing is written to a file that is not
// incidentd's.
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>

#include "store/database.hpp"
#include "support/command.hpp"
#include "support/damaged_store.hpp"
#include "support/incidentd.hpp"
#include "support/loopback_port.hpp"
#include "support/temp_dir.hpp"

using namespace incidentd;
using Catch::Contains;
using test::CommandOptions;
using test::CommandResult;

namespace {

// Runs incidentd in `dir` with INCIDENTD_STORE_PATH set to `store` and nothing from outside.
CommandResult run(const test::TempDir& dir, const std::filesystem::path& store,
                  const std::vector<std::string>& args,
                  std::map<std::string, std::string> env = {}) {
    CommandOptions options;
    options.cwd = dir.path();
    options.env = std::move(env);
    options.env["INCIDENTD_STORE_PATH"] = store.string();
    options.unset_env = {"INCIDENTD_CONFIG", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET",
                         "SLACK_APP_TOKEN"};
    options.timeout = std::chrono::seconds(20);
    return test::run_command(INCIDENTD_BINARY_DIR "/incidentd", args, options);
}

// `incidentd serve` with credentials and a free loopback port; it never gets as far as Slack.
CommandResult serve(const test::TempDir& dir, const std::filesystem::path& store) {
    return run(dir, store, {"serve"},
               {{"SLACK_BOT_TOKEN", "xoxb-test"},
                {"SLACK_SIGNING_SECRET", "secret"},
                {"INCIDENTD_SLACK_API_URL", "http://127.0.0.1:9/api/"},
                {"INCIDENTD_SERVER_LISTEN",
                 "127.0.0.1:" + std::to_string(test::reserve_loopback_port())}});
}

std::string bytes_of(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

// What no message to a person may be: SQLite's words with nothing around them.
void says_it_in_words(const CommandResult& result) {
    CHECK_THAT(result.err, !Contains("no such table") && !Contains("constraint failed") &&
                               !Contains("disk I/O error"));
}

const std::vector<std::vector<std::string>> every_store_command{
    {"list"}, {"export", "INC-1"}, {"postmortem", "INC-1"}, {"verify", "INC-1"}};

// The same, and the commands that copy or write the store.
const std::vector<std::vector<std::string>> every_command_but_serve{{"list"},
                                                                    {"export", "INC-1"},
                                                                    {"postmortem", "INC-1"},
                                                                    {"verify", "INC-1"},
                                                                    {"backup", "copy.db"},
                                                                    {"demo"}};

}  // namespace

TEST_CASE(
    "a store SQLite finds damaged fails verify and backup, copies only when forced, and "
    "serve does not start on it") {
    test::TempDir dir;
    const auto store = dir.path() / "incidentd.db";
    REQUIRE(run(dir, store, {"demo"}).status == 0);
    REQUIRE(run(dir, store, {"verify", "INC-1"}).status == 0);
    test::scribble_over(store, "slack_events_by_age");  // a page verify's own queries never read

    auto verify = run(dir, store, {"verify", "INC-1"});
    CHECK(verify.status == 1);
    CHECK_THAT(verify.err, Contains("incidentd.db") && Contains("is damaged") &&
                               Contains("integrity_check") &&
                               Contains("restore the latest backup"));

    auto backup = run(dir, store, {"backup", "copy.db"});
    CHECK(backup.status == 1);
    CHECK_THAT(backup.err, Contains("is damaged"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "copy.db"));
    CHECK(run(dir, store, {"backup", "--force", "copy.db"}).status == 0);
    CHECK(std::filesystem::exists(dir.path() / "copy.db"));

    const std::string damaged = bytes_of(store);
    auto started = serve(dir, store);
    CHECK(started.status == 1);
    CHECK_THAT(started.err, Contains("is damaged") && Contains("quick_check"));
    CHECK(bytes_of(store) == damaged);
}

TEST_CASE("a store of a newer schema is refused by every command, backup included") {
    test::TempDir dir;
    const auto store = dir.path() / "incidentd.db";
    REQUIRE(run(dir, store, {"demo"}).status == 0);
    {
        SQLite::Database db(store.string(), SQLite::OPEN_READWRITE);
        db.exec(
            "INSERT INTO schema_migrations (version, description, applied_at) "
            "VALUES (99, 'from the future', 0)");
    }
    for (const auto& args : every_command_but_serve) {
        INFO(args[0]);
        auto result = run(dir, store, args);
        CHECK(result.status == 1);
        CHECK_THAT(result.err, Contains("schema version 99") && Contains("newer incidentd"));
    }
    CHECK(serve(dir, store).status == 1);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "copy.db"));
}

TEST_CASE("another application's database is refused by every command and left as it was") {
    test::TempDir dir;
    const auto store = dir.path() / "crm.db";
    {
        SQLite::Database db(store.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT)");
        db.exec("INSERT INTO customers (email) VALUES ('ada@example.com')");
    }
    const std::string before = bytes_of(store);
    for (const auto& args : every_command_but_serve) {
        INFO(args[0]);
        auto result = run(dir, store, args);
        CHECK(result.status == 1);
        CHECK_THAT(result.err, Contains("crm.db") && Contains("is not an incidentd store") &&
                                   Contains("customers"));
        says_it_in_words(result);
    }
    CHECK(serve(dir, store).status == 1);
    CHECK(bytes_of(store) == before);
    {
        SQLite::Database db(store.string(), SQLite::OPEN_READONLY);
        CHECK_FALSE(db.tableExists("incidents"));
    }
}

TEST_CASE(
    "a directory, an empty file, a text file and a missing folder are each refused in words") {
    test::TempDir dir;
    SECTION("a directory as the store") {
        for (const auto& args : every_store_command) {
            auto result = run(dir, dir.path(), args);
            CHECK(result.status == 1);
            CHECK_THAT(result.err, Contains("is a directory"));
            says_it_in_words(result);
        }
        CHECK_THAT(run(dir, dir.path(), {"demo"}).err, Contains("is a directory"));
    }
    SECTION("an empty file") {
        { std::ofstream{dir.path() / "empty.db"}; }
        auto result = run(dir, dir.path() / "empty.db", {"list"});
        CHECK(result.status == 1);
        CHECK_THAT(result.err, Contains("is an empty database") && Contains("incidentd serve"));
        says_it_in_words(result);
    }
    SECTION("a text file") {
        {
            std::ofstream text{dir.path() / "notes.db"};
            text << "meeting notes, not a database; long enough to fill SQLite's header\n";
        }
        auto result = run(dir, dir.path() / "notes.db", {"list"});
        CHECK(result.status == 1);
        CHECK_THAT(result.err,
                   Contains("notes.db") && Contains("is damaged or is not a SQLite database"));
    }
    SECTION("a backup into a folder that does not exist") {
        const auto store = dir.path() / "incidentd.db";
        REQUIRE(run(dir, store, {"demo"}).status == 0);
        auto result = run(dir, store, {"backup", "nowhere/copy.db"});
        CHECK(result.status == 1);
        CHECK_THAT(result.err, Contains("nowhere") && Contains("does not exist") &&
                                   Contains("backup does not create folders"));
        says_it_in_words(result);
    }
}

TEST_CASE("demo into a store that already has the sample incident says so") {
    test::TempDir dir;
    const auto store = dir.path() / "incidentd.db";
    REQUIRE(run(dir, store, {"demo"}).status == 0);
    auto again = run(dir, store, {"demo"});
    CHECK(again.status == 1);
    CHECK_THAT(again.err, Contains("already has the sample incident, as INC-1"));
    says_it_in_words(again);
    CHECK_THAT(run(dir, store, {"list", "--all"}).out, !Contains("INC-2"));
}

TEST_CASE("a second serve on a store exits at once naming the first, which keeps serving",
          "[serve]") {
    test::ServeStack stack(test::plain_http());
    auto env = stack.environment();
    env["INCIDENTD_SERVER_LISTEN"] = "127.0.0.1:" + std::to_string(test::reserve_loopback_port());
    CommandOptions options;
    options.env = env;
    options.unset_env = {"INCIDENTD_CONFIG"};
    // It does not wait for the lock: it exits by itself (status -1 would mean it was still
    // running after run_command's bound, e.g. serving beside the first).
    options.timeout = std::chrono::seconds(10);
    auto second = test::run_command(INCIDENTD_BINARY_DIR "/incidentd", {"serve"}, options);
    CHECK(second.status == 1);
    CHECK_THAT(second.err,
               Contains("is in use by another incidentd") &&
                   Contains("(pid " + std::to_string(stack.incidentd().process().pid()) + ")"));
    CHECK(stack.incidentd().get("/readyz").status == 200);
    // Read-only commands work beside the running serve.
    auto list = test::run_command(INCIDENTD_BINARY_DIR "/incidentd", {"list", "--all"}, options);
    CHECK(list.status == 0);
    const std::string channel = stack.declare("sev3 One writer");
    CHECK_FALSE(channel.empty());
}
