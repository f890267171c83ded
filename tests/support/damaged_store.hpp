// Damage done to a SQLite file as a failing disk or a stray write would do it, for the tests of
// what incidentd does with a damaged store: one b-tree page overwritten with bytes no page has.
#pragma once

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace incidentd::test {

// Overwrites the root page of the index or table `name` in the database `file`, which no process
// has open. A read-write connection opened and closed first folds any -wal left by read-only ones
// into the file and removes it. Page 1, the schema, stays readable, so the file still opens;
// SQLite's quick_check and integrity_check report the page.
inline void scribble_over(const std::filesystem::path& file, const std::string& name) {
    int page = 0;
    int page_size = 0;
    {
        SQLite::Database db(file.string(), SQLite::OPEN_READWRITE);
        SQLite::Statement root(db, "SELECT rootpage FROM sqlite_schema WHERE name = ?");
        root.bind(1, name);
        if (!root.executeStep()) throw std::runtime_error("no b-tree named " + name);
        page = root.getColumn(0).getInt();
        page_size = db.execAndGet("PRAGMA page_size").getInt();
    }
    if (std::filesystem::exists(file.string() + "-wal"))
        throw std::runtime_error(file.string() + " still has a -wal file");
    std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
    out.seekp(static_cast<std::streamoff>(page - 1) * page_size);
    const std::string junk(static_cast<std::size_t>(page_size), '\xA5');
    out.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    if (!out) throw std::runtime_error("cannot write into " + file.string());
}

}  // namespace incidentd::test
