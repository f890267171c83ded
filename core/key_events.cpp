#include "core/key_events.hpp"

#include <string_view>
#include <unordered_map>

namespace incidentd::core {
namespace {

bool is_marker(const Entry& e) {
    return (e.kind == EntryKind::reaction || e.kind == EntryKind::pinned) && e.refers_to;
}

bool is_message(const Entry& e) {
    return e.kind == EntryKind::message || e.kind == EntryKind::thread_reply ||
           e.kind == EntryKind::file;
}

}  // namespace

std::unordered_set<const Entry*> key_events(std::span<const Entry> entries) {
    std::unordered_map<std::string_view, const Entry*> messages_by_ts;
    for (const Entry& e : entries)
        if (is_message(e)) messages_by_ts.emplace(e.ts, &e);

    std::unordered_set<const Entry*> key;
    for (const Entry& e : entries) {
        if (!e.key_event) continue;
        if (is_marker(e)) {
            auto target = messages_by_ts.find(*e.refers_to);
            key.insert(target != messages_by_ts.end() ? target->second : &e);
        } else {
            key.insert(&e);
        }
    }
    return key;
}

}  // namespace incidentd::core
