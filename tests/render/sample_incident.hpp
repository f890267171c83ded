// A closed incident with hostile user text, shared by the render tests.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/entry.hpp"
#include "core/incident.hpp"

namespace sample {

using namespace std::chrono_literals;
using incidentd::core::Entry;
using incidentd::core::EntryKind;
using incidentd::core::Incident;

// 2026-11-24 10:00:00 UTC, as Slack ts seconds.
inline constexpr long long base_ts = 1795514400;

inline incidentd::core::Time at(std::chrono::seconds after_declare) {
    return incidentd::core::Time{std::chrono::seconds{base_ts} + after_declare};
}

inline std::string ts(std::chrono::seconds after_declare, int micros) {
    std::string frac = std::to_string(micros);
    return std::to_string(base_ts + after_declare.count()) + "." +
           std::string(6 - frac.size(), '0') + frac;
}

inline std::string permalink(const std::string& slack_ts) {
    std::string digits = slack_ts;
    std::erase(digits, '.');
    return "https://acme.slack.com/archives/C0CHECKOUT/p" + digits;
}

inline Incident closed_incident() {
    Incident i;
    i.number = 7;
    i.title = "Checkout latency <!channel> *now*";
    i.severity = incidentd::core::Severity::sev2;
    i.state = incidentd::core::State::closed;
    i.team = "payments";
    i.channel_id = "C0CHECKOUT";
    i.channel_name = "inc-20261124-checkout-latency";
    i.channel_url = "https://acme.slack.com/archives/C0CHECKOUT";
    i.summary_ts = ts(0s, 900);
    i.declared_by = {"U0ALICE", "Alice"};
    i.declared_at = at(0s);
    i.resolved_at = at(90min);
    i.closed_at = at(2h);
    i.roles[incidentd::core::Role::commander] = {"U0ALICE", "Alice"};
    i.roles[incidentd::core::Role::scribe] = {"U0BOB", "Bob [scribe]"};
    return i;
}

inline Entry entry(std::int64_t seq, std::chrono::seconds after, EntryKind kind,
                   std::string actor_name, std::string text, bool key_event) {
    Entry e;
    e.seq = seq;
    e.ts = ts(after, static_cast<int>(seq * 100 % 1'000'000));
    e.kind = kind;
    e.at = at(after) + 200ms;
    e.actor = {"U0" + std::to_string(seq), std::move(actor_name)};
    e.text = std::move(text);
    e.permalink = permalink(e.ts);
    e.key_event = key_event;
    e.hash = std::string(64, static_cast<char>('a' + seq % 6));
    return e;
}

// In seq order; seq 6 was said before seq 3 (ts order differs from append order).
inline std::vector<Entry> entries() {
    std::vector<Entry> out{
        entry(1, 0s, EntryKind::declared, "Alice", "Checkout latency", false),
        entry(2, 60s, EntryKind::message, "Bob",
              "<!channel> checkout is slow\n# heading\n[link](javascript:x)", true),
        entry(3, 120s, EntryKind::impact, "Alice", "|table| 40% of checkouts fail &amp; retry 🔥",
              true),
        entry(4, 180s, EntryKind::system, "Alice", "payments-api", true),
        entry(5, 240s, EntryKind::action, "Carol", "rolled back deploy 2026.11.24-3", true),
        entry(6, 90s, EntryKind::thread_reply, "Dave", "looking at dashboards", false),
        entry(7, 300s, EntryKind::note, "Carol", "customer comms sent", true),
        entry(8, 90min, EntryKind::resolved, "Alice", "rollback fixed it", false),
    };
    out[5].thread_ts = out[1].ts;
    out[6].permalink = "javascript:alert(1)";
    return out;
}

}  // namespace sample
