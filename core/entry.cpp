#include "core/entry.hpp"

#include <array>
#include <utility>

namespace incidentd::core {
namespace {

constexpr std::array<std::pair<EntryKind, std::string_view>, 24> kind_names{{
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

}  // namespace incidentd::core
