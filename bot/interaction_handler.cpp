#include "bot/interaction_handler.hpp"

#include <spdlog/spdlog.h>

#include "bot/clock.hpp"
#include "bot/commit.hpp"
#include "bot/decision_writes.hpp"
#include "store/entries.hpp"
#include "store/events.hpp"
#include "store/incidents.hpp"

namespace incidentd::bot {
namespace {

std::string describe(const slack::Interaction& interaction) {
    std::string text = "Interaction " + interaction.type_name;
    for (const slack::BlockAction& action : interaction.actions) {
        text += ": " + action.action_id;
        const std::string& value = action.value.empty() ? action.selected_value : action.value;
        if (!value.empty()) text += " = " + value;
    }
    if (!interaction.callback_id.empty()) text += " (" + interaction.callback_id + ")";
    return text;
}

slack::Reply empty_ok() {
    return slack::Reply{};
}

}  // namespace

boost::asio::awaitable<slack::Reply> handle_interaction(Runtime& runtime,
                                                        const slack::Interaction& interaction,
                                                        const std::string& request_id) {
    if (interaction.channel_id.empty()) co_return empty_ok();  // views, global shortcuts
    const core::Time received = now();
    std::string name = co_await runtime.users.name(interaction.user.id);
    if (name.empty()) name = interaction.user.username;

    core::Entry entry;
    entry.kind = core::EntryKind::command;
    entry.at = received;
    entry.actor = {interaction.user.id, name};
    entry.text = describe(interaction);
    entry.payload = interaction.raw;
    // One click is one entry, however often the payload is delivered.
    const std::string key =
        interaction.trigger_id.empty() ? "" : "interaction:" + interaction.trigger_id;
    try {
        co_await commit(runtime.writer, [&](SQLite::Database& db) {
            const auto incident = store::find_incident_by_channel(db, interaction.channel_id);
            if (!incident) return false;
            if (!key.empty() && !store::record_event_once(db, key, received)) return false;
            store::append_entry(db, incident->number, with_own_ts(entry));
            return true;
        });
    } catch (const std::exception& e) {
        spdlog::error("req={} interaction {} in {}: not stored: {}", request_id,
                      interaction.type_name, interaction.channel_id, e.what());
        slack::Reply failed;
        failed.status = 500;
        co_return failed;
    }
    co_return empty_ok();
}

}  // namespace incidentd::bot
