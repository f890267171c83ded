// The rules that turn each Slack event shape into a record entry, one visitor overload per shape.
#include "bot/handlers/event_entries.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <iterator>
#include <utility>
#include <variant>

#include "core/hash_chain.hpp"

namespace incidentd::bot {
namespace {

using core::EntryKind;
using slack::MessageSubtype;

// Message subtypes whose content the record holds in another form: the join/leave notices
// duplicate member_joined_channel / member_left_channel, the pin notices pin_added / pin_removed,
// the archive notices channel_archive (the record's `archived` entry comes from the archive job), and message_replied is a hidden copy of a
// thread parent carrying nothing new.
constexpr std::array<std::string_view, 5> duplicate_notices{
    "pinned_item", "unpinned_item", "channel_archive", "channel_unarchive", "message_replied"};

}  // namespace

std::span<const std::string_view> notice_subtypes() {
    return duplicate_notices;
}

namespace {

bool is_duplicate_notice(const slack::MessageEvent& m) {
    switch (m.subtype) {
        case MessageSubtype::channel_join:
        case MessageSubtype::channel_leave:
            return true;
        case MessageSubtype::other:
            return std::ranges::find(duplicate_notices, m.subtype_name) != duplicate_notices.end();
        default:
            return false;
    }
}

std::string_view without_colons(std::string_view emoji) {
    if (emoji.size() >= 2 && emoji.front() == ':' && emoji.back() == ':')
        emoji = emoji.substr(1, emoji.size() - 2);
    return emoji;
}

std::string first_non_empty(std::initializer_list<std::string_view> candidates) {
    for (std::string_view c : candidates)
        if (!c.empty()) return std::string(c);
    return {};
}

// The parent ts of a message that sits in a thread, or nothing for a top-level message.
std::optional<std::string> reply_parent(const std::optional<std::string>& thread_ts,
                                        std::string_view ts) {
    if (thread_ts && *thread_ts != ts) return thread_ts;
    return std::nullopt;
}

// One line per file, so the record says which file was shared: "title (name): permalink".
std::string file_share_text(const slack::MessageEvent& m) {
    std::string text = m.content;
    for (const slack::SlackFile& f : m.files) {
        std::string label = first_non_empty({f.title, f.name, f.id});
        if (!f.title.empty() && !f.name.empty() && f.title != f.name) label += " (" + f.name + ")";
        if (!f.permalink.empty()) label += ": " + f.permalink;
        if (!text.empty()) text += '\n';
        text += label;
    }
    return text;
}

class Translator {
  public:
    Translator(const slack::EventCallback& callback, const slack::Workspace& ws, core::Time now)
        : callback_(callback), ws_(ws), now_(now) {}

    std::optional<EventEntry> operator()(const slack::MessageEvent& m) const {
        if (is_duplicate_notice(m) || by_incidentd(m.user, m.bot_id)) return std::nullopt;
        const std::optional<std::string> parent = reply_parent(m.thread_ts, m.ts);
        EventEntry e = entry(message_kind(m), m.ts);
        e.entry.actor = author(m);
        e.entry.text = m.subtype == MessageSubtype::file_share      ? file_share_text(m)
                       : m.subtype == MessageSubtype::channel_topic ? m.topic
                                                                    : m.content;
        e.entry.thread_ts = parent;
        // A reply also sent to the channel sits in the channel: its link opens it there.
        e.entry.permalink =
            slack::permalink(ws_, m.channel, m.ts,
                             m.subtype == MessageSubtype::thread_broadcast ? std::nullopt : parent);
        return e;
    }

    std::optional<EventEntry> operator()(const slack::MessageChangedEvent& c) const {
        if (!c.is_edit()) return std::nullopt;
        const slack::MessageSnapshot& message = c.message;
        if (by_incidentd(message.user, message.bot_id) || by_incidentd(c.edited_by, ""))
            return std::nullopt;
        // Slack has sent edits whose message lacks its ts; the previous version still names it.
        const std::string original_ts =
            first_non_empty({message.ts, c.previous ? std::string_view(c.previous->ts) : ""});
        EventEntry e = entry(EntryKind::edited, first_non_empty({c.edited_ts, c.ts, c.event_ts}));
        // An edit is what changed: which message, when it was edited, and its new content. Slack
        // sends the same message_changed again, under a new event ts, when a link in it unfurls
        // or its reply count changes; those name the same edit and add nothing.
        e.dedupe_ts =
            original_ts + " " + c.edited_ts + " " + core::sha256_hex(message.content).substr(0, 32);
        e.entry.actor.id = first_non_empty({c.edited_by, message.user, message.bot_id});
        e.entry.text = message.content;
        if (!original_ts.empty()) e.entry.refers_to = original_ts;
        const std::optional<std::string> parent = reply_parent(message.thread_ts, original_ts);
        e.entry.thread_ts = parent;
        e.entry.permalink = slack::permalink(ws_, c.channel, original_ts, parent);
        return e;
    }

    std::optional<EventEntry> operator()(const slack::MessageDeletedEvent& d) const {
        std::optional<std::string> parent;
        if (d.previous) {
            if (by_incidentd(d.previous->user, d.previous->bot_id)) return std::nullopt;
            parent = reply_parent(d.previous->thread_ts, d.deleted_ts);
        }
        EventEntry e = entry(EntryKind::deleted, first_non_empty({d.ts, d.event_ts}));
        e.dedupe_ts = d.deleted_ts;  // a message is deleted once: its ts alone names the deletion
        if (d.previous) {
            e.entry.actor.id = first_non_empty({d.previous->user, d.previous->bot_id});
            e.entry.text = d.previous->content;
        }
        e.entry.refers_to = d.deleted_ts;
        e.entry.thread_ts = parent;
        e.entry.permalink = slack::permalink(ws_, d.channel, d.deleted_ts, parent);
        return e;
    }

    std::optional<EventEntry> operator()(const slack::ReactionEvent& r) const {
        if (by_incidentd(r.user, "")) return std::nullopt;
        const std::string emoji = ":" + r.reaction + ":";
        const std::string target = r.item_ts.empty() ? "a " + r.item_type : r.item_ts;
        EventEntry e = entry(EntryKind::reaction, r.event_ts);
        e.dedupe_ts +=
            std::string(r.added ? " +" : " -") + r.reaction + " " + r.user + " " + r.item_ts;
        e.entry.actor.id = r.user;
        e.entry.text = r.added ? emoji + " on " + target : "removed " + emoji + " from " + target;
        if (r.added) e.added_reaction = r.reaction;
        if (!r.item_ts.empty()) e.entry.refers_to = r.item_ts;
        e.entry.permalink = slack::permalink(ws_, r.item_channel, r.item_ts);
        return e;
    }

    std::optional<EventEntry> operator()(const slack::PinEvent& p) const {
        if (by_incidentd(p.user, "")) return std::nullopt;
        const std::string item_ts = p.message ? p.message->ts : "";
        const std::string target = item_ts.empty() ? "a " + p.item_type : item_ts;
        EventEntry e = entry(EntryKind::pinned, p.event_ts);
        e.dedupe_ts += std::string(p.added ? " +" : " -") + p.user + " " + item_ts;
        e.entry.actor.id = p.user;
        e.entry.text = (p.added ? "pinned " : "unpinned ") + target;
        e.entry.key_event = p.added;
        if (!item_ts.empty()) {
            e.entry.refers_to = item_ts;
            e.entry.permalink = slack::permalink(ws_, p.channel, item_ts,
                                                 reply_parent(p.message->thread_ts, item_ts));
        }
        return e;
    }

    std::optional<EventEntry> operator()(const slack::MemberEvent& m) const {
        if (by_incidentd(m.user, "")) return std::nullopt;
        EventEntry e =
            entry(m.joined ? EntryKind::member_joined : EntryKind::member_left, m.event_ts);
        e.dedupe_ts += " " + m.user;
        e.entry.actor.id = m.user;
        e.entry.text = m.user + (m.joined ? " joined" : " left");
        if (m.joined && !m.inviter.empty()) e.entry.text += " (invited by " + m.inviter + ")";
        return e;
    }

    std::optional<EventEntry> operator()(const slack::ChannelArchiveEvent&) const {
        return std::nullopt;
    }
    std::optional<EventEntry> operator()(const slack::AppHomeOpenedEvent&) const {
        return std::nullopt;
    }
    std::optional<EventEntry> operator()(const slack::UnknownEvent&) const { return std::nullopt; }

  private:
    // Empty ids never match: a workspace not yet identified must not hide everyone's posts.
    bool by_incidentd(std::string_view user, std::string_view bot_id) const {
        return (!user.empty() && user == ws_.bot_user_id) ||
               (!bot_id.empty() && bot_id == ws_.bot_id);
    }

    // A reply also sent to the channel is a message of the channel that keeps its thread_ts; a
    // thread_reply is seen in its thread only.
    static EntryKind message_kind(const slack::MessageEvent& m) {
        if (m.subtype == MessageSubtype::file_share) return EntryKind::file;
        if (m.subtype == MessageSubtype::channel_topic) return EntryKind::topic;
        if (m.subtype == MessageSubtype::thread_broadcast) return EntryKind::message;
        return m.is_thread_reply() ? EntryKind::thread_reply : EntryKind::message;
    }

    // Who Slack shows as the author. An app's post shows the name it posted under, else its app's
    // name, never its bot id; a file comment is its commenter's; a person from another
    // organisation (Slack Connect) carries the name their profile showed. A name left "" is
    // looked up by id after the translation.
    static core::Actor author(const slack::MessageEvent& m) {
        core::Actor actor;
        if (m.subtype == MessageSubtype::file_comment) {
            actor.id = first_non_empty({m.comment_user, m.user});
            return actor;
        }
        actor.id = first_non_empty({m.user, m.bot_id, m.username});
        actor.name =
            m.from_bot() ? first_non_empty({m.username, m.bot_name, m.user_name}) : m.user_name;
        return actor;
    }

    // An entry at `ts`, or at the delivery's event_time when the event carries no ts of its own;
    // its dedupe key starts as that ts, which callers extend with what tells a happening apart.
    EventEntry entry(EntryKind kind, std::string_view ts) const {
        EventEntry e;
        e.entry.kind = kind;
        e.entry.ts =
            ts.empty() ? std::to_string(callback_.event_time) + ".000000" : std::string(ts);
        e.entry.at = now_;
        e.entry.payload = callback_.raw;
        e.dedupe_ts = e.entry.ts;
        return e;
    }

    const slack::EventCallback& callback_;
    const slack::Workspace& ws_;
    core::Time now_;
};

}  // namespace

std::string event_channel(const slack::SlackEvent& event) {
    struct Channel {
        std::string operator()(const slack::MessageEvent& e) const { return e.channel; }
        std::string operator()(const slack::MessageChangedEvent& e) const { return e.channel; }
        std::string operator()(const slack::MessageDeletedEvent& e) const { return e.channel; }
        std::string operator()(const slack::ReactionEvent& e) const { return e.item_channel; }
        std::string operator()(const slack::PinEvent& e) const { return e.channel; }
        std::string operator()(const slack::MemberEvent& e) const { return e.channel; }
        std::string operator()(const slack::ChannelArchiveEvent& e) const { return e.channel; }
        // The app's own DM with the user, never an incident channel.
        std::string operator()(const slack::AppHomeOpenedEvent&) const { return {}; }
        std::string operator()(const slack::UnknownEvent&) const { return {}; }
    };
    return std::visit(Channel{}, event);
}

std::optional<EventEntry> entry_for_event(const slack::EventCallback& callback,
                                          const slack::Workspace& ws, core::Time now) {
    return std::visit(Translator(callback, ws, now), callback.event);
}

void mark_key_event(EventEntry& e, std::string_view key_event_emoji) {
    if (!e.added_reaction.empty() && e.added_reaction == without_colons(key_event_emoji))
        e.entry.key_event = true;
}

std::optional<EventEntry> entry_for_event(const slack::EventCallback& callback,
                                          const slack::Workspace& ws,
                                          std::string_view key_event_emoji, core::Time now) {
    auto e = entry_for_event(callback, ws, now);
    if (e) mark_key_event(*e, key_event_emoji);
    return e;
}

}  // namespace incidentd::bot
