#include "bot/cli/sample_incident.hpp"

#include <chrono>
#include <string>

namespace incidentd::bot {
namespace {

using namespace std::chrono_literals;
using core::EntryKind;

const std::string channel_id = "C0DEMO0001";
const std::string channel_url = "https://incidentd-demo.slack.com/archives/" + channel_id;
const core::Actor alice{"U0ALICE", "alice"};
const core::Actor bob{"U0BOB", "bob"};
const core::Actor carol{"U0CAROL", "carol"};
const core::Actor bot_user{"U0INCIDENTD", "incidentd"};

std::string slack_ts(core::Time t, int counter) {
    const auto secs = std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
    std::string micros = std::to_string(100 + counter);
    return std::to_string(secs) + "." + std::string(6 - micros.size(), '0') + micros;
}

std::string permalink(const std::string& ts) {
    std::string digits = ts;
    std::erase(digits, '.');
    return channel_url + "/p" + digits;
}

}  // namespace

SampleIncident make_sample_incident(core::Time now) {
    const core::Time start = std::chrono::floor<std::chrono::minutes>(now) - 2h;

    SampleIncident sample;
    core::Incident& i = sample.incident;
    i.title = "Checkout latency above SLO";
    i.severity = core::Severity::sev2;
    i.state = core::State::closed;
    i.team = "payments";
    i.channel_id = channel_id;
    i.channel_name = "inc-demo-checkout-latency";
    i.channel_url = channel_url;
    i.declared_by = alice;
    i.declared_at = start;
    i.resolved_at = start + 95min;
    i.closed_at = start + 110min;
    i.roles[core::Role::commander] = alice;
    i.roles[core::Role::scribe] = bob;
    i.postmortem.due_at = *i.closed_at + std::chrono::days{7};
    i.summary_ts = slack_ts(start, 1);

    int counter = 0;
    auto add = [&](std::chrono::minutes after, EntryKind kind, const core::Actor& who,
                   std::string text, bool key_event = false) {
        core::Entry e;
        e.ts = slack_ts(start + after, ++counter);
        e.kind = kind;
        e.at = start + after + 150ms;
        e.actor = who;
        e.text = std::move(text);
        e.key_event = key_event;
        if (kind != EntryKind::declared && kind != EntryKind::bot_action)
            e.permalink = permalink(e.ts);
        sample.entries.push_back(std::move(e));
        return sample.entries.back().ts;
    };

    add(0min, EntryKind::declared, alice, "SEV2: Checkout latency above SLO");
    add(0min, EntryKind::bot_action, bot_user,
        "Created #inc-demo-checkout-latency, invited alice, bob, carol");
    add(1min, EntryKind::role, alice, "commander: alice");
    add(2min, EntryKind::role, alice, "scribe: bob");
    add(4min, EntryKind::message, bob,
        "p99 for POST /checkout is 4.2s for the last 5 minutes, normally 300ms");
    add(5min, EntryKind::impact, alice, "About 30% of checkouts time out; customers see errors",
        true);
    add(6min, EntryKind::system, alice, "payments-api", true);
    add(6min, EntryKind::system, alice, "orders-db", true);
    const auto deploy_ts =
        add(9min, EntryKind::message, carol,
            "payments-api v2.41 rolled out just before the alert; it adds a query per cart item");
    add(10min, EntryKind::reaction, bob, ":pushpin:", true);
    sample.entries.back().refers_to = deploy_ts;
    add(12min, EntryKind::action, alice, "Roll back payments-api to v2.40 (carol)", true);
    add(14min, EntryKind::status_update, alice,
        "Rolling back payments-api; checkout still degraded. Next update in 30 min.");
    add(31min, EntryKind::message, carol, "Rollback done; p99 back to 350ms");
    add(33min, EntryKind::severity, alice, "SEV2 -> SEV3");
    add(40min, EntryKind::note, bob, "Error budget for checkout burned 18% in this incident");
    add(95min, EntryKind::resolved, alice, "Mitigated by rolling back payments-api to v2.40");
    add(110min, EntryKind::closed, alice, "Closed; postmortem due in 7 days");
    i.severity = core::Severity::sev3;
    return sample;
}

}  // namespace incidentd::bot
