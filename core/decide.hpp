// What an `/incident` command means for an incident: the new state, the entries for the record,
// the side effects, the jobs and the answer to the person — decided from values, without I/O, so
// the bot can store all of it in one transaction before anything happens.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/actions.hpp"
#include "core/command_grammar.hpp"
#include "core/entry.hpp"
#include "core/incident.hpp"
#include "core/job_changes.hpp"
#include "core/time.hpp"

namespace incidentd::core {

// The settings of the team a command concerns: the declared team for `declare`, the incident's
// team otherwise. Filled by the bot from the configuration.
struct DecisionSettings {
    std::string channel_prefix = "inc";
    std::chrono::seconds archive_after = std::chrono::hours{24};
    std::chrono::seconds postmortem_due = std::chrono::days{7};
    std::vector<std::string> responders;   // user ids invited to every incident channel
    std::string announce_channel;          // channel id; "" = no announcements
    std::vector<std::string> known_teams;  // every [teams.<name>]; `declare --team` must name one
    std::string workflow;                  // the team's "which artifact, when, by whom"; may be ""
    std::string key_event_emoji = "pushpin";
    // Who may close or reopen any incident, besides its commander and whoever declared it.
    std::vector<std::string> admins;  // user ids
};

struct DecisionInput {
    ParseResult parsed;  // parse_command() of the text after `/incident`
    Actor actor;         // who typed it
    Time now{};
    std::string channel_id;  // where the command was typed
    // Names this command invocation (Slack's trigger_id): it makes the actions' idempotency keys
    // unique, and the same again when the same invocation is decided a second time.
    std::string request_id;
    std::optional<Incident> incident;       // the incident whose channel channel_id is, if any
    std::int64_t next_incident_number = 0;  // the number a declared incident gets
    DecisionSettings settings;
    // Loaded by the bot only for the commands that show them: `timeline` (the incident's record
    // in seq order) and `list` (every incident that is open or has a postmortem due).
    std::vector<Entry> record;
    std::vector<Incident> incidents;
};

enum class Visibility {
    ephemeral,   // only the person who typed the command sees it
    in_channel,  // everyone in the channel: the command changed shared state
};

struct CommandReply {
    Visibility visibility = Visibility::ephemeral;
    std::string text;  // mrkdwn; every user-provided part escaped
};

struct Decision {
    // The incident as it is after the command, when the command created or changed it.
    std::optional<Incident> incident;
    // Entries to append, in order. ts, seq, permalink, payload and hash are left for the bot and
    // the store: they come from Slack and from the record's current end.
    std::vector<Entry> entries;
    std::vector<Action> actions;  // to queue in the outbox, in this order
    std::vector<JobChange> jobs;
    CommandReply reply;
    // `declare` without a title: the bot opens the declare modal with these values at once
    // (Slack's trigger_id lives 3 seconds, too short for the outbox).
    std::optional<Declare> open_declare_modal;
    // Sign a seal of the record once these entries are stored (core/seal.hpp), at declare and at
    // close, and post it to the incident thread as the outbox call at this place among `actions`:
    // after the summary that starts the thread, before the documents that show the close seal.
    std::optional<std::size_t> seal_at;

    bool changes_nothing() const {
        return !incident && entries.empty() && actions.empty() && jobs.empty() && !seal_at;
    }
};

Decision decide(const DecisionInput& input);

// What a due job means: the archive job archives a closed incident's channel; a reminder asks
// for the postmortem in the incident thread. A job that no longer applies (the incident was
// reopened, the postmortem is done) decides nothing.
Decision decide_job(const Incident& incident, JobKind kind, Time run_at, Time now);

}  // namespace incidentd::core
