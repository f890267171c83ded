// Trigger ids, views and response_urls with Slack's lifetimes.
#include "emulator/interactions.hpp"

#include <algorithm>
#include <cstdio>

#include <openssl/rand.h>

#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {

std::string Interactions::random_hex(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    RAND_bytes(raw.data(), static_cast<int>(raw.size()));
    std::string hex;
    for (unsigned char b : raw) {
        char pair[3];
        std::snprintf(pair, sizeof pair, "%02x", b);
        hex += pair;
    }
    return hex;
}

std::string Interactions::new_trigger(std::string user) {
    const std::string id = std::to_string(++counter_) + ".1000000001." + random_hex(16);
    triggers_[id] = Trigger{std::move(user), Clock::now(), false};
    return id;
}

TriggerCheck Interactions::use_trigger(std::string_view trigger_id, std::string* user) {
    auto it = triggers_.find(trigger_id);
    if (it == triggers_.end() || it->second.used) return TriggerCheck::invalid;
    it->second.used = true;
    if (Clock::now() - it->second.created > facts::trigger_lifetime) return TriggerCheck::expired;
    if (user) *user = it->second.user;
    return TriggerCheck::valid;
}

View& Interactions::open_view(std::string type, std::string user, nlohmann::json view) {
    View v;
    v.id = "V" + std::to_string(++counter_);
    v.type = std::move(type);
    v.user = std::move(user);
    v.root_view_id = v.type == "modal" ? v.id : "";
    v.view = std::move(view);
    auto [it, inserted] = views_.emplace(v.id, std::move(v));
    rehash(it->second);
    return it->second;
}

View* Interactions::push_view(const View& top, nlohmann::json view) {
    if (stack_of(top).size() >= facts::block_kit::view_stack_max) return nullptr;
    const std::string root = top.root_view_id;
    const std::string previous = top.id;
    View& pushed = open_view("modal", top.user, std::move(view));
    pushed.root_view_id = root;
    pushed.previous_view_id = previous;
    return &pushed;
}

std::vector<View*> Interactions::stack_of(const View& view) {
    std::vector<View*> stack;
    if (view.root_view_id.empty()) return stack;
    for (auto& [id, other] : views_) {
        if (other.root_view_id == view.root_view_id) stack.push_back(&other);
    }
    // Ids grow with time, so the first opened comes first; compare numerically.
    std::ranges::sort(stack, [](const View* a, const View* b) {
        return a->id.size() != b->id.size() ? a->id.size() < b->id.size() : a->id < b->id;
    });
    return stack;
}

void Interactions::close_view(std::string_view id, bool whole_stack) {
    View* view = find_view(id);
    if (!view) return;
    if (whole_stack && !view->root_view_id.empty()) {
        const std::string root = view->root_view_id;
        std::erase_if(views_, [&](const auto& entry) { return entry.second.root_view_id == root; });
        return;
    }
    views_.erase(views_.find(id));
}

View* Interactions::find_view(std::string_view id) {
    auto it = views_.find(id);
    return it == views_.end() ? nullptr : &it->second;
}

View* Interactions::home_view(std::string_view user) {
    for (auto& [id, view] : views_) {
        if (view.type == "home" && view.user == user) return &view;
    }
    return nullptr;
}

void Interactions::rehash(View& view) {
    view.hash = std::to_string(++counter_) + "." + random_hex(4);
}

ResponseUrl& Interactions::new_response_url(std::string channel, std::string user,
                                            std::string message_ts) {
    ResponseUrl url;
    url.id = std::to_string(++counter_) + "/" + random_hex(12);
    url.channel = std::move(channel);
    url.user = std::move(user);
    url.message_ts = std::move(message_ts);
    url.created = Clock::now();
    auto [it, inserted] = response_urls_.emplace(url.id, std::move(url));
    return it->second;
}

ResponseUrl* Interactions::find_response_url(std::string_view id) {
    auto it = response_urls_.find(id);
    return it == response_urls_.end() ? nullptr : &it->second;
}

nlohmann::json to_json(const View& view) {
    nlohmann::json out = view.view.is_object() ? view.view : nlohmann::json::object();
    out["id"] = view.id;
    out["type"] = view.type;
    out["hash"] = view.hash;
    out["user"] = view.user;
    // Slack always sends these, empty when the app set none.
    out["callback_id"] = view.view.value("callback_id", "");
    out["private_metadata"] = view.view.value("private_metadata", "");
    out["external_id"] = view.view.value("external_id", "");
    out["root_view_id"] =
        view.root_view_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(view.root_view_id);
    out["previous_view_id"] = view.previous_view_id.empty() ? nlohmann::json(nullptr)
                                                            : nlohmann::json(view.previous_view_id);
    out["state"] = {{"values", view.values}};
    return out;
}

nlohmann::json to_json(const ResponseUrl& url) {
    return {{"id", url.id},
            {"channel", url.channel},
            {"user", url.user},
            {"posts", url.posts},
            {"received", url.received}};
}

}  // namespace incidentd::emulator
