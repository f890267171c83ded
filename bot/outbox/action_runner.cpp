#include "bot/outbox/action_runner.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <spdlog/spdlog.h>

#include "bot/runtime/clock.hpp"
#include "bot/runtime/commit.hpp"
#include "bot/runtime/team_rendering.hpp"
#include "bot/ui/summary_message.hpp"
#include "config/team_settings.hpp"
#include "core/channel_name.hpp"
#include "render/postmortem.hpp"
#include "render/record.hpp"
#include "slack/retry_policy.hpp"
#include "slack/web_api_bookmarks.hpp"
#include "slack/web_api_chat.hpp"
#include "slack/web_api_conversations.hpp"
#include "slack/web_api_files.hpp"
#include "slack/web_api_pins.hpp"
#include "store/entries.hpp"
#include "store/incidents.hpp"
#include "store/seals.hpp"

namespace incidentd::bot {
namespace {

using boost::asio::awaitable;
using nlohmann::json;
namespace bookmarks = slack::bookmarks;
namespace chat = slack::chat;
namespace conversations = slack::conversations;
namespace files = slack::files;
namespace pins = slack::pins;

constexpr int max_channel_suffix = 50;  // inc-…-2 … inc-…-50, then give up
constexpr int max_list_pages = 20;      // conversations.list pages searched for our channel
constexpr int history_window = 100;     // messages searched for an earlier post of ours

// Errors that the same call will meet again however often it is retried.
bool is_permanent(std::string_view code) {
    static constexpr std::array<std::string_view, 20> codes{"channel_not_found",
                                                            "is_archived",
                                                            "not_in_channel",
                                                            "invalid_blocks",
                                                            "too_many_blocks",
                                                            "msg_too_long",
                                                            "no_text",
                                                            "invalid_arguments",
                                                            "invalid_name",
                                                            "invalid_name_specials",
                                                            "invalid_name_punctuation",
                                                            "invalid_name_maxlength",
                                                            "invalid_name_required",
                                                            "cant_archive_general",
                                                            "restricted_action",
                                                            "user_not_in_channel",
                                                            "message_not_found",
                                                            "cant_update_message",
                                                            "invalid_arg_name",
                                                            "too_long"};
    return std::ranges::find(codes, code) != codes.end();
}

ActionOutcome failed(const slack::ApiError& error) {
    ActionOutcome out;
    out.error = error;
    out.permanent = error.kind == slack::ErrorKind::slack && is_permanent(error.code);
    return out;
}

ActionOutcome failed_before_slack(std::string code, std::string message) {
    ActionOutcome out;
    out.error = slack::ApiError{slack::ErrorKind::slack, std::move(code), 0, std::move(message),
                                std::nullopt};
    out.permanent = true;
    return out;
}

// Every post carries its action's idempotency key as message metadata, so a post whose answer
// was lost (a crash, a timeout) is found instead of posted twice.
chat::MessageMetadata post_metadata(const std::string& key) {
    chat::MessageMetadata metadata;
    metadata.event_type = "incidentd_action";
    metadata.event_payload = {{"key", key}};
    return metadata;
}
bool carries_key(const conversations::Message& message, const std::string& key) {
    return message.metadata && message.metadata->event_type == "incidentd_action" &&
           slack::lenient_string(message.metadata->event_payload, "key") == key;
}

class Runner {
  public:
    Runner(Runtime& runtime, const core::Incident& incident)
        : rt_(runtime), incident_(incident), ws_(*runtime.workspace) {}

    awaitable<ActionOutcome> operator()(const core::CreateChannel& a) {
        if (!incident_.channel_id.empty()) co_return ActionOutcome{};
        for (int n = 1; n <= max_channel_suffix; ++n) {
            const std::string name = n == 1 ? a.name : core::with_suffix(a.name, n);
            conversations::CreateArgs args{.name = name, .is_private = a.is_private};
            const auto created = co_await conversations::create(rt_.slack, std::move(args));
            if (created) co_return adopt(created->channel);
            if (created.code() != conversations::CreateError::name_taken)
                co_return failed(created.error());
            // Ours, from an attempt whose answer was lost? Then it is this incident's channel.
            // Unknown (the list cannot be read now): trying the next name could make a second.
            const auto own = co_await find_own_channel(name, a.is_private);
            if (own.failure) co_return failed(*own.failure);
            if (own.found) co_return adopt(*own.found);
        }
        co_return failed_before_slack(
            "name_taken", "every name up to -" + std::to_string(max_channel_suffix) + " is taken");
    }

    awaitable<ActionOutcome> operator()(const core::InviteUsers& a) {
        if (incident_.channel_id.empty()) co_return no_channel();
        std::vector<std::string> invited;
        std::vector<std::string> refused;
        for (const std::string& user : a.user_ids) {
            if (user == ws_.bot_user_id) continue;
            conversations::InviteArgs args{.channel = incident_.channel_id, .users = {user}};
            const auto answer = co_await conversations::invite(rt_.slack, std::move(args));
            if (answer) {
                invited.push_back(co_await who(user));
                continue;
            }
            using enum conversations::InviteError;
            switch (answer.code()) {
                case already_in_channel:
                case cant_invite_self:
                    break;
                case user_not_found:
                case cant_invite:
                case user_is_restricted:
                case user_disabled:
                    refused.push_back(user + " (" + answer.error().code + ")");
                    break;
                case other:  // the whole list again later: invites are idempotent
                    co_return failed(answer.error());
            }
        }
        ActionOutcome out;
        if (!invited.empty()) out.note = "Invited " + joined(invited) + " to the channel";
        if (!refused.empty())
            out.note +=
                (out.note.empty() ? "" : "; ") + std::string("could not invite ") + joined(refused);
        out.result = {{"invited", invited}, {"refused", refused}};
        co_return out;
    }

    awaitable<ActionOutcome> operator()(const core::SetTopic& a) {
        if (incident_.channel_id.empty()) co_return no_channel();
        conversations::SetTopicArgs args{.channel = incident_.channel_id, .topic = a.text};
        const auto answer = co_await conversations::set_topic(rt_.slack, std::move(args));
        if (!answer) co_return failed(answer.error());
        ActionOutcome out;
        out.note = "Set the channel topic: " + a.text;
        co_return out;
    }

    awaitable<ActionOutcome> operator()(const core::PostSummary& a) {
        if (incident_.channel_id.empty()) co_return no_channel();
        ActionOutcome out;
        std::string ts = incident_.summary_ts;
        if (ts.empty()) {
            const SummaryMessage summary =
                summary_message(incident_, now(), record_hint(), close_terms());
            const auto earlier = co_await find_own_post(a.key, incident_.channel_id, std::nullopt);
            if (earlier.failure) co_return failed(*earlier.failure);
            ts = earlier.found;
            if (ts.empty()) {
                chat::PostMessageArgs args{.channel = incident_.channel_id,
                                           .text = summary.text,
                                           .blocks = summary.blocks,
                                           .unfurl_links = false,
                                           .metadata = post_metadata(a.key)};
                const auto posted = co_await chat::post_message(rt_.slack, std::move(args));
                if (!posted) co_return failed(posted.error());
                ts = posted->ts;
            }
            // Kept even if pinning fails below: the retry then only pins.
            out.patch.summary_ts = ts;
        }
        pins::AddArgs pin{.channel = incident_.channel_id, .timestamp = ts};
        const auto pinned = co_await pins::add(rt_.slack, std::move(pin));
        if (!pinned && pinned.code() != pins::AddError::already_pinned) {
            ActionOutcome failure = failed(pinned.error());
            failure.patch = out.patch;
            co_return failure;
        }
        out.note = "Posted and pinned the incident summary; its thread is the incident thread";
        out.ts = ts;
        out.result = {{"ts", ts}};
        co_return out;
    }

    awaitable<ActionOutcome> operator()(const core::UpdateSummary&) {
        if (incident_.channel_id.empty() || incident_.summary_ts.empty())
            co_return ActionOutcome{};  // PostSummary, still queued, renders the current state
        const SummaryMessage summary =
            summary_message(incident_, now(), record_hint(), close_terms());
        chat::UpdateArgs args{.channel = incident_.channel_id,
                              .ts = incident_.summary_ts,
                              .text = summary.text,
                              .blocks = summary.blocks};
        const auto updated = co_await chat::update(rt_.slack, std::move(args));
        if (!updated) co_return failed(updated.error());
        ActionOutcome out;
        out.note = "Updated the pinned summary";
        co_return out;
    }

    awaitable<ActionOutcome> operator()(const core::PostMessage& a) {
        std::string channel;
        std::optional<std::string> thread;
        switch (a.to) {
            case core::Destination::incident_channel:
                channel = incident_.channel_id;
                break;
            case core::Destination::incident_thread:
                channel = incident_.channel_id;
                if (!incident_.summary_ts.empty()) thread = incident_.summary_ts;
                break;
            case core::Destination::announce_channel:
            case core::Destination::direct_message:
                // A user id as the channel posts in the app's direct messages with that user.
                channel = a.channel_id;
                break;
        }
        if (channel.empty()) co_return no_channel();
        ActionOutcome out;
        std::string ts;
        // A direct message cannot be read back without the im: scopes; after a lost answer it
        // may come twice, which is better than a reminder never sent.
        if (a.to != core::Destination::direct_message) {
            const auto earlier = co_await find_own_post(a.key, channel, thread);
            if (earlier.failure) co_return failed(*earlier.failure);
            ts = earlier.found;
        }
        if (ts.empty()) {
            chat::PostMessageArgs args{.channel = channel,
                                       .text = a.text,
                                       .thread_ts = thread,
                                       .unfurl_links = false,
                                       .metadata = post_metadata(a.key)};
            auto posted = co_await chat::post_message(rt_.slack, args);
            if (!posted && posted.code() == chat::PostMessageError::not_in_channel &&
                a.to == core::Destination::announce_channel) {
                // The announcement channel is the operator's; join it once (channels:join).
                conversations::JoinArgs join{.channel = channel};
                const auto joined = co_await conversations::join(rt_.slack, std::move(join));
                if (!joined) co_return failed(joined.error());
                posted = co_await chat::post_message(rt_.slack, std::move(args));
            }
            if (!posted) co_return failed(posted.error());
            ts = posted->ts;
        }
        out.result = {{"channel", channel}, {"ts", ts}};
        switch (a.to) {
            case core::Destination::incident_channel:
                out.note = "Posted in the channel: " + a.text;
                out.ts = ts;
                break;
            case core::Destination::incident_thread:
                out.note = "Posted in the incident thread: " + a.text;
                out.ts = ts;
                break;
            case core::Destination::announce_channel:
                out.note = "Announced in <#" + channel + ">: " + a.text;
                break;
            case core::Destination::direct_message:
                out.note = "Sent " + co_await who(channel) + " a direct message: " + a.text;
                break;
        }
        co_return out;
    }

    awaitable<ActionOutcome> operator()(const core::PostSeal& a) {
        if (incident_.channel_id.empty()) co_return no_channel();
        // Before the summary exists there is no thread; calls of one incident run in order, so
        // this waits only when posting the summary was given up, and then goes to the channel.
        std::optional<std::string> thread;
        if (!incident_.summary_ts.empty()) thread = incident_.summary_ts;
        const auto earlier = co_await find_own_post(a.key, incident_.channel_id, thread);
        if (earlier.failure) co_return failed(*earlier.failure);
        std::string ts = earlier.found;
        if (ts.empty()) {
            chat::PostMessageArgs args{.channel = incident_.channel_id,
                                       .text = a.text,
                                       .thread_ts = thread,
                                       .unfurl_links = false,
                                       .metadata = post_metadata(a.key)};
            const auto posted = co_await chat::post_message(rt_.slack, std::move(args));
            if (!posted) co_return failed(posted.error());
            ts = posted->ts;
        }
        ActionOutcome out;
        out.result = {{"channel", incident_.channel_id}, {"ts", ts}};
        out.ts = ts;
        out.seal_posted = a.seal;
        co_return out;
    }

    awaitable<ActionOutcome> operator()(const core::PostEphemeral& a) {
        chat::PostEphemeralArgs args{.channel = a.channel_id, .user = a.user_id, .text = a.text};
        const auto answer = co_await chat::post_ephemeral(rt_.slack, std::move(args));
        // Only the person would have seen it; if they cannot, there is nothing to retry.
        if (!answer && !is_permanent(answer.error().code)) co_return failed(answer.error());
        co_return ActionOutcome{};
    }

    awaitable<ActionOutcome> operator()(const core::ArchiveChannel&) {
        if (incident_.channel_id.empty()) co_return no_channel();
        conversations::ArchiveArgs args{.channel = incident_.channel_id};
        const auto answer = co_await conversations::archive(rt_.slack, std::move(args));
        if (!answer && answer.code() != conversations::ArchiveError::already_archived)
            co_return failed(answer.error());
        ActionOutcome out;
        out.note = "Archived the channel";
        co_return out;
    }

    awaitable<ActionOutcome> operator()(const core::UploadDocuments& a) {
        if (incident_.channel_id.empty()) co_return no_channel();
        const LiveConfigPtr live = rt_.live;
        const TeamRendering& rendering = live->rendering_for(incident_.team);
        if (!rendering.templates.templates)
            co_return failed_before_slack("templates", rendering.templates.error);
        render::RenderOptions options = rendering.options;
        if (!incident_.summary_ts.empty())
            options.record_url = slack::permalink(ws_, incident_.channel_id, incident_.summary_ts);
        const auto number = incident_.number;
        // The seals too: the documents show the latest (at close, the close seal, made first).
        const auto stored = co_await commit(rt_.writer, [number](SQLite::Database& db) {
            return std::pair{store::entries_for_export(db, number), store::seals_only(db, number)};
        });
        const std::vector<core::Entry>& entries = stored.first;
        const std::vector<core::Seal>& seals = stored.second;

        struct Document {
            std::string filename;
            std::string title;
            std::string content;
        };
        std::vector<Document> documents;
        if (a.record)
            documents.push_back({upload_filename(a, "incident-record"),
                                 incident_.id() + " incident record",
                                 render::render_record(incident_, entries, options,
                                                       *rendering.templates.templates, seals)});
        if (a.postmortem)
            documents.push_back({upload_filename(a, "postmortem-draft"),
                                 incident_.id() + " postmortem draft",
                                 render::render_postmortem(incident_, entries, options,
                                                           *rendering.templates.templates, seals)});
        // A retry after a crash or a lost answer skips what already reached the thread.
        const auto shared = co_await files_in_thread();
        if (shared.failure) co_return failed(*shared.failure);
        std::vector<std::string> uploaded;
        json shared_files = json::array();
        for (const Document& d : documents) {
            if (shared.found.contains(d.filename)) {
                uploaded.push_back(d.filename);
                continue;
            }
            files::ShareArgs share{.filename = d.filename,
                                   .content = d.content,
                                   .title = d.title,
                                   .channel_id = incident_.channel_id,
                                   .thread_ts = incident_.summary_ts};
            const auto answer = co_await files::share(rt_.slack, std::move(share));
            if (!answer) co_return failed(answer.error());
            uploaded.push_back(d.filename);
            shared_files.push_back(answer->files);
        }
        ActionOutcome out;
        out.note = "Posted " + joined(uploaded) + " to the incident thread";
        out.result = {{"files", shared_files}};
        co_return out;
    }

    awaitable<ActionOutcome> operator()(const core::Bookmark& a) {
        if (incident_.channel_id.empty()) co_return no_channel();
        const auto earlier = co_await find_own_bookmark(a);
        if (earlier.failure) co_return failed(*earlier.failure);
        if (earlier.found.empty()) {
            bookmarks::AddArgs args{
                .channel_id = incident_.channel_id, .title = a.title, .link = a.url};
            const auto answer = co_await bookmarks::add(rt_.slack, std::move(args));
            if (!answer) co_return failed(answer.error());
        }
        ActionOutcome out;
        out.note = "Bookmarked " + a.title + ": " + a.url;
        co_return out;
    }

  private:
    static std::string joined(const std::vector<std::string>& items) {
        std::string out;
        for (const auto& item : items)
            out += (out.empty() ? "" : ", ") + item;
        return out;
    }

    ActionOutcome no_channel() const {
        return failed_before_slack("no_channel",
                                   incident_.id() + " has no channel: creating it did not succeed");
    }

    // Each upload's files are named for the action that posts them ("INC-7-postmortem-draft-
    // 1a2b3c4d.md"; people see the title): a retry finds its own files in the thread, and a
    // second close or a repost posts new ones instead of taking the earlier ones for its own.
    std::string upload_filename(const core::UploadDocuments& a, std::string_view document) const {
        std::uint32_t fnv = 2166136261u;  // FNV-1a: stable across builds, unlike std::hash
        for (unsigned char c : a.key)
            fnv = (fnv ^ c) * 16777619u;
        return incident_.id() + "-" + std::string(document) + "-" + fmt::format("{:08x}", fnv) +
               ".md";
    }

    // Where the record is: this channel while it runs; from close on, also the record file in
    // this message's thread.
    std::string record_hint() const {
        const std::string exported = "`incidentd export " + incident_.id() + "`";
        if (incident_.state == core::State::closed || incident_.state == core::State::archived)
            return "Record: the incident record file in this thread, or " + exported;
        return "Record: this channel, or " + exported;
    }
    // What the Close button's confirmation promises: the incident's team settings.
    CloseTerms close_terms() const {
        const config::IncidentSettings settings =
            config::settings_for_team_or_default(rt_.live->config, incident_.team).incidents;
        return CloseTerms{settings.archive_after, settings.postmortem_due};
    }

    awaitable<std::string> who(const std::string& user_id) {
        const std::string name = co_await rt_.users.name(user_id);
        co_return name.empty() ? user_id : name + " (" + user_id + ")";
    }

    ActionOutcome adopt(const conversations::Channel& channel) {
        ActionOutcome out;
        const std::string& id = channel.id;
        const std::string& name = channel.name;
        if (id.empty()) return failed_before_slack("invalid_response", "the channel has no id");
        out.patch.channel_id = id;
        out.patch.channel_name = name;
        out.patch.channel_url = ws_.url + "archives/" + id;
        out.note = "Created the channel #" + name;
        out.result = {{"channel", id}, {"name", name}};
        return out;
    }

    // What a look-up for an earlier attempt's effect found (a ts, a bookmark id, a channel, the
    // files in the thread), or the failure that leaves it unknown. Then the action is tried again
    // later rather than done blind: its answer may have been lost after Slack carried it out.
    template <class T>
    struct Lookup {
        T found{};
        std::optional<slack::ApiError> failure;
    };

    // A channel named `name` that incidentd created for this incident and no other incident has.
    awaitable<Lookup<std::optional<conversations::Channel>>> find_own_channel(
        const std::string& name, bool is_private) {
        using Found = Lookup<std::optional<conversations::Channel>>;
        const auto found = [this](std::optional<conversations::Channel> channel) {
            const bool present = channel.has_value();
            return looked_up(LookedFor::channel, std::move(channel), present);
        };
        const auto declared = std::chrono::duration_cast<std::chrono::seconds>(
                                  incident_.declared_at.time_since_epoch())
                                  .count();
        std::string cursor;
        for (int page = 0; page < max_list_pages; ++page) {
            conversations::ListArgs args{.types = is_private ? "private_channel" : "public_channel",
                                         .exclude_archived = true,
                                         .limit = 1000};
            if (!cursor.empty()) args.cursor = cursor;
            const auto listed = co_await conversations::list(rt_.slack, std::move(args));
            // A permanent failure: not ours to find, and the next name is tried.
            if (!listed) co_return Found{std::nullopt, unknown(LookedFor::channel, listed)};
            for (const conversations::Channel& channel : listed->channels) {
                if (channel.name != name) continue;
                if (channel.creator != ws_.bot_user_id) co_return found(std::nullopt);
                if (channel.created < declared - 1) co_return found(std::nullopt);
                const std::string id = channel.id;
                const auto owner = co_await commit(rt_.writer, [&id](SQLite::Database& db) {
                    return store::find_incident_by_channel(db, id).value_or(core::Incident{});
                });
                if (owner.number != 0 && owner.number != incident_.number)
                    co_return found(std::nullopt);
                co_return found(channel);
            }
            cursor = listed->next_cursor;
            if (cursor.empty()) break;
        }
        co_return found(std::nullopt);
    }

    // A look-up that failed: unknown if it may pass (the action waits for it); if it never will
    // (no access to that history, a scope not granted) the action goes ahead without it, since
    // refusing for good would lose the post, and the log says how to make the look-up possible.
    template <class Answer>
    std::optional<slack::ApiError> unknown(LookedFor effect, const Answer& answer) {
        const slack::ApiError& error = answer.error();
        if (slack::is_transient(error)) {
            rt_.metrics.count_lookup(effect, LookupOutcome::failed);
            return error;
        }
        rt_.metrics.count_lookup(effect, LookupOutcome::unavailable);
        if (answer.code() == Answer::ErrorCode::missing_scope)
            spdlog::warn(
                "{}: cannot look for an earlier {} before repeating it ({}); update the "
                "app from the manifest in deploy/ and reinstall it to the workspace",
                incident_.id(), method_of(effect), error.message);
        return std::nullopt;
    }
    template <class T>
    Lookup<T> looked_up(LookedFor effect, T found, bool present) {
        rt_.metrics.count_lookup(effect, present ? LookupOutcome::found : LookupOutcome::absent);
        return Lookup<T>{std::move(found), std::nullopt};
    }
    Lookup<std::string> looked_up(LookedFor effect, std::string found) {
        const bool present = !found.empty();
        return looked_up(effect, std::move(found), present);
    }

    // The ts of the message incidentd posted for `key` among the latest in `channel` (or in
    // `thread`).
    awaitable<Lookup<std::string>> find_own_post(const std::string& key, std::string channel,
                                                 std::optional<std::string> thread) {
        const auto found = co_await latest_messages(std::move(channel), std::move(thread));
        if (!found) co_return Lookup<std::string>{"", unknown(LookedFor::post, found)};
        for (const conversations::Message& m : found->messages)
            if (carries_key(m, key)) co_return looked_up(LookedFor::post, m.ts);
        co_return looked_up(LookedFor::post, "");
    }

    // The latest messages in `channel`, or in `thread` there, with their metadata.
    awaitable<conversations::MessagesResult> latest_messages(std::string channel,
                                                             std::optional<std::string> thread) {
        if (thread) {
            conversations::RepliesArgs args{.channel = std::move(channel),
                                            .ts = std::move(*thread),
                                            .limit = history_window,
                                            .include_all_metadata = true};
            co_return co_await conversations::replies(rt_.slack, std::move(args));
        }
        conversations::HistoryArgs args{
            .channel = std::move(channel), .limit = history_window, .include_all_metadata = true};
        co_return co_await conversations::history(rt_.slack, std::move(args));
    }

    // The id of the channel's bookmark with this title and link, if incidentd added it already.
    awaitable<Lookup<std::string>> find_own_bookmark(const core::Bookmark& a) {
        bookmarks::ListArgs args{.channel_id = incident_.channel_id};
        const auto listed = co_await bookmarks::list(rt_.slack, std::move(args));
        if (!listed) co_return Lookup<std::string>{"", unknown(LookedFor::bookmark, listed)};
        for (const bookmarks::Bookmark& b : listed->bookmarks)
            if (b.link == a.url && b.title == a.title)
                co_return looked_up(LookedFor::bookmark, b.id);
        co_return looked_up(LookedFor::bookmark, "");
    }

    // Names of the files incidentd already shared in the incident thread.
    awaitable<Lookup<std::set<std::string>>> files_in_thread() {
        using Files = Lookup<std::set<std::string>>;
        if (incident_.summary_ts.empty()) co_return Files{};
        conversations::RepliesArgs args{
            .channel = incident_.channel_id, .ts = incident_.summary_ts, .limit = 1000};
        const auto found = co_await conversations::replies(rt_.slack, std::move(args));
        if (!found) co_return Files{{}, unknown(LookedFor::upload, found)};
        std::set<std::string> names;
        for (const conversations::Message& m : found->messages)
            for (const conversations::File& f : m.files)
                names.insert(f.name);
        const bool present = !names.empty();
        co_return looked_up(LookedFor::upload, std::move(names), present);
    }

    Runtime& rt_;
    const core::Incident& incident_;
    slack::Workspace ws_;
};

}  // namespace

void IncidentPatch::apply_to(core::Incident& incident) const {
    if (channel_id) incident.channel_id = *channel_id;
    if (channel_name) incident.channel_name = *channel_name;
    if (channel_url) incident.channel_url = *channel_url;
    if (summary_ts) incident.summary_ts = *summary_ts;
}

awaitable<ActionOutcome> run_action(Runtime& runtime, const core::Incident& incident,
                                    const core::Action& action) {
    Runner runner(runtime, incident);
    // One member coroutine per action type (GCC 12 mishandles lambdas co_spawned in coroutines).
    co_return co_await std::visit([&](const auto& a) { return runner(a); }, action);
}

}  // namespace incidentd::bot
