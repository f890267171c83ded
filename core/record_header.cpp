#include "core/record_header.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <utility>

namespace incidentd::core {
namespace {

using Json = nlohmann::ordered_json;  // members in the order written: a canonical text

constexpr std::string_view snapshot_format = "incidentd-header-v1";

Json millis(const std::optional<Time>& t) {
    if (!t) return nullptr;
    return static_cast<std::int64_t>(t->time_since_epoch().count());
}

Json actor(const Actor& a) {
    return Json{{"id", a.id}, {"name", a.name}};
}

std::optional<Time> time_of(const Json& j) {
    if (j.is_null()) return std::nullopt;
    return Time{std::chrono::milliseconds{j.get<std::int64_t>()}};
}

Actor actor_of(const Json& j) {
    return Actor{j.at("id").get<std::string>(), j.at("name").get<std::string>()};
}

// One row per header fact: its name and how to read it from an incident, as JSON. The snapshot,
// its reader's check and the differences all walk this one list.
struct Fact {
    std::string_view name;
    std::function<Json(const Incident&)> value;
};

const std::vector<Fact>& facts() {
    static const std::vector<Fact> all = {
        {"number", [](const Incident& i) { return Json(i.number); }},
        {"title", [](const Incident& i) { return Json(i.title); }},
        {"severity", [](const Incident& i) { return Json(std::string(to_string(i.severity))); }},
        {"state", [](const Incident& i) { return Json(std::string(to_string(i.state))); }},
        {"team", [](const Incident& i) { return Json(i.team); }},
        {"channel_id", [](const Incident& i) { return Json(i.channel_id); }},
        {"channel_name", [](const Incident& i) { return Json(i.channel_name); }},
        {"channel_url", [](const Incident& i) { return Json(i.channel_url); }},
        {"summary_ts", [](const Incident& i) { return Json(i.summary_ts); }},
        {"declared_by", [](const Incident& i) { return actor(i.declared_by); }},
        {"declared_at", [](const Incident& i) { return millis(i.declared_at); }},
        {"resolved_at", [](const Incident& i) { return millis(i.resolved_at); }},
        {"closed_at", [](const Incident& i) { return millis(i.closed_at); }},
        {"archived_at", [](const Incident& i) { return millis(i.archived_at); }},
        {"roles",
         [](const Incident& i) {
             Json roles = Json::object();
             for (const auto& [role, who] : i.roles)
                 roles[std::string(to_string(role))] = actor(who);
             return roles;
         }},
        {"postmortem_due_at", [](const Incident& i) { return millis(i.postmortem.due_at); }},
        {"postmortem_url",
         [](const Incident& i) { return i.postmortem.url ? Json(*i.postmortem.url) : Json(); }},
        {"postmortem_done", [](const Incident& i) { return Json(i.postmortem.done); }},
    };
    return all;
}

Json snapshot_json(const Incident& incident) {
    Json j;
    j["format"] = snapshot_format;
    for (const Fact& f : facts())
        j[std::string(f.name)] = f.value(incident);
    return j;
}

}  // namespace

std::string header_snapshot(const Incident& incident) {
    return snapshot_json(incident).dump();
}

std::optional<Incident> incident_from_snapshot(std::string_view snapshot) {
    const Json j = Json::parse(snapshot, nullptr, false);
    if (!j.is_object() || j.value("format", "") != snapshot_format) return std::nullopt;
    try {
        Incident i;
        i.number = j.at("number").get<std::int64_t>();
        i.title = j.at("title").get<std::string>();
        const auto severity = parse_severity(j.at("severity").get<std::string>());
        const auto state = parse_state(j.at("state").get<std::string>());
        if (!severity || !state) return std::nullopt;
        i.severity = *severity;
        i.state = *state;
        i.team = j.at("team").get<std::string>();
        i.channel_id = j.at("channel_id").get<std::string>();
        i.channel_name = j.at("channel_name").get<std::string>();
        i.channel_url = j.at("channel_url").get<std::string>();
        i.summary_ts = j.at("summary_ts").get<std::string>();
        i.declared_by = actor_of(j.at("declared_by"));
        const auto declared = time_of(j.at("declared_at"));
        if (!declared) return std::nullopt;
        i.declared_at = *declared;
        i.resolved_at = time_of(j.at("resolved_at"));
        i.closed_at = time_of(j.at("closed_at"));
        i.archived_at = time_of(j.at("archived_at"));
        for (const auto& [name, who] : j.at("roles").items()) {
            const auto role = parse_role(name);
            if (!role) return std::nullopt;
            i.roles[*role] = actor_of(who);
        }
        i.postmortem.due_at = time_of(j.at("postmortem_due_at"));
        const Json& url = j.at("postmortem_url");
        if (!url.is_null()) i.postmortem.url = url.get<std::string>();
        i.postmortem.done = j.at("postmortem_done").get<bool>();
        // Only the canonical bytes are a snapshot: not a repeated member (which JSON readers take
        // differently, first or last), other spacing or escapes, or anything the reader did not
        // take.
        if (header_snapshot(i) != snapshot) return std::nullopt;
        return i;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

std::vector<std::string> header_differences(const Incident& a, const Incident& b) {
    std::vector<std::string> differ;
    for (const Fact& f : facts()) {
        const Json left = f.value(a);
        const Json right = f.value(b);
        if (left == right) continue;
        if (f.name == "roles") {
            for (Role role : all_roles) {
                const std::string name(to_string(role));
                if (left.value(name, Json()) != right.value(name, Json()))
                    differ.push_back("roles." + name);
            }
        } else {
            differ.emplace_back(f.name);
        }
    }
    return differ;
}

std::string header_entry_text(const Incident& incident) {
    std::string text = "Record header: " + std::string(to_string(incident.severity)) + ", " +
                       std::string(to_string(incident.state)) + ", \"" + incident.title + "\"";
    if (const auto c = incident.roles.find(Role::commander); c != incident.roles.end())
        text += ", commander " + (c->second.name.empty() ? c->second.id : c->second.name);
    return text;
}

}  // namespace incidentd::core
