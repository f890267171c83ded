#include "bot/handlers/event_handler.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>

#include "bot/handlers/event_entries.hpp"
#include "bot/handlers/immediate_calls.hpp"
#include "bot/runtime/clock.hpp"
#include "bot/runtime/commit.hpp"
#include "bot/runtime/decision_settings.hpp"
#include "store/entries.hpp"
#include "store/events.hpp"
#include "store/incidents.hpp"

namespace incidentd::bot {
namespace {

struct Stored {
    EventOutcome outcome = EventOutcome::ignored;
    std::string incident;  // "INC-7" when recorded
};

}  // namespace

boost::asio::awaitable<slack::DeliveryAnswer> handle_event(Runtime& runtime,
                                                           const slack::EventCallback& callback,
                                                           const slack::DeliveryMeta& meta,
                                                           const std::string& request_id) {
    if (!runtime.workspace) {
        // Permalinks need the workspace's URL: Slack will deliver this again shortly.
        co_return slack::plain_answer(503, "not ready: auth.test has not succeeded yet");
    }
    if (const auto* home = std::get_if<slack::AppHomeOpenedEvent>(&callback.event)) {
        // Drawn after the ack: the Home tab is a view of what is stored, not something to record.
        if (home->tab == "home")
            boost::asio::co_spawn(co_await boost::asio::this_coro::executor,
                                  publish_home(runtime, home->user), boost::asio::detached);
        co_return slack::plain_answer(200, "");
    }
    const slack::Workspace workspace = *runtime.workspace;
    const core::Time received = now();
    const LiveConfigPtr live = runtime.live;
    // Translated once; whether a reaction marks a key event waits for the incident's team.
    auto translated = entry_for_event(callback, workspace, received);
    if (!translated) {
        runtime.metrics.count_event(EventOutcome::ignored);
        co_return slack::plain_answer(200, "");
    }
    const std::string channel = event_channel(callback.event);
    // An app's post names its author itself; users.info knows people, not bot ids.
    std::string actor_name = translated->entry.actor.name;
    if (actor_name.empty()) actor_name = co_await runtime.users.name(translated->entry.actor.id);
    const core::EntryKind kind = translated->entry.kind;

    Stored stored;
    try {
        stored = co_await commit(runtime.writer, [&](SQLite::Database& db) {
            const auto incident = store::find_incident_by_channel(db, channel);
            if (!incident) return Stored{EventOutcome::ignored, ""};
            if (!store::record_event_once(db, callback.event_id, received))
                return Stored{EventOutcome::duplicate, incident->id()};
            EventEntry entry = std::move(*translated);
            mark_key_event(entry, decision_settings(live->config, incident->team).key_event_emoji);
            if (!store::record_message_once(db, channel, entry.dedupe_ts,
                                            core::to_string(entry.entry.kind), received))
                return Stored{EventOutcome::duplicate, incident->id()};
            entry.entry.actor.name = actor_name;
            store::append_entry(db, incident->number, std::move(entry.entry));
            return Stored{EventOutcome::recorded, incident->id()};
        });
    } catch (const std::exception& e) {
        runtime.metrics.count_event(EventOutcome::failed);
        const store::WriteHealth health = runtime.writer.health();
        if (!health.writable) {
            // The store's failure is logged once, where it is noticed; each refused event is a
            // detail of it. 503: this replica cannot store now, Slack retries it.
            spdlog::debug("req={} event {} ({}): not stored, Slack will retry: {}", request_id,
                          callback.event_id, slack::event_type_name(callback.event), e.what());
            co_return slack::plain_answer(503, "not ready: the database cannot store");
        }
        spdlog::error("req={} event {} ({}): not stored, Slack will retry: {}", request_id,
                      callback.event_id, slack::event_type_name(callback.event), e.what());
        co_return slack::plain_answer(500, "storing the event failed");
    }
    runtime.metrics.count_event(stored.outcome);
    if (stored.outcome == EventOutcome::recorded)
        spdlog::debug("req={} {}: recorded {} (event {})", request_id, stored.incident,
                      core::to_string(kind), callback.event_id);
    else if (stored.outcome == EventOutcome::duplicate)
        spdlog::info("req={} {}: event {} already recorded (retry {} {})", request_id,
                     stored.incident, callback.event_id, meta.retry_num, meta.retry_reason);
    co_return slack::plain_answer(200, "");
}

}  // namespace incidentd::bot
