// Shared set-up for the store tests: a fresh temporary directory per test (removed afterwards)
// and small builders for the domain values the tests store.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "core/entry.hpp"
#include "core/incident.hpp"
#include "core/time.hpp"
#include "support/temp_dir.hpp"

namespace incidentd::store::testing {

// A fresh directory per test, removed afterwards.
using TempDirectory = incidentd::test::TempDir;

// A point in time `seconds` after 2026-11-24T10:00:00Z.
inline core::Time at(std::int64_t seconds) {
    return core::Time{std::chrono::milliseconds{(1'764'000'000 + seconds) * 1000}};
}

inline core::Incident draft_incident(const std::string& title = "checkout latency") {
    core::Incident i;
    i.title = title;
    i.severity = core::Severity::sev2;
    i.declared_by = core::Actor{"U0ALICE", "alice"};
    i.declared_at = at(0);
    return i;
}

inline core::Entry message(const std::string& ts, const std::string& text) {
    core::Entry e;
    e.ts = ts;
    e.kind = core::EntryKind::message;
    e.at = at(1);
    e.actor = core::Actor{"U0BOB", "bob"};
    e.text = text;
    e.permalink = "https://example.slack.com/archives/C0INC/p" + ts;
    e.payload = R"({"type":"message"})";
    return e;
}

}  // namespace incidentd::store::testing
