// Specification of core/decide: what each `/incident` command changes, asks Slack to do,
// schedules and answers — and what it refuses.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/decide.hpp"
#include "core/topic.hpp"

using namespace incidentd::core;
using namespace std::chrono_literals;

namespace {

const Time now = *parse_iso8601("2026-11-24T10:00:00Z");
const Actor jane{"U0JANE", "Jane"};

Incident active_incident() {
    Incident incident;
    incident.number = 7;
    incident.title = "Checkout latency";
    incident.severity = Severity::sev2;
    incident.channel_id = "C0INC7";
    incident.channel_name = "inc-20261124-checkout-latency";
    incident.summary_ts = "1764000000.000100";
    incident.declared_by = jane;
    incident.declared_at = now - 1h;
    return incident;
}

Incident incident_in(State state) {
    Incident incident = active_incident();
    incident.state = state;
    if (state == State::closed || state == State::archived) {
        incident.closed_at = now - 2h;
        incident.postmortem.due_at = now + 6 * 24h;
    }
    return incident;
}

DecisionInput input(const std::string& text, std::optional<Incident> incident = std::nullopt) {
    DecisionInput in;
    in.parsed = parse_command(text);
    in.actor = jane;
    in.now = now;
    in.channel_id = incident ? incident->channel_id : "C0GENERAL";
    in.request_id = "trigger-1";
    in.incident = std::move(incident);
    in.next_incident_number = 12;
    in.settings.responders = {"U0ONCALL", "U0JANE"};
    in.settings.announce_channel = "C0ANNOUNCE";
    in.settings.known_teams = {"payments", "platform"};
    return in;
}

template <class T>
std::vector<T> actions_of(const Decision& d) {
    std::vector<T> found;
    for (const Action& a : d.actions)
        if (const T* t = std::get_if<T>(&a)) found.push_back(*t);
    return found;
}

std::vector<std::string> action_names(const Decision& d) {
    std::vector<std::string> names;
    for (const Action& a : d.actions)
        names.emplace_back(action_name(a));
    return names;
}

std::vector<PostMessage> announcements(const Decision& d) {
    std::vector<PostMessage> found;
    for (const PostMessage& m : actions_of<PostMessage>(d))
        if (m.to == Destination::announce_channel) found.push_back(m);
    return found;
}

// A refusal or an answer: nothing to store, nothing to do, only a note to the person.
void require_nothing_changed(const Decision& d) {
    CHECK(d.changes_nothing());
    CHECK(d.reply.visibility == Visibility::ephemeral);
    CHECK_FALSE(d.reply.text.empty());
}

}  // namespace

TEST_CASE("declare creates an incident and asks for its channel, people, topic and summary") {
    DecisionInput in = input("declare sev2 Checkout latency");
    SECTION("the incident takes its number, title, severity, declarer and time from the input") {
        Decision d = decide(in);
        REQUIRE(d.incident);
        CHECK(d.incident->number == 12);
        CHECK(d.incident->title == "Checkout latency");
        CHECK(d.incident->severity == Severity::sev2);
        CHECK(d.incident->state == State::active);
        CHECK(d.incident->declared_by == jane);
        CHECK(d.incident->declared_at == now);
        CHECK(d.incident->channel_name == "inc-20261124-checkout-latency");
    }
    SECTION("the severity is SEV3 when none is given") {
        in.parsed = parse_command("declare Checkout latency");
        CHECK(decide(in).incident->severity == Severity::sev3);
    }
    SECTION("the channel name uses the configured prefix") {
        in.settings.channel_prefix = "ops";
        CHECK(decide(in).incident->channel_name == "ops-20261124-checkout-latency");
    }
    SECTION("the record starts with a declared entry by the declarer") {
        Decision d = decide(in);
        REQUIRE(d.entries.size() == 1);
        CHECK(d.entries[0].kind == EntryKind::declared);
        CHECK(d.entries[0].actor == jane);
        CHECK(d.entries[0].at == now);
        CHECK_THAT(d.entries[0].text, Catch::Contains("Checkout latency"));
    }
    SECTION("the channel is made first, then people, topic, summary, note and announcement") {
        Decision d = decide(in);
        CHECK(action_names(d) == std::vector<std::string>{"create-channel", "invite", "set-topic",
                                                          "post-summary", "post-ephemeral",
                                                          "post-message"});
        CHECK(actions_of<CreateChannel>(d).at(0).name == "inc-20261124-checkout-latency");
        CHECK_FALSE(actions_of<CreateChannel>(d).at(0).is_private);
        CHECK(actions_of<SetTopic>(d).at(0).text == topic_text(*d.incident));
        CHECK(actions_of<PostEphemeral>(d).at(0).user_id == "U0JANE");
        CHECK(actions_of<PostEphemeral>(d).at(0).channel_id == "C0GENERAL");
    }
    SECTION("the declarer and the responders are invited, each once") {
        Decision d = decide(in);
        CHECK(actions_of<InviteUsers>(d).at(0).user_ids ==
              std::vector<std::string>{"U0JANE", "U0ONCALL"});
    }
    SECTION("the announcement channel hears of it when one is configured") {
        Decision d = decide(in);
        REQUIRE(announcements(d).size() == 1);
        CHECK(announcements(d)[0].channel_id == "C0ANNOUNCE");
        CHECK_THAT(announcements(d)[0].text, Catch::Contains("INC-12"));
        in.settings.announce_channel = "";
        CHECK(announcements(decide(in)).empty());
    }
    SECTION("the declarer is answered privately at once") {
        Decision d = decide(in);
        CHECK(d.reply.visibility == Visibility::ephemeral);
        CHECK_THAT(d.reply.text,
                   Catch::Contains("INC-12") && Catch::Contains("#inc-20261124-checkout-latency"));
    }
    SECTION("a known team is kept on the incident") {
        in.parsed = parse_command("declare --team payments Card declines");
        CHECK(decide(in).incident->team == "payments");
    }
}

TEST_CASE("declaring for an unknown team changes nothing and names the teams there are") {
    DecisionInput in = input("declare --team paymnts Card declines");
    SECTION("a near miss is suggested and the known teams listed") {
        Decision d = decide(in);
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("`paymnts`") &&
                                     Catch::Contains("Did you mean `payments`?") &&
                                     Catch::Contains("`platform`"));
    }
    SECTION("with no teams configured the answer says to leave out --team") {
        in.settings.known_teams.clear();
        Decision d = decide(in);
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("leave out `--team`"));
    }
}

TEST_CASE("declaring without a title opens the declare form and changes nothing") {
    Decision d = decide(input("declare sev1 --team payments"));
    CHECK(d.changes_nothing());
    REQUIRE(d.open_declare_modal);
    CHECK(d.open_declare_modal->severity == Severity::sev1);
    CHECK(d.open_declare_modal->team == "payments");
}

TEST_CASE("bad input changes nothing and answers with what was wrong and the usage") {
    auto text = GENERATE(as<std::string>{}, "sev 9", "role pilot <@U0BOB>", "frobnicate", "update",
                         "postmortem link not-a-url", "status now");
    INFO(text);
    SECTION("inside an incident channel") {
        Decision d = decide(input(text, active_incident()));
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("Usage: /incident"));
    }
    SECTION("anywhere else") {
        Decision d = decide(input(text));
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("Usage: /incident"));
    }
}

TEST_CASE("a usage error's quoted input is escaped") {
    Decision d = decide(input("sev <!channel>", active_incident()));
    CHECK_THAT(d.reply.text, !Catch::Contains("<!channel>") && Catch::Contains("&lt;!channel&gt;"));
}

TEST_CASE("commands that need an incident channel say so when used elsewhere") {
    auto text = GENERATE(as<std::string>{}, "status", "update all good", "sev 1",
                         "role commander <@U0BOB|bob>", "impact checkout down", "note hi",
                         "resolve", "close", "reopen", "postmortem", "postmortem done",
                         "postmortem link https://wiki.example.com/pm/7", "timeline");
    INFO(text);
    Decision d = decide(input(text));
    require_nothing_changed(d);
    CHECK_THAT(d.reply.text, Catch::Contains("works only in an incident's channel"));
}

TEST_CASE("sev changes the severity, the topic and the summary, and announces it") {
    DecisionInput in = input("sev 1", active_incident());
    SECTION("a new severity is stored, recorded, shown and announced") {
        Decision d = decide(in);
        REQUIRE(d.incident);
        CHECK(d.incident->severity == Severity::sev1);
        REQUIRE(d.entries.size() == 1);
        CHECK(d.entries[0].kind == EntryKind::severity);
        CHECK(d.entries[0].text == "Severity changed from SEV2 to SEV1");
        CHECK(action_names(d) ==
              std::vector<std::string>{"set-topic", "update-summary", "post-message"});
        CHECK_THAT(actions_of<SetTopic>(d).at(0).text, Catch::StartsWith("SEV1"));
        CHECK_THAT(announcements(d).at(0).text, Catch::Contains("raised from SEV2 to SEV1"));
        CHECK(d.reply.visibility == Visibility::in_channel);
    }
    SECTION("lowering it says so") {
        in.parsed = parse_command("sev 4");
        CHECK_THAT(announcements(decide(in)).at(0).text, Catch::Contains("lowered"));
    }
    SECTION("the same severity changes nothing") {
        in.parsed = parse_command("sev 2");
        Decision d = decide(in);
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("already SEV2"));
    }
}

TEST_CASE("role assigns the person and invites them") {
    DecisionInput in = input("role commander <@U0BOB|bob>", active_incident());
    SECTION("the commander is stored, recorded, invited and shown in the topic") {
        Decision d = decide(in);
        REQUIRE(d.incident);
        CHECK(d.incident->roles.at(Role::commander) == Actor{"U0BOB", "bob"});
        REQUIRE(d.entries.size() == 1);
        CHECK(d.entries[0].kind == EntryKind::role);
        CHECK(d.entries[0].text == "commander: bob (U0BOB)");
        CHECK(actions_of<InviteUsers>(d).at(0).user_ids == std::vector<std::string>{"U0BOB"});
        CHECK_THAT(actions_of<SetTopic>(d).at(0).text, Catch::Contains("Commander: bob"));
        CHECK(d.reply.visibility == Visibility::in_channel);
        CHECK_THAT(d.reply.text, Catch::Contains("<@U0BOB> is now the commander"));
    }
    SECTION("another role leaves the topic alone but updates the summary") {
        in.parsed = parse_command("role scribe <@U0BOB>");
        Decision d = decide(in);
        CHECK(d.incident->roles.at(Role::scribe).id == "U0BOB");
        CHECK(action_names(d) == std::vector<std::string>{"invite", "update-summary"});
    }
    SECTION("giving a role to the person who holds it changes nothing") {
        Incident held = active_incident();
        held.roles[Role::commander] = Actor{"U0BOB", "bob"};
        in.incident = held;
        Decision d = decide(in);
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("already is the commander"));
    }
}

TEST_CASE("update is recorded, posted in the channel and broadcast") {
    Decision d = decide(input("update Rolled back the deploy", active_incident()));
    REQUIRE(d.entries.size() == 1);
    CHECK(d.entries[0].kind == EntryKind::status_update);
    CHECK(d.entries[0].text == "Rolled back the deploy");
    CHECK(d.reply.visibility == Visibility::in_channel);
    CHECK_THAT(d.reply.text, Catch::Contains("Rolled back the deploy"));
    CHECK_THAT(announcements(d).at(0).text,
               Catch::Contains("INC-7") && Catch::Contains("Rolled back the deploy"));
}

TEST_CASE("typed facts are recorded as key events") {
    auto [text, kind] = GENERATE(table<std::string, EntryKind>({
        {"impact 30% of checkouts fail", EntryKind::impact},
        {"system payments-api", EntryKind::system},
        {"action restarted the workers", EntryKind::action},
        {"note the dashboard lags by 5 minutes", EntryKind::note},
    }));
    INFO(text);
    Decision d = decide(input(text, active_incident()));
    REQUIRE(d.entries.size() == 1);
    CHECK(d.entries[0].kind == kind);
    CHECK(d.entries[0].key_event);
    CHECK(d.entries[0].text == text.substr(text.find(' ') + 1));
    CHECK(d.actions.empty());
    CHECK(d.reply.visibility == Visibility::in_channel);
}

TEST_CASE("a closed or archived incident refuses changes until it is reopened") {
    auto text = GENERATE(as<std::string>{}, "update all good", "sev 1", "role commander <@U0BOB>",
                         "impact none", "note later");
    INFO(text);
    SECTION("closed") {
        Decision d = decide(input(text, incident_in(State::closed)));
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("`/incident reopen` first"));
    }
    SECTION("archived") {
        Decision d = decide(input(text, incident_in(State::archived)));
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("archived"));
    }
}

TEST_CASE("resolve marks an active incident resolved and refuses otherwise") {
    SECTION("with a summary") {
        Decision d = decide(input("resolve Rolled back", active_incident()));
        REQUIRE(d.incident);
        CHECK(d.incident->state == State::resolved);
        CHECK(d.incident->resolved_at == now);
        CHECK(d.entries.at(0).kind == EntryKind::resolved);
        CHECK(d.entries.at(0).text == "Rolled back");
        CHECK(action_names(d) ==
              std::vector<std::string>{"set-topic", "update-summary", "post-message"});
        CHECK_THAT(actions_of<SetTopic>(d).at(0).text, Catch::Contains("resolved"));
        CHECK_THAT(announcements(d).at(0).text, Catch::Contains("resolved: Rolled back"));
        CHECK(d.reply.visibility == Visibility::in_channel);
    }
    SECTION("without a summary") {
        Decision d = decide(input("resolve", active_incident()));
        CHECK(d.entries.at(0).text == "Resolved");
    }
    SECTION("refused when already resolved, closed or archived") {
        auto state = GENERATE(State::resolved, State::closed, State::archived);
        Decision d = decide(input("resolve", incident_in(state)));
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains(apply(state, Transition::resolve).refusal));
    }
}

TEST_CASE("close computes the postmortem due date and the archive time from the settings") {
    DecisionInput in = input("close", active_incident());
    SECTION("with the defaults: due in 7 days, archived after 24 hours") {
        Decision d = decide(in);
        REQUIRE(d.incident);
        CHECK(d.incident->state == State::closed);
        CHECK(d.incident->closed_at == now);
        CHECK(d.incident->postmortem.due_at == now + 7 * 24h);
        CHECK(d.entries.at(0).kind == EntryKind::closed);
        CHECK(d.jobs == std::vector<JobChange>{
                            ScheduleJob{JobKind::archive, now + 24h},
                            ScheduleJob{JobKind::postmortem_reminder, now + 6 * 24h},
                            ScheduleJob{JobKind::postmortem_reminder, now + 8 * 24h},
                        });
    }
    SECTION("with configured durations") {
        in.settings.postmortem_due = 3 * 24h;
        in.settings.archive_after = 0s;
        Decision d = decide(in);
        CHECK(d.incident->postmortem.due_at == now + 3 * 24h);
        CHECK(std::get<ScheduleJob>(d.jobs.at(0)) == ScheduleJob{JobKind::archive, now});
        CHECK_THAT(d.reply.text, Catch::Contains("archived now"));
    }
    SECTION("a due date within a day gets only the reminder after it") {
        in.settings.postmortem_due = 12h;
        Decision d = decide(in);
        CHECK(d.jobs == std::vector<JobChange>{
                            ScheduleJob{JobKind::archive, now + 24h},
                            ScheduleJob{JobKind::postmortem_reminder, now + 36h},
                        });
    }
    SECTION("the documents go to the incident thread after a note that says what follows") {
        Decision d = decide(in);
        CHECK(action_names(d) == std::vector<std::string>{"set-topic", "update-summary",
                                                          "post-message", "upload",
                                                          "post-message"});
        const PostMessage note = actions_of<PostMessage>(d).at(0);
        CHECK(note.to == Destination::incident_thread);
        CHECK_THAT(note.text, Catch::Contains("2026-12-01T10:00:00Z"));
        CHECK(actions_of<UploadDocuments>(d).at(0) ==
              UploadDocuments{"INC-7/upload-documents/trigger-1", true, true});
        CHECK(announcements(d).size() == 1);
    }
    SECTION("a resolved incident closes too") {
        in.incident = incident_in(State::resolved);
        CHECK(decide(in).incident->state == State::closed);
    }
    SECTION("refused when closed or archived") {
        auto state = GENERATE(State::closed, State::archived);
        in.incident = incident_in(state);
        require_nothing_changed(decide(in));
    }
}

TEST_CASE("reopen makes the incident active again and cancels the archive and reminders") {
    SECTION("from closed") {
        Decision d = decide(input("reopen", incident_in(State::closed)));
        REQUIRE(d.incident);
        CHECK(d.incident->state == State::active);
        CHECK_FALSE(d.incident->closed_at);
        CHECK_FALSE(d.incident->postmortem.due_at);
        CHECK(d.entries.at(0).kind == EntryKind::reopened);
        CHECK(d.jobs == std::vector<JobChange>{CancelJobs{JobKind::archive},
                                               CancelJobs{JobKind::postmortem_reminder}});
        CHECK(action_names(d) == std::vector<std::string>{"set-topic", "update-summary"});
    }
    SECTION("refused when active or archived, saying why") {
        auto state = GENERATE(State::active, State::archived);
        Decision d = decide(input("reopen", incident_in(state)));
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains(apply(state, Transition::reopen).refusal));
    }
}

TEST_CASE("postmortem records where the final one lives, marks it done, or reposts the draft") {
    DecisionInput in =
        input("postmortem link https://wiki.example.com/pm/7", incident_in(State::closed));
    SECTION("a link is stored, recorded and bookmarked") {
        Decision d = decide(in);
        REQUIRE(d.incident);
        CHECK(d.incident->postmortem.url == "https://wiki.example.com/pm/7");
        CHECK(d.entries.at(0).kind == EntryKind::command);
        CHECK(actions_of<Bookmark>(d).at(0).url == "https://wiki.example.com/pm/7");
    }
    SECTION("the same link again changes nothing") {
        in.incident->postmortem.url = "https://wiki.example.com/pm/7";
        require_nothing_changed(decide(in));
    }
    SECTION("done is stored and ends the reminders") {
        in.parsed = parse_command("postmortem done");
        Decision d = decide(in);
        REQUIRE(d.incident);
        CHECK(d.incident->postmortem.done);
        CHECK(d.jobs == std::vector<JobChange>{CancelJobs{JobKind::postmortem_reminder}});
    }
    SECTION("done twice changes nothing") {
        in.parsed = parse_command("postmortem done");
        in.incident->postmortem.done = true;
        require_nothing_changed(decide(in));
    }
    SECTION("done before close is refused") {
        in.parsed = parse_command("postmortem done");
        in.incident = active_incident();
        Decision d = decide(in);
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("`/incident close` first"));
    }
    SECTION("the draft is reposted to the thread, without the record") {
        in.parsed = parse_command("postmortem");
        Decision d = decide(in);
        CHECK(d.actions == std::vector<Action>{
                               UploadDocuments{"INC-7/upload-postmortem/trigger-1", false, true}});
        CHECK_FALSE(d.incident->state != State::closed);
    }
    SECTION("reposting before close is refused") {
        in.parsed = parse_command("postmortem");
        in.incident = active_incident();
        require_nothing_changed(decide(in));
    }
}

TEST_CASE("status, timeline, list and help answer privately and change nothing") {
    SECTION("status shows the incident's state, roles and due postmortem") {
        Incident incident = incident_in(State::closed);
        incident.roles[Role::commander] = Actor{"U0BOB", "bob"};
        Decision d = decide(input("status", incident));
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("*INC-7*") && Catch::Contains("SEV2") &&
                                     Catch::Contains("closed") && Catch::Contains("<@U0BOB>") &&
                                     Catch::Contains("due 2026-11-30T10:00:00Z"));
    }
    SECTION("timeline shows the latest entries the bot loaded") {
        DecisionInput in = input("timeline", active_incident());
        for (int i = 1; i <= 25; ++i) {
            Entry e;
            e.actor = jane;
            e.text = "message " + std::to_string(i);
            in.record.push_back(e);
        }
        Decision d = decide(in);
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("the last 20 of 25") &&
                                     Catch::Contains("message 25") &&
                                     !Catch::Contains("message 5\n"));
    }
    SECTION("list shows open incidents and postmortems due, from anywhere") {
        DecisionInput in = input("list");
        Incident done = incident_in(State::archived);
        done.number = 3;
        done.postmortem.done = true;
        Incident due = incident_in(State::archived);
        due.number = 5;
        in.incidents = {active_incident(), done, due};
        Decision d = decide(in);
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("INC-7") && Catch::Contains("INC-5") &&
                                     !Catch::Contains("INC-3"));
    }
    SECTION("help lists the commands, escaped, and the team's workflow") {
        DecisionInput in = input("help");
        in.settings.workflow = "Postmortem within 7 days, owner = commander.";
        in.settings.key_event_emoji = "star";
        Decision d = decide(in);
        require_nothing_changed(d);
        CHECK_THAT(d.reply.text, Catch::Contains("/incident role &lt;commander|comms|scribe&gt;") &&
                                     Catch::Contains("Postmortem within 7 days") &&
                                     Catch::Contains("React with :star:"));
    }
    SECTION("help for one subcommand shows its usage") {
        Decision d = decide(input("help sev"));
        CHECK_THAT(d.reply.text, Catch::Contains("/incident sev &lt;1-4&gt;"));
    }
}

TEST_CASE("idempotency keys are unique per action and stable for the same input") {
    auto [text, state] = GENERATE(table<std::string, std::optional<State>>({
        {"declare sev1 Checkout latency", std::nullopt},
        {"close", State::active},
        {"sev 1", State::active},
        {"role commander <@U0BOB>", State::active},
        {"reopen", State::closed},
    }));
    INFO(text);
    DecisionInput in = input(text);
    if (state) in.incident = incident_in(*state);
    const Decision first = decide(in);
    REQUIRE_FALSE(first.actions.empty());

    std::set<std::string> keys;
    for (const Action& a : first.actions)
        keys.insert(idempotency_key(a));
    CHECK(keys.size() == first.actions.size());
    const std::string incident = in.incident ? "INC-7/" : "INC-12/";
    for (const std::string& key : keys)
        CHECK_THAT(key, Catch::StartsWith(incident) && Catch::EndsWith("/trigger-1"));

    SECTION("the same invocation decided again asks for the same actions") {
        CHECK(decide(in).actions == first.actions);
    }
    SECTION("another invocation gets other keys") {
        in.request_id = "trigger-2";
        for (const Action& a : decide(in).actions)
            CHECK(keys.count(idempotency_key(a)) == 0);
    }
}

TEST_CASE("hostile text is escaped in replies, topics and announcements") {
    SECTION("a title") {
        DecisionInput in = input("declare <!channel> & <script>");
        Decision d = decide(in);
        REQUIRE(d.incident);
        CHECK(d.incident->title == "<!channel> & <script>");
        const std::string topic = actions_of<SetTopic>(d).at(0).text;
        for (const std::string& text : {d.reply.text, topic, announcements(d).at(0).text}) {
            INFO(text);
            CHECK_THAT(text, !Catch::Contains("<!channel>") && !Catch::Contains("<script>") &&
                                 Catch::Contains("&lt;!channel&gt; &amp; &lt;script&gt;"));
        }
    }
    SECTION("an update keeps the mentions the person picked and disarms broadcasts") {
        Decision d = decide(
            input("update <!here> ask <@U0BOB|bob> &amp; see <#C0OPS|ops>", active_incident()));
        for (const std::string& text : {d.reply.text, announcements(d).at(0).text}) {
            INFO(text);
            CHECK_THAT(text,
                       Catch::Contains("&lt;!here&gt; ask <@U0BOB|bob> &amp; see <#C0OPS|ops>"));
        }
    }
    SECTION("a role holder's name") {
        Decision d = decide(input("role commander <@U0BOB|&lt;!channel&gt;>", active_incident()));
        CHECK_THAT(actions_of<SetTopic>(d).at(0).text,
                   Catch::Contains("Commander: &lt;!channel&gt;"));
    }
}

TEST_CASE("the archive job archives a closed incident's channel and nothing else") {
    const Time run_at = now;
    SECTION("closed: archived, recorded, and the channel archived") {
        Decision d = decide_job(incident_in(State::closed), JobKind::archive, run_at, now + 1s);
        REQUIRE(d.incident);
        CHECK(d.incident->state == State::archived);
        CHECK(d.incident->archived_at == now + 1s);
        CHECK(d.entries.at(0).kind == EntryKind::archived);
        CHECK(d.entries.at(0).actor.name == "incidentd");
        CHECK(d.actions ==
              std::vector<Action>{ArchiveChannel{"INC-7/archive/job-2026-11-24T10:00:00Z"}});
    }
    SECTION("reopened or already archived since: nothing") {
        auto state = GENERATE(State::active, State::resolved, State::archived);
        CHECK(decide_job(incident_in(state), JobKind::archive, run_at, now).changes_nothing());
    }
}

TEST_CASE("a postmortem reminder goes to its owner until the postmortem is done") {
    Incident incident = incident_in(State::archived);
    const Time due = *incident.postmortem.due_at;
    SECTION("before the due date, to the declarer when there is no commander") {
        Decision d = decide_job(incident, JobKind::postmortem_reminder, due - 24h, due - 24h);
        CHECK_FALSE(d.incident);
        const PostMessage reminder = actions_of<PostMessage>(d).at(0);
        CHECK(reminder.to == Destination::direct_message);
        CHECK(reminder.channel_id == "U0JANE");
        CHECK_THAT(reminder.text, Catch::Contains("is due in 1d"));
    }
    SECTION("after it, to the commander") {
        incident.roles[Role::commander] = Actor{"U0BOB", "bob"};
        Decision d = decide_job(incident, JobKind::postmortem_reminder, due + 24h, due + 24h);
        const PostMessage reminder = actions_of<PostMessage>(d).at(0);
        CHECK(reminder.channel_id == "U0BOB");
        CHECK_THAT(reminder.text, Catch::Contains("was due 1d ago"));
    }
    SECTION("done, or reopened: nothing") {
        Incident done = incident;
        done.postmortem.done = true;
        CHECK(decide_job(done, JobKind::postmortem_reminder, due, due).changes_nothing());
        CHECK(decide_job(active_incident(), JobKind::postmortem_reminder, due, due)
                  .changes_nothing());
    }
}

TEST_CASE("only the commander, the declarer or an admin may close or reopen an incident") {
    const Actor bob{"U0BOB", "Bob"};
    const Actor kim{"U0KIM", "Kim"};
    Incident commanded = active_incident();
    commanded.roles[Role::commander] = kim;

    SECTION("anyone else is told whom to ask, and nothing changes") {
        for (const auto& [text, state] :
             {std::pair{"close", State::active}, std::pair{"reopen", State::closed}}) {
            Incident incident = incident_in(state);
            incident.roles[Role::commander] = kim;
            DecisionInput in = input(text, incident);
            in.actor = bob;
            const Decision d = decide(in);
            INFO(text);
            CHECK(d.changes_nothing());
            CHECK(d.reply.visibility == Visibility::ephemeral);
            CHECK(d.reply.text.find("<@U0KIM>") != std::string::npos);
            CHECK(d.reply.text.find("<@U0JANE>") != std::string::npos);
        }
    }
    SECTION("the commander, the declarer and a configured admin may") {
        for (const Actor& who : {kim, jane, bob}) {
            DecisionInput in = input("close", commanded);
            in.actor = who;
            if (who.id == bob.id) in.settings.admins = {"U0BOB"};
            const Decision d = decide(in);
            INFO(who.id);
            REQUIRE(d.incident);
            CHECK(d.incident->state == State::closed);
        }
    }
}

TEST_CASE("a declaration from the form records its description and invites its responders") {
    DecisionInput in = input("declare sev2 Checkout latency");
    auto& declare = std::get<Declare>(std::get<Command>(in.parsed));
    declare.description = "p99 above 2 s since 09:40";
    declare.responders = {"U0KIM", "U0ONCALL"};
    const Decision d = decide(in);
    REQUIRE(d.entries.size() == 2);
    CHECK(d.entries[1].kind == EntryKind::note);
    CHECK(d.entries[1].text == "p99 above 2 s since 09:40");
    const auto invites = actions_of<InviteUsers>(d);
    REQUIRE(invites.size() == 1);
    CHECK(invites[0].user_ids == std::vector<std::string>{"U0JANE", "U0ONCALL", "U0KIM"});
}
