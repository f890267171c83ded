// The meaning of each `/incident` subcommand and of each due job, as a Decision.
#include "core/decide.hpp"

#include <algorithm>
#include <utility>

#include "core/channel_name.hpp"
#include "core/near_miss.hpp"
#include "core/overloaded.hpp"
#include "core/reports.hpp"
#include "core/text_escape.hpp"
#include "core/topic.hpp"
#include "core/user_text.hpp"

namespace incidentd::core {
namespace {

constexpr std::chrono::hours reminder_offset{24};  // reminders a day before and after the due date
const Actor incidentd_actor{"", "incidentd"};

std::string mention(const std::string& user_id) {
    return "<@" + escape_mrkdwn(user_id) + ">";
}

Decision answer(std::string text, Visibility visibility = Visibility::ephemeral) {
    Decision d;
    d.reply = {visibility, std::move(text)};
    return d;
}

// Collects what a command changes; `request` tells this decision's action keys from any other's.
class Builder {
  public:
    Builder(Incident incident, Actor actor, Time now, std::string request)
        : actor_(std::move(actor)), now_(now), request_(std::move(request)) {
        decision_.incident = std::move(incident);
    }

    Incident& incident() { return *decision_.incident; }

    std::string key(std::string_view purpose) const {
        return action_key(decision_.incident->number, purpose, request_);
    }

    void record(EntryKind kind, std::string text, bool key_event = false) {
        Entry e;
        e.kind = kind;
        e.at = now_;
        e.actor = actor_;
        e.text = std::move(text);
        e.key_event = key_event;
        decision_.entries.push_back(std::move(e));
    }

    void act(Action action) { decision_.actions.push_back(std::move(action)); }
    void job(JobChange change) { decision_.jobs.push_back(change); }
    void seal() { decision_.seal_at = decision_.actions.size(); }

    void refresh_channel() {
        act(SetTopic{key("set-topic"), topic_text(incident())});
        act(UpdateSummary{key("update-summary")});
    }

    void announce(const std::string& channel, std::string text) {
        if (channel.empty()) return;
        act(PostMessage{key("announce"), std::move(text), Destination::announce_channel, channel});
    }

    Decision reply(std::string text, Visibility visibility = Visibility::in_channel) && {
        decision_.reply = {visibility, std::move(text)};
        return std::move(decision_);
    }

  private:
    Decision decision_;
    Actor actor_;
    Time now_;
    std::string request_;
};

// ---- refusals ---------------------------------------------------------------------------------

Decision usage_error(const UsageError& error) {
    return answer(escape_mrkdwn(error.message) + "\n" + escape_mrkdwn(error.usage));
}

Decision outside_incident_channel(const Command& command) {
    return answer("`/incident " + std::string(subcommand_name(command)) +
                  "` works only in an incident's channel: run it there. `/incident list` shows "
                  "the open incidents.");
}

// The live incident can change only while it is open; afterwards the record is final.
std::optional<Decision> unless_open(const Incident& incident) {
    if (is_open(incident.state)) return std::nullopt;
    if (incident.state == State::closed)
        return answer("*" + incident.id() + "* is closed; `/incident reopen` first to change it.");
    return answer("*" + incident.id() + "* is archived; its record is final.");
}

Decision lifecycle_refusal(const Incident& incident, const std::string& why) {
    return answer("*" + incident.id() + "*: " + why);
}

// ---- declare ----------------------------------------------------------------------------------

std::optional<std::string> unknown_team(const std::string& team,
                                        const std::vector<std::string>& known) {
    if (std::ranges::find(known, team) != known.end()) return std::nullopt;
    std::string text = "There is no team `" + escape_mrkdwn(team) + "` in the configuration.";
    if (known.empty()) return text + " No teams are configured; leave out `--team`.";
    if (auto near = closest_match(team, known))
        text += " Did you mean `" + escape_mrkdwn(*near) + "`?";
    text += " Known teams:";
    for (const std::string& name : known)
        text += " `" + escape_mrkdwn(name) + "`";
    return text + ".";
}

std::vector<std::string> invitees(const Actor& declarer, const std::vector<std::string>& more) {
    std::vector<std::string> ids{declarer.id};
    for (const std::string& id : more)
        if (std::ranges::find(ids, id) == ids.end()) ids.push_back(id);
    return ids;
}

Decision declare(const DecisionInput& in, const Declare& command, const std::string& request) {
    if (command.opens_modal()) {
        Decision d;
        d.open_declare_modal = command;  // an empty reply: the modal is the answer
        return d;
    }
    const DecisionSettings& settings = in.settings;
    const std::string team = command.team.value_or("");
    if (!team.empty())
        if (auto problem = unknown_team(team, settings.known_teams)) return answer(*problem);

    Incident incident;
    incident.number = in.next_incident_number;
    incident.title = command.title;
    incident.severity = command.severity.value_or(Severity::sev3);
    incident.team = team;
    incident.channel_name = channel_name(settings.channel_prefix, in.now, command.title);
    incident.declared_by = in.actor;
    incident.declared_at = in.now;

    Builder b(incident, in.actor, in.now, request);
    const std::string headline = "*" + incident.id() + "* (" +
                                 std::string(to_string(incident.severity)) +
                                 "): " + escape_mrkdwn(incident.title);
    b.record(EntryKind::declared, "Declared " + incident.id() + " (" +
                                      std::string(to_string(incident.severity)) +
                                      "): " + incident.title);
    if (!command.description.empty()) b.record(EntryKind::note, command.description);
    std::vector<std::string> more = settings.responders;
    more.insert(more.end(), command.responders.begin(), command.responders.end());
    b.act(CreateChannel{b.key("create-channel"), incident.channel_name, false});
    b.act(InviteUsers{b.key("invite"), invitees(in.actor, more)});
    b.act(SetTopic{b.key("set-topic"), topic_text(incident)});
    b.act(PostSummary{b.key("post-summary")});
    b.seal();
    if (!in.channel_id.empty())
        b.act(PostEphemeral{b.key("tell-declarer"), in.channel_id, in.actor.id,
                            headline + " is open in #" + incident.channel_name + "."});
    b.announce(settings.announce_channel, declared_announcement(incident));
    return std::move(b).reply("Declaring " + headline + ". Creating #" + incident.channel_name +
                                  " and inviting you" +
                                  (more.empty() ? "" : " and the responders") + ".",
                              Visibility::ephemeral);
}

// ---- changes to a live incident ---------------------------------------------------------------

Decision set_severity(Builder b, const SetSeverity& command, const DecisionSettings& settings) {
    const Severity before = b.incident().severity;
    if (before == command.severity)
        return answer("*" + b.incident().id() + "* is already " + std::string(to_string(before)) +
                      "; nothing changed.");
    b.incident().severity = command.severity;
    const std::string change = "from " + std::string(to_string(before)) + " to " +
                               std::string(to_string(command.severity));
    b.record(EntryKind::severity, "Severity changed " + change);
    b.refresh_channel();
    b.announce(settings.announce_channel, severity_announcement(b.incident(), before));
    return std::move(b).reply("Severity of *" + b.incident().id() + "* changed " + change + ".");
}

Decision assign_role(Builder b, const AssignRole& command, const Actor& actor) {
    const std::string role(to_string(command.role));
    auto current = b.incident().roles.find(command.role);
    if (current != b.incident().roles.end() && current->second.id == command.user.id)
        return answer(mention(command.user.id) + " already is the " + role + " of *" +
                      b.incident().id() + "*; nothing changed.");
    b.incident().roles[command.role] = Actor{command.user.id, command.user.name};
    const std::string who = command.user.name.empty()
                                ? command.user.id
                                : command.user.name + " (" + command.user.id + ")";
    b.record(EntryKind::role, role + ": " + who);
    b.act(InviteUsers{b.key("invite"), {command.user.id}});
    if (command.role == Role::commander)
        b.refresh_channel();
    else
        b.act(UpdateSummary{b.key("update-summary")});
    return std::move(b).reply(mention(command.user.id) + " is now the " + role + " of *" +
                              b.incident().id() + "* (assigned by " + mention(actor.id) + ").");
}

Decision post_update(Builder b, const PostUpdate& command, const DecisionSettings& settings) {
    const std::string text = user_mrkdwn(command.text);
    b.record(EntryKind::status_update, command.text);
    b.act(UpdateSummary{b.key("update-summary")});
    b.announce(settings.announce_channel, update_announcement(b.incident(), text));
    return std::move(b).reply("*Update on " + b.incident().id() + ":* " + text);
}

Decision add_fact(Builder b, const AddFact& command, const Actor& actor) {
    b.record(command.kind, command.text, true);  // typed facts are key events
    return std::move(b).reply(mention(actor.id) + " recorded *" +
                              std::string(to_string(command.kind)) +
                              "*: " + user_mrkdwn(command.text));
}

// ---- lifecycle --------------------------------------------------------------------------------

Decision resolve(Builder b, const Resolve& command, const DecisionSettings& settings, Time now) {
    auto next = apply(b.incident().state, Transition::resolve);
    if (!next.next) return lifecycle_refusal(b.incident(), next.refusal);
    b.incident().state = *next.next;
    b.incident().resolved_at = now;
    b.record(EntryKind::resolved, command.summary.empty() ? "Resolved" : command.summary);
    b.refresh_channel();
    const std::string summary = user_mrkdwn(command.summary);
    b.announce(settings.announce_channel, resolved_announcement(b.incident(), summary));
    return std::move(b).reply("*" + b.incident().id() + "* is resolved" +
                              (summary.empty() ? "." : ": " + summary));
}

void schedule_reminders(Builder& b, Time now, Time due) {
    if (due - reminder_offset > now)
        b.job(ScheduleJob{JobKind::postmortem_reminder, due - reminder_offset});
    b.job(ScheduleJob{JobKind::postmortem_reminder, due + reminder_offset});
}

std::string archive_wording(std::chrono::seconds after) {
    if (after.count() == 0) return "now";
    return "in " + format_duration(after);
}

Decision close(Builder b, const DecisionSettings& settings, Time now) {
    auto next = apply(b.incident().state, Transition::close);
    if (!next.next) return lifecycle_refusal(b.incident(), next.refusal);
    const Time due = now + settings.postmortem_due;
    const Time archive_at = now + settings.archive_after;
    b.incident().state = *next.next;
    b.incident().closed_at = now;
    b.incident().postmortem.due_at = due;
    b.record(EntryKind::closed, "Closed; postmortem due " + to_iso8601(due));
    b.refresh_channel();
    b.act(PostMessage{b.key("thread-closing-note"),
                      "*" + b.incident().id() +
                          "* is closed. The incident record and the postmortem draft follow in "
                          "this thread. The postmortem is due " +
                          to_iso8601(due) + "; the channel will be archived " +
                          archive_wording(settings.archive_after) + ".",
                      Destination::incident_thread, ""});
    b.seal();  // before the upload, so that the documents can show the close seal
    b.act(UploadDocuments{b.key("upload-documents"), true, true});
    b.announce(settings.announce_channel, closed_announcement(b.incident()));
    b.job(ScheduleJob{JobKind::archive, archive_at});
    schedule_reminders(b, now, due);
    return std::move(b).reply("*" + b.incident().id() +
                              "* is closed. The postmortem draft goes to the incident thread; it "
                              "is due " +
                              to_iso8601(due) + ". The channel will be archived " +
                              archive_wording(settings.archive_after) + ".");
}

Decision reopen(Builder b) {
    auto next = apply(b.incident().state, Transition::reopen);
    if (!next.next) return lifecycle_refusal(b.incident(), next.refusal);
    // The incident is live again: the times of the last resolve and close stay in the record only.
    b.incident().state = *next.next;
    b.incident().resolved_at.reset();
    b.incident().closed_at.reset();
    b.incident().postmortem.due_at.reset();
    b.record(EntryKind::reopened, "Reopened");
    b.job(CancelJobs{JobKind::archive});
    b.job(CancelJobs{JobKind::postmortem_reminder});
    b.refresh_channel();
    return std::move(b).reply("*" + b.incident().id() +
                              "* is active again; the archive is called off.");
}

// ---- postmortem -------------------------------------------------------------------------------

std::optional<Decision> unless_drafted(const Incident& incident) {
    if (incident.state == State::closed || incident.state == State::archived) return std::nullopt;
    return answer("The postmortem of *" + incident.id() +
                  "* is drafted when the incident is closed; `/incident close` first.");
}

Decision repost_postmortem(Builder b) {
    if (auto refusal = unless_drafted(b.incident())) return *refusal;
    if (b.incident().state == State::archived)
        return answer("The channel of *" + b.incident().id() + "* is archived; `incidentd " +
                      "postmortem " + b.incident().id() + "` prints the draft.");
    b.act(UploadDocuments{b.key("upload-postmortem"), false, true});
    return std::move(b).reply(
        "Posting the postmortem draft of *" + b.incident().id() + "* to the incident thread again.",
        Visibility::ephemeral);
}

Decision link_postmortem(Builder b, const LinkPostmortem& command) {
    if (b.incident().postmortem.url == command.url)
        return answer("The postmortem of *" + b.incident().id() + "* is already linked to " +
                      escape_mrkdwn(command.url) + "; nothing changed.");
    b.incident().postmortem.url = command.url;
    b.record(EntryKind::command, "Postmortem: " + command.url);
    if (b.incident().state != State::archived) {
        b.act(Bookmark{b.key("bookmark-postmortem"), "Postmortem", command.url});
        b.act(UpdateSummary{b.key("update-summary")});
    }
    return std::move(b).reply("The postmortem of *" + b.incident().id() + "* lives at " +
                              escape_mrkdwn(command.url) + ".");
}

Decision mark_postmortem_done(Builder b) {
    if (auto refusal = unless_drafted(b.incident())) return *refusal;
    if (b.incident().postmortem.done)
        return answer("The postmortem of *" + b.incident().id() +
                      "* is already done; nothing changed.");
    b.incident().postmortem.done = true;
    b.record(EntryKind::command, "Postmortem done");
    b.job(CancelJobs{JobKind::postmortem_reminder});
    if (b.incident().state != State::archived) b.act(UpdateSummary{b.key("update-summary")});
    return std::move(b).reply("The postmortem of *" + b.incident().id() + "* is done.");
}

// ---- answers ----------------------------------------------------------------------------------

Decision help(const ShowHelp& command, const DecisionSettings& settings) {
    if (!command.topic.empty()) {
        for (const SubcommandUsage& row : subcommand_usages())
            if (row.name == command.topic)
                return answer("`" + escape_mrkdwn(row.usage) + "` — " + escape_mrkdwn(row.summary));
    }
    std::string text = escape_mrkdwn(help_text());
    // Marking is the one way to feed the postmortem's timeline that is not a command.
    text += "\nReact with :" + escape_mrkdwn(settings.key_event_emoji) +
            ": to a message, or pin it, to make it a key event.";
    if (!settings.workflow.empty()) text += "\n*Workflow:* " + escape_mrkdwn(settings.workflow);
    return answer(std::move(text));
}

// ---- dispatch ---------------------------------------------------------------------------------

// Without a trigger_id (a caller that has none), the moment of the command names it.
std::string request_name(const DecisionInput& in) {
    if (!in.request_id.empty()) return in.request_id;
    return "t" + std::to_string(in.now.time_since_epoch().count());
}

// Closing and reopening end or restart the incident for everyone: they are for its commander,
// whoever declared it, and the configured admins.
std::optional<Decision> unless_may_close(const Incident& incident, const Actor& actor,
                                         const DecisionSettings& settings, std::string_view what) {
    const auto commander = incident.roles.find(Role::commander);
    if (actor.id == incident.declared_by.id ||
        (commander != incident.roles.end() && commander->second.id == actor.id) ||
        std::ranges::find(settings.admins, actor.id) != settings.admins.end())
        return std::nullopt;
    std::string who = "its commander";
    if (commander != incident.roles.end()) who += " (<@" + commander->second.id + ">)";
    who += ", whoever declared it (<@" + incident.declared_by.id + ">)";
    return answer("Only " + who + " or an incidentd admin can " + std::string(what) + " *" +
                  incident.id() +
                  "*. Ask one of them, or ask the commander to hand over the role " +
                  "with `/incident role commander @you`.");
}

// Changes to the live incident wait for `reopen` once it is closed.
template <class Change>
Decision while_open(const Incident& incident, Change change) {
    if (auto refusal = unless_open(incident)) return *refusal;
    return change();
}

}  // namespace

Decision decide(const DecisionInput& in) {
    if (const auto* error = std::get_if<UsageError>(&in.parsed)) return usage_error(*error);
    const Command& command = std::get<Command>(in.parsed);
    if (needs_incident_channel(command) && !in.incident) return outside_incident_channel(command);

    const DecisionSettings& settings = in.settings;
    const std::string request = request_name(in);
    // Only called for the commands that need an incident channel, so in.incident is set.
    auto builder = [&] { return Builder(*in.incident, in.actor, in.now, request); };
    return std::visit(
        overloaded{
            [&](const Declare& c) { return declare(in, c, request); },
            [&](const ListIncidents&) { return answer(list_report(in.incidents, in.now)); },
            [&](const ShowHelp& c) { return help(c, settings); },
            [&](const ShowStatus&) { return answer(status_report(*in.incident, in.now)); },
            [&](const ShowTimeline&) { return answer(timeline_report(*in.incident, in.record)); },
            [&](const PostUpdate& c) {
                return while_open(*in.incident,
                                  [&] { return post_update(builder(), c, settings); });
            },
            [&](const SetSeverity& c) {
                return while_open(*in.incident,
                                  [&] { return set_severity(builder(), c, settings); });
            },
            [&](const AssignRole& c) {
                return while_open(*in.incident,
                                  [&] { return assign_role(builder(), c, in.actor); });
            },
            [&](const AddFact& c) {
                return while_open(*in.incident, [&] { return add_fact(builder(), c, in.actor); });
            },
            [&](const Resolve& c) { return resolve(builder(), c, settings, in.now); },
            [&](const Close&) {
                if (auto refusal = unless_may_close(*in.incident, in.actor, settings, "close"))
                    return *refusal;
                return close(builder(), settings, in.now);
            },
            [&](const Reopen&) {
                if (auto refusal = unless_may_close(*in.incident, in.actor, settings, "reopen"))
                    return *refusal;
                return reopen(builder());
            },
            [&](const RepostPostmortem&) { return repost_postmortem(builder()); },
            [&](const LinkPostmortem& c) { return link_postmortem(builder(), c); },
            [&](const MarkPostmortemDone&) { return mark_postmortem_done(builder()); },
        },
        command);
}

// ---- jobs -------------------------------------------------------------------------------------

namespace {

Decision archive_job(Builder b, Time now) {
    auto next = apply(b.incident().state, Transition::archive);
    if (!next.next) return Decision{};  // reopened (or archived already) since it was scheduled
    b.incident().state = *next.next;
    b.incident().archived_at = now;
    b.record(EntryKind::archived, "Channel archived");
    b.act(ArchiveChannel{b.key("archive")});
    return std::move(b).reply("");
}

// The commander owns the postmortem unless the team's workflow says otherwise; without one,
// the declarer is reminded.
const Actor& postmortem_owner(const Incident& incident) {
    auto commander = incident.roles.find(Role::commander);
    return commander != incident.roles.end() ? commander->second : incident.declared_by;
}

Decision reminder_job(Builder b, Time now) {
    const Incident& incident = b.incident();
    const Postmortem& pm = incident.postmortem;
    const bool drafted = incident.state == State::closed || incident.state == State::archived;
    if (!drafted || pm.done || !pm.due_at) return Decision{};
    const auto left = std::chrono::duration_cast<std::chrono::seconds>(*pm.due_at - now);
    const std::string when = left.count() > 0 ? "is due in " + format_duration(left)
                                              : "was due " + format_duration(left) + " ago";
    const std::string owner = postmortem_owner(incident).id;
    // A DM reaches the owner even after the channel is archived.
    b.act(PostMessage{b.key("postmortem-reminder"),
                      "Reminder: the postmortem of *" + incident.id() + "* " +
                          escape_mrkdwn(incident.title) + " " + when + " (" +
                          to_iso8601(*pm.due_at) +
                          "). `/incident postmortem link <url>` records where it lives, "
                          "`/incident postmortem done` ends these reminders.",
                      Destination::direct_message, owner});
    Decision d = std::move(b).reply("");
    d.incident.reset();  // a reminder changes nothing about the incident
    return d;
}

}  // namespace

Decision decide_job(const Incident& incident, JobKind kind, Time run_at, Time now) {
    Builder b(incident, incidentd_actor, now, "job-" + to_iso8601(run_at));
    switch (kind) {
        case JobKind::archive:
            return archive_job(std::move(b), now);
        case JobKind::postmortem_reminder:
            return reminder_job(std::move(b), now);
    }
    return Decision{};
}

}  // namespace incidentd::core
