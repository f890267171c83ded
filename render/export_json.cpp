#include "render/export_json.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace incidentd::core {
namespace {

nlohmann::ordered_json time_or_null(const std::optional<Time>& t) {
    return t ? nlohmann::ordered_json(to_iso8601(*t)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json text_or_null(const std::optional<std::string>& text) {
    return text ? nlohmann::ordered_json(*text) : nlohmann::ordered_json(nullptr);
}

// An empty string in the domain means "not known yet"; the export says so with null.
nlohmann::ordered_json nonempty_or_null(const std::string& text) {
    return text.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(text);
}

// A message's blocks and attachments as Slack sent them, from the Events API body an entry keeps
// as its payload: the program reading the export sees what incidentd made the text from. null
// for what has none, and for entries that are not about a message's content.
struct SlackContent {
    nlohmann::ordered_json blocks = nullptr;
    nlohmann::ordered_json attachments = nullptr;
};

SlackContent slack_content(const Entry& entry) {
    SlackContent out;
    // The message itself, an edit's new version, or what a deletion removed.
    std::string_view version;
    switch (entry.kind) {
        case EntryKind::message:
        case EntryKind::thread_reply:
        case EntryKind::file:
        case EntryKind::topic:
            break;
        case EntryKind::edited:
            version = "message";
            break;
        case EntryKind::deleted:
            version = "previous_message";
            break;
        default:
            return out;
    }
    if (entry.payload.find("\"blocks\"") == std::string::npos &&
        entry.payload.find("\"attachments\"") == std::string::npos)
        return out;
    const auto body = nlohmann::ordered_json::parse(entry.payload, nullptr, false);
    if (!body.is_object() || !body.contains("event") || !body["event"].is_object()) return out;
    const nlohmann::ordered_json* message = &body["event"];
    if (!version.empty()) {
        const auto it = message->find(version);
        if (it == message->end() || !it->is_object()) return out;
        message = &*it;
    }
    for (auto [key, member] :
         {std::pair{"blocks", &out.blocks}, std::pair{"attachments", &out.attachments}}) {
        const auto it = message->find(key);
        if (it != message->end() && it->is_array()) *member = *it;
    }
    return out;
}

}  // namespace

void to_json(nlohmann::ordered_json& j, const Actor& actor) {
    j = {{"id", actor.id}, {"name", actor.name}};
}

void to_json(nlohmann::ordered_json& j, const Entry& entry) {
    SlackContent content = slack_content(entry);
    j = {
        {"seq", entry.seq},
        {"ts", entry.ts},
        {"kind", to_string(entry.kind)},
        {"at", to_iso8601(entry.at)},
        {"actor", entry.actor},
        {"text", entry.text},
        {"blocks", std::move(content.blocks)},
        {"attachments", std::move(content.attachments)},
        {"thread_ts", text_or_null(entry.thread_ts)},
        {"refers_to", text_or_null(entry.refers_to)},
        {"permalink", nonempty_or_null(entry.permalink)},
        {"key_event", entry.key_event},
        {"hash", entry.hash},
        // What the hash covers beyond the members above, exactly as hashed.
        {"chain",
         {{"at_ms", static_cast<std::int64_t>(entry.at.time_since_epoch().count())},
          {"payload", entry.payload}}},
    };
}

void to_json(nlohmann::ordered_json& j, const Seal& seal) {
    j = {
        {"number", seal.number},
        {"entries", seal.entries},
        {"head_hash", seal.head_hash},
        {"at", to_iso8601(seal.at)},
        {"at_ms", static_cast<std::int64_t>(seal.at.time_since_epoch().count())},
        {"key_id", seal.key_id},
        {"signature", seal.signature},
    };
}

void to_json(nlohmann::ordered_json& j, const Postmortem& postmortem) {
    j = {{"due_at", time_or_null(postmortem.due_at)},
         {"url", text_or_null(postmortem.url)},
         {"done", postmortem.done}};
}

void to_json(nlohmann::ordered_json& j, const Incident& incident) {
    nlohmann::ordered_json roles = nlohmann::ordered_json::object();
    for (const auto& [role, actor] : incident.roles)
        roles[std::string(to_string(role))] = actor;
    j = {
        {"format_version", render::export_format_version},
        {"id", incident.id()},
        {"title", incident.title},
        {"severity", to_string(incident.severity)},
        {"state", to_string(incident.state)},
        {"team", nonempty_or_null(incident.team)},
        {"channel",
         {{"id", nonempty_or_null(incident.channel_id)},
          {"name", nonempty_or_null(incident.channel_name)},
          {"url", nonempty_or_null(incident.channel_url)}}},
        {"declared_at", to_iso8601(incident.declared_at)},
        {"resolved_at", time_or_null(incident.resolved_at)},
        {"closed_at", time_or_null(incident.closed_at)},
        {"roles", std::move(roles)},
        {"postmortem", incident.postmortem},
    };
}

}  // namespace incidentd::core

namespace incidentd::render {

nlohmann::ordered_json export_json(const core::Incident& incident,
                                   std::span<const core::Entry> entries,
                                   std::span<const core::Seal> seals) {
    // The record reads in Slack's time; seq (the hash chain's order) breaks ties.
    nlohmann::ordered_json out = incident;
    out["seals"] = nlohmann::ordered_json::array();
    for (const core::Seal& s : seals)
        out["seals"].push_back(s);
    nlohmann::ordered_json& list = out["entries"] = nlohmann::ordered_json::array();
    for (const std::size_t i : core::slack_time_order(entries))
        list.push_back(entries[i]);
    return out;
}

void write_export_json(std::ostream& out, const core::Incident& incident,
                       std::span<const core::Entry> entries, std::span<const core::Seal> seals) {
    nlohmann::ordered_json head = incident;
    head["seals"] = nlohmann::ordered_json::array();
    for (const core::Seal& s : seals)
        head["seals"].push_back(s);
    head["entries"] = nlohmann::ordered_json::array();
    const std::string text = head.dump(2);
    // "entries" is the last member, so the text ends `"entries": []\n}`: the entries go between
    // the brackets, each dumped alone and indented two levels, as dump(2) nests them.
    const std::size_t open = text.rfind("[]");
    out.write(text.data(), static_cast<std::streamsize>(open + 1));
    std::string entry;
    bool first = true;
    for (const std::size_t i : core::slack_time_order(entries)) {
        out << (first ? "\n    " : ",\n    ");
        first = false;
        entry = nlohmann::ordered_json(entries[i]).dump(2);
        // dump escapes newlines inside strings, so each one here ends a line of the layout.
        std::size_t from = 0;
        for (std::size_t nl = entry.find('\n'); nl != std::string::npos;
             nl = entry.find('\n', from)) {
            out.write(entry.data() + from, static_cast<std::streamsize>(nl + 1 - from));
            out << "    ";
            from = nl + 1;
        }
        out.write(entry.data() + from, static_cast<std::streamsize>(entry.size() - from));
    }
    out << (first ? "]" : "\n  ]") << text.substr(open + 2);
}

}  // namespace incidentd::render
