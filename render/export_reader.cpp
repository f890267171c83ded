#include "render/export_reader.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

#include "core/record_header.hpp"
#include "core/time.hpp"

namespace incidentd::render {
namespace {

using Json = nlohmann::json;

const Json& member(const Json& j, const char* name, const std::string& where) {
    if (!j.is_object() || !j.contains(name))
        throw std::invalid_argument(where + " has no \"" + name + "\"");
    return j.at(name);
}

std::string text(const Json& j, const char* name, const std::string& where) {
    const Json& v = member(j, name, where);
    if (!v.is_string()) throw std::invalid_argument(where + "." + name + " is not a string");
    return v.get<std::string>();
}

std::optional<std::string> optional_text(const Json& j, const char* name,
                                         const std::string& where) {
    const Json& v = member(j, name, where);
    if (v.is_null()) return std::nullopt;
    if (!v.is_string()) throw std::invalid_argument(where + "." + name + " is not a string");
    return v.get<std::string>();
}

std::int64_t integer(const Json& j, const char* name, const std::string& where) {
    const Json& v = member(j, name, where);
    if (!v.is_number_integer())
        throw std::invalid_argument(where + "." + name + " is not an integer");
    return v.get<std::int64_t>();
}

core::Time millis(std::int64_t ms) {
    return core::Time{std::chrono::milliseconds{ms}};
}

core::Entry entry_of(const Json& j, std::size_t index) {
    const std::string where = "entries[" + std::to_string(index) + "]";
    core::Entry e;
    e.seq = integer(j, "seq", where);
    e.ts = text(j, "ts", where);
    const auto kind = core::parse_entry_kind(text(j, "kind", where));
    if (!kind) throw std::invalid_argument(where + ".kind is not a kind this version knows");
    e.kind = *kind;
    const Json& actor = member(j, "actor", where);
    e.actor = {text(actor, "id", where + ".actor"), text(actor, "name", where + ".actor")};
    e.text = text(j, "text", where);
    e.thread_ts = optional_text(j, "thread_ts", where);
    e.refers_to = optional_text(j, "refers_to", where);
    e.permalink = optional_text(j, "permalink", where).value_or("");
    const Json& key_event = member(j, "key_event", where);
    if (!key_event.is_boolean()) throw std::invalid_argument(where + ".key_event is not a boolean");
    e.key_event = key_event.get<bool>();
    e.hash = text(j, "hash", where);
    const Json& chain = member(j, "chain", where);
    e.at = millis(integer(chain, "at_ms", where + ".chain"));
    e.payload = text(chain, "payload", where + ".chain");
    return e;
}

core::Seal seal_of(const Json& j, std::int64_t incident, std::size_t index) {
    const std::string where = "seals[" + std::to_string(index) + "]";
    return core::Seal{incident,
                      integer(j, "number", where),
                      integer(j, "entries", where),
                      text(j, "head_hash", where),
                      millis(integer(j, "at_ms", where)),
                      text(j, "key_id", where),
                      text(j, "signature", where)};
}

// A time as the export shows it (to the second) replaces the chained one only when it differs
// at that precision: the export cannot show milliseconds, which is not a disagreement.
void take_time(const Json& j, const char* name, std::optional<core::Time>& out) {
    const auto shown = optional_text(j, name, "the export");
    if (!shown) {
        out.reset();
        return;
    }
    if (out && core::to_iso8601(*out) == *shown) return;
    const auto parsed = core::parse_iso8601(*shown);
    if (!parsed)
        throw std::invalid_argument(std::string("the export's ") + name + " is not a time");
    out = *parsed;
}

// The export's header members laid over the chained header.
core::Incident shown_header(const Json& j, core::Incident base) {
    base.title = text(j, "title", "the export");
    const auto severity = core::parse_severity(text(j, "severity", "the export"));
    const auto state = core::parse_state(text(j, "state", "the export"));
    if (!severity || !state)
        throw std::invalid_argument("the export's severity or state is unknown");
    base.severity = *severity;
    base.state = *state;
    base.team = optional_text(j, "team", "the export").value_or("");
    const Json& channel = member(j, "channel", "the export");
    base.channel_id = optional_text(channel, "id", "channel").value_or("");
    base.channel_name = optional_text(channel, "name", "channel").value_or("");
    base.channel_url = optional_text(channel, "url", "channel").value_or("");
    std::optional<core::Time> declared = base.declared_at;
    take_time(j, "declared_at", declared);
    if (!declared) throw std::invalid_argument("the export has no declared_at");
    base.declared_at = *declared;
    take_time(j, "resolved_at", base.resolved_at);
    take_time(j, "closed_at", base.closed_at);
    base.roles.clear();
    for (const auto& [name, who] : member(j, "roles", "the export").items()) {
        const auto role = core::parse_role(name);
        if (!role) throw std::invalid_argument("the export has an unknown role \"" + name + "\"");
        base.roles[*role] = {text(who, "id", "roles." + name), text(who, "name", "roles." + name)};
    }
    const Json& pm = member(j, "postmortem", "the export");
    take_time(pm, "due_at", base.postmortem.due_at);
    base.postmortem.url = optional_text(pm, "url", "postmortem");
    const Json& done = member(pm, "done", "postmortem");
    if (!done.is_boolean()) throw std::invalid_argument("postmortem.done is not a boolean");
    base.postmortem.done = done.get<bool>();
    return base;
}

}  // namespace

ExportedRecord read_export(std::string_view input) {
    const Json j = Json::parse(input, nullptr, false);
    if (!j.is_object()) throw std::invalid_argument("it is not a JSON object");
    if (!j.contains("format_version") || j["format_version"] != 1)
        throw std::invalid_argument("it is not an incidentd export of format version 1");
    const auto number = core::parse_incident_id(text(j, "id", "the export"));
    if (!number) throw std::invalid_argument("its id is not INC-<n>");
    ExportedRecord out;
    const Json& entries = member(j, "entries", "the export");
    if (!entries.is_array()) throw std::invalid_argument("its entries are not an array");
    for (std::size_t i = 0; i < entries.size(); ++i)
        out.chain.push_back(entry_of(entries[i], i));
    std::ranges::sort(out.chain, {}, &core::Entry::seq);
    if (j.contains("seals")) {
        const Json& seals = j["seals"];
        if (!seals.is_array()) throw std::invalid_argument("its seals are not an array");
        for (std::size_t i = 0; i < seals.size(); ++i)
            out.seals.push_back(seal_of(seals[i], *number, i));
        std::ranges::sort(out.seals, {}, &core::Seal::number);
    }
    // The header shown is compared with the one chained last; what the export does not show
    // is taken from that one, so only what a reader sees can disagree.
    core::Incident base;
    for (const core::Entry& e : out.chain)
        if (e.kind == core::EntryKind::header)
            if (auto chained = core::incident_from_snapshot(e.payload)) base = std::move(*chained);
    base.number = *number;
    out.shown = shown_header(j, std::move(base));
    return out;
}

}  // namespace incidentd::render
