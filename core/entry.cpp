#include "core/entry.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <utility>

#include "core/time.hpp"

namespace incidentd::core {
namespace {

constexpr std::array<std::pair<EntryKind, std::string_view>, 25> kind_names{{
    {EntryKind::declared, "declared"},
    {EntryKind::message, "message"},
    {EntryKind::thread_reply, "thread_reply"},
    {EntryKind::edited, "edited"},
    {EntryKind::deleted, "deleted"},
    {EntryKind::file, "file"},
    {EntryKind::reaction, "reaction"},
    {EntryKind::pinned, "pinned"},
    {EntryKind::member_joined, "member_joined"},
    {EntryKind::member_left, "member_left"},
    {EntryKind::topic, "topic"},
    {EntryKind::command, "command"},
    {EntryKind::status_update, "status_update"},
    {EntryKind::severity, "severity"},
    {EntryKind::role, "role"},
    {EntryKind::impact, "impact"},
    {EntryKind::system, "system"},
    {EntryKind::action, "action"},
    {EntryKind::note, "note"},
    {EntryKind::resolved, "resolved"},
    {EntryKind::closed, "closed"},
    {EntryKind::reopened, "reopened"},
    {EntryKind::bot_action, "bot_action"},
    {EntryKind::archived, "archived"},
    {EntryKind::header, "header"},
}};

}  // namespace

std::string_view to_string(EntryKind k) {
    for (const auto& [kind, name] : kind_names)
        if (kind == k) return name;
    return "?";
}

std::optional<EntryKind> parse_entry_kind(std::string_view text) {
    for (const auto& [kind, name] : kind_names)
        if (name == text) return kind;
    return std::nullopt;
}

std::vector<std::size_t> slack_time_order(std::span<const Entry> entries) {
    std::vector<SlackTsKey> keys;
    keys.reserve(entries.size());
    for (const Entry& e : entries)
        keys.push_back(slack_ts_key(e.ts));
    std::vector<std::size_t> order(entries.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::ranges::sort(order, [&](std::size_t a, std::size_t b) {
        if (keys[a] < keys[b]) return true;
        if (keys[b] < keys[a]) return false;
        return entries[a].seq != entries[b].seq ? entries[a].seq < entries[b].seq : a < b;
    });
    return order;
}

}  // namespace incidentd::core
