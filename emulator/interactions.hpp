// Interaction state: trigger_ids (3 s, single use), open modals and Home tabs, and response_urls
// (5 posts within 30 minutes) with every post they received.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace incidentd::emulator {

struct View {
    std::string id;
    std::string type;  // "modal" or "home"
    std::string user;
    std::string hash;
    std::string root_view_id;      // the first modal of its stack (itself when it is the first)
    std::string previous_view_id;  // the modal it was pushed onto, "" for the first
    nlohmann::json view;           // as the app sent it
    nlohmann::json values = nlohmann::json::object();  // filled in by the control API's submit
};

struct ResponseUrl {
    std::string id;
    std::string channel;
    std::string user;
    std::string message_ts;  // the message an action came from, for replace_original
    std::chrono::steady_clock::time_point created;
    int posts = 0;
    std::vector<nlohmann::json> received;
};

enum class TriggerCheck { valid, invalid, expired };

class Interactions {
  public:
    using Clock = std::chrono::steady_clock;

    std::string new_trigger(std::string user);
    // Uses the trigger up: a second use is invalid, a late one expired.
    TriggerCheck use_trigger(std::string_view trigger_id, std::string* user = nullptr);

    View& open_view(std::string type, std::string user, nlohmann::json view);
    // Pushes a modal onto `top`'s stack; nullptr when the stack already holds
    // facts::block_kit::view_stack_max views.
    View* push_view(const View& top, nlohmann::json view);
    // The modals of `view`'s stack, first to top.
    std::vector<View*> stack_of(const View& view);
    // Closes the modal (Slack's client shows the one under it again); `whole_stack` closes every
    // modal of its stack (response_action "clear").
    void close_view(std::string_view id, bool whole_stack);
    View* find_view(std::string_view id);
    View* home_view(std::string_view user);
    void rehash(View& view);
    const std::map<std::string, View, std::less<>>& views() const { return views_; }

    ResponseUrl& new_response_url(std::string channel, std::string user, std::string message_ts);
    ResponseUrl* find_response_url(std::string_view id);
    const std::map<std::string, ResponseUrl, std::less<>>& response_urls() const {
        return response_urls_;
    }

  private:
    struct Trigger {
        std::string user;
        Clock::time_point created;
        bool used = false;
    };
    std::string random_hex(std::size_t bytes);

    std::map<std::string, Trigger, std::less<>> triggers_;
    std::map<std::string, View, std::less<>> views_;
    std::map<std::string, ResponseUrl, std::less<>> response_urls_;
    std::uint64_t counter_ = 1000;
};

nlohmann::json to_json(const View& view);
nlohmann::json to_json(const ResponseUrl& url);

}  // namespace incidentd::emulator
