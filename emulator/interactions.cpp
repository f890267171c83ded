// Trigger ids, views and response_urls with Slack's lifetimes.
#include "emulator/interactions.hpp"

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
    v.view = std::move(view);
    auto [it, inserted] = views_.emplace(v.id, std::move(v));
    rehash(it->second);
    return it->second;
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
