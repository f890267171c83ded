#include "bot/handlers/interaction_handler.hpp"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "bot/handlers/command_runner.hpp"
#include "bot/handlers/command_text.hpp"
#include "bot/handlers/immediate_calls.hpp"
#include "bot/outbox/decision_writes.hpp"
#include "bot/runtime/clock.hpp"
#include "bot/runtime/commit.hpp"
#include "bot/ui/block_ids.hpp"
#include "bot/ui/declare_modal.hpp"
#include "bot/ui/field_errors.hpp"
#include "bot/ui/incident_modals.hpp"
#include "config/team_settings.hpp"
#include "store/entries.hpp"
#include "store/events.hpp"
#include "store/incidents.hpp"

namespace incidentd::bot {
namespace {

namespace ids = block_ids;
using nlohmann::json;
using Awaitable = boost::asio::awaitable<slack::DeliveryAnswer>;

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

slack::DeliveryAnswer empty_ok() {
    return slack::DeliveryAnswer{};
}

slack::DeliveryAnswer json_reply(const json& body) {
    slack::DeliveryAnswer reply;
    reply.content_type = "application/json";
    reply.body = body.dump();
    return reply;
}

// What the record keeps of the payload: everything but its credentials (the verification token
// and the response_url, which lets anyone post as the app for 30 minutes).
std::string recorded_payload(const slack::Interaction& interaction) {
    json payload = json::parse(interaction.raw, nullptr, false);
    if (!payload.is_object()) return "";
    payload.erase("token");
    payload.erase("response_url");
    payload.erase("response_urls");
    return payload.dump();
}

// The incident whose channel `channel_id` is, read through the writer so it is what the last
// commit left.
boost::asio::awaitable<std::optional<core::Incident>> incident_in(Runtime& runtime,
                                                                  std::string channel_id) {
    // By reference: GCC 12 destroys a by-value capture of a lambda made inside a co_await twice.
    co_return co_await commit(runtime.writer, [&channel_id](SQLite::Database& db) {
        return store::find_incident_by_channel(db, channel_id);
    });
}

// A button or a form that means `command`: run exactly as the typed command would be, recorded
// with the `/incident …` text it stands for. The person sees the answer privately.
boost::asio::awaitable<void> run_as_command(Runtime& runtime, const slack::Interaction& interaction,
                                            core::Command command, std::string channel_id,
                                            core::Actor actor, std::string how,
                                            const std::string& request_id) {
    CommandRequest request;
    request.text = "/incident " + command_text(command) + " (" + how + ")";
    request.parsed = std::move(command);
    request.actor = actor;
    request.channel_id = channel_id;
    request.request_id = interaction.trigger_id;
    if (!interaction.trigger_id.empty())
        request.dedupe_key = "interaction:" + interaction.trigger_id;
    request.payload = recorded_payload(interaction);
    const CommandOutcome outcome = co_await run_command(runtime, std::move(request), request_id);
    std::string answer = outcome.decision.reply.text;
    if (outcome.failed)
        answer = "incidentd could not store this, so nothing changed. Please try again.";
    if (outcome.repeated || answer.empty() || channel_id.empty()) co_return;
    co_await post_ephemeral(runtime, channel_id, actor.id, answer);
}

Awaitable on_shortcut(Runtime& runtime, const slack::Interaction& interaction) {
    if (interaction.callback_id == ids::declare_shortcut) {
        DeclareModalOptions options;
        options.known_teams = config::team_names(runtime.live->config);
        co_await open_view(runtime, interaction.trigger_id, declare_modal(options));
    }
    co_return empty_ok();
}

// Records a click incidentd has no meaning for, in an incident channel, as what someone did there.
Awaitable record_click(Runtime& runtime, const slack::Interaction& interaction,
                       const core::Actor& actor, const std::string& request_id) {
    if (interaction.channel_id.empty()) co_return empty_ok();
    core::Entry entry;
    entry.kind = core::EntryKind::command;
    entry.at = now();
    entry.actor = actor;
    entry.text = describe(interaction);
    entry.payload = recorded_payload(interaction);
    // One click is one entry, however often the payload is delivered.
    const std::string key =
        interaction.trigger_id.empty() ? "" : "interaction:" + interaction.trigger_id;
    const core::Time received = entry.at;
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
        slack::DeliveryAnswer failed;
        failed.status = 500;
        co_return failed;
    }
    co_return empty_ok();
}

Awaitable on_button(Runtime& runtime, const slack::Interaction& interaction,
                    const core::Actor& actor, const std::string& request_id) {
    const slack::BlockAction& action = interaction.actions.front();
    const std::string channel = action.value.empty() ? interaction.channel_id : action.value;
    const std::string& id = action.action_id;
    if (id == ids::resolve_button || id == ids::close_button || id == ids::reopen_button) {
        core::Command command = core::Resolve{};
        if (id == ids::close_button) command = core::Close{};
        if (id == ids::reopen_button) command = core::Reopen{};
        co_await run_as_command(runtime, interaction, std::move(command), channel, actor,
                                "the summary's button", request_id);
        co_return empty_ok();
    }
    if (id == ids::update_button || id == ids::severity_button || id == ids::role_button) {
        const auto incident = co_await incident_in(runtime, channel);
        if (!incident) co_return empty_ok();
        const json view = id == ids::update_button     ? update_status_modal(*incident)
                          : id == ids::severity_button ? change_severity_modal(*incident)
                                                       : assign_role_modal(*incident);
        co_await open_view(runtime, interaction.trigger_id, view);
        co_return empty_ok();
    }
    co_return co_await record_click(runtime, interaction, actor, request_id);
}

Awaitable on_submission(Runtime& runtime, const slack::Interaction& interaction,
                        const core::Actor& actor, const std::string& request_id) {
    const slack::ModalView& view = *interaction.view;
    if (view.callback_id == ids::declare_modal) {
        auto read = read_declare_submission(view, config::team_names(runtime.live->config));
        if (const auto* errors = std::get_if<FieldErrors>(&read))
            co_return json_reply(field_errors_response(*errors));
        auto& form = std::get<DeclareForm>(read);
        co_await run_as_command(runtime, interaction, std::move(form.declare), form.origin_channel,
                                actor, "the declare form", request_id);
        co_return empty_ok();  // closes the modal
    }
    if (auto read = read_incident_modal_submission(view)) {
        if (const auto* errors = std::get_if<FieldErrors>(&*read))
            co_return json_reply(field_errors_response(*errors));
        auto& modal = std::get<ModalCommand>(*read);
        co_await run_as_command(runtime, interaction, std::move(modal.command), modal.channel_id,
                                actor, "a form from the summary", request_id);
    }
    co_return empty_ok();
}

}  // namespace

boost::asio::awaitable<slack::DeliveryAnswer> handle_interaction(
    Runtime& runtime, const slack::Interaction& interaction, const std::string& request_id) {
    if (!runtime.workspace) co_return slack::plain_answer(503, "not ready");
    std::string name = co_await runtime.users.name(interaction.user.id);
    if (name.empty()) name = interaction.user.username;
    const core::Actor actor{interaction.user.id, name};

    using enum slack::InteractionType;
    switch (interaction.type) {
        case shortcut:
            co_return co_await on_shortcut(runtime, interaction);
        case block_actions:
            if (interaction.actions.empty()) break;
            co_return co_await on_button(runtime, interaction, actor, request_id);
        case view_submission:
            if (!interaction.view) break;
            co_return co_await on_submission(runtime, interaction, actor, request_id);
        default:
            break;
    }
    co_return co_await record_click(runtime, interaction, actor, request_id);
}

}  // namespace incidentd::bot
