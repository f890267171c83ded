// Online backup: a consistent, self-contained copy of a database that is being written.
#include "store/backup.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <future>
#include <string>

#include "store/entries.hpp"
#include "store/incidents.hpp"
#include "store/store_error.hpp"
#include "store/verify.hpp"
#include "store/writer.hpp"
#include "store_fixture.hpp"

using namespace incidentd;
using namespace incidentd::store;
using incidentd::store::testing::draft_incident;
using incidentd::store::testing::message;
using incidentd::store::testing::TempDirectory;

namespace {

std::string slack_ts(int i) {
    return std::to_string(1'764'000'000 + i) + ".000100";
}

}  // namespace

TEST_CASE("a backup taken while the writer appends opens and verifies") {
    TempDirectory dir;
    const auto source = dir.file("incidentd.db");
    const auto copy = dir.file("backup.db");
    Writer writer(source);
    const auto number = writer
                            .submit([](SQLite::Database& db) {
                                const auto n = create_incident(db, draft_incident());
                                for (int i = 0; i < 50; ++i)
                                    append_entry(db, n, message(slack_ts(i), "before"));
                                return n;
                            })
                            .get();

    // Appends keep committing during the backup; the copy must be one consistent snapshot.
    std::atomic<bool> stop{false};
    auto appender = std::async(std::launch::async, [&] {
        int appended = 0;
        for (int i = 50; i < 5000 && !stop; ++i, ++appended)
            writer
                .submit([number, i](SQLite::Database& db) {
                    return append_entry(db, number, message(slack_ts(i), "during"));
                })
                .get();
        return appended;
    });
    backup_database(source, copy);
    stop = true;
    appender.get();

    SQLite::Database restored = open_reader(copy);
    const core::RecordCheck result = verify(restored, number, nullptr);
    CHECK_FALSE(result.broken);
    CHECK(result.entries >= 50);
    CHECK(restored.execAndGet("PRAGMA journal_mode").getString() == "delete");
    CHECK_FALSE(std::filesystem::exists(copy + "-wal"));
    CHECK_FALSE(std::filesystem::exists(copy + ".partial"));
}

TEST_CASE("a backup does not overwrite an existing file unless asked") {
    TempDirectory dir;
    const auto source = dir.file("incidentd.db");
    const auto copy = dir.file("backup.db");
    {
        Writer writer(source);
        writer.submit([](SQLite::Database& db) { return create_incident(db, draft_incident()); })
            .get();
    }
    { std::ofstream(copy) << "keep me"; }

    CHECK_THROWS_WITH(backup_database(source, copy), Catch::Contains("already exists"));
    {
        std::ifstream in(copy);
        std::string content;
        std::getline(in, content);
        CHECK(content == "keep me");
    }
    backup_database(source, copy, ExistingFile::overwrite);
    SQLite::Database restored = open_reader(copy);
    CHECK(find_incident(restored, 1));
}

TEST_CASE("a backup of a missing database is refused") {
    TempDirectory dir;
    CHECK_THROWS_AS(backup_database(dir.file("missing.db"), dir.file("backup.db")), StoreError);
    CHECK_FALSE(std::filesystem::exists(dir.file("backup.db")));
}
