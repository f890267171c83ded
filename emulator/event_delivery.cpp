// Per-channel delivery queues: one event in flight per channel, retried at Slack's delays (scaled
// by --retry-delays-ms) until the app acknowledges, asks for no retries, or 3 retries fail.
#include "emulator/event_delivery.hpp"

#include <cstdio>

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "emulator/app_manifest.hpp"
#include "emulator/slack_facts.hpp"
#include "slack/form.hpp"

namespace incidentd::emulator {

namespace asio = boost::asio;

namespace {

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string reason_for(const AppAnswer& answer) {
    switch (answer.outcome) {
        case AppOutcome::timeout:
            return std::string{facts::retry_reason::http_timeout};
        case AppOutcome::connection_failed:
            return std::string{facts::retry_reason::connection_failed};
        case AppOutcome::answered:
            return std::string{facts::retry_reason::http_error};
    }
    return "unknown_error";
}

// Slash command fields go as a form; interactions as one payload= field.
std::string form_body(const std::string& kind, const nlohmann::json& payload) {
    std::vector<std::pair<std::string, std::string>> fields;
    if (kind == "slash_command") {
        for (auto& [key, value] : payload.items()) {
            fields.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
        }
    } else {
        fields.emplace_back("payload", payload.dump());
    }
    return slack::encode_form(fields);
}

}  // namespace

EventDelivery::EventDelivery(asio::any_io_executor executor, Workspace& workspace,
                             const Options& options, SocketMode& socket_mode)
    : executor_(std::move(executor)),
      workspace_(workspace),
      options_(options),
      socket_mode_(socket_mode) {}

nlohmann::json EventDelivery::envelope(nlohmann::json event) {
    const auto& id = workspace_.identity();
    char event_id[32];
    std::snprintf(event_id, sizeof event_id, "Ev%010llu",
                  static_cast<unsigned long long>(++event_counter_));
    return {{"token", "emulator-verification-token"},
            {"team_id", id.team_id},
            {"api_app_id", id.app_id},
            {"event", std::move(event)},
            {"type", "event_callback"},
            {"event_id", event_id},
            {"event_time", unix_now()},
            {"authorizations",
             {{{"enterprise_id", nullptr},
               {"team_id", id.team_id},
               {"user_id", id.bot_user_id},
               {"is_bot", true},
               {"is_enterprise_install", false}}}},
            {"is_ext_shared_channel", false},
            {"event_context", "4-emulator-" + std::to_string(event_counter_)}};
}

void EventDelivery::publish(nlohmann::json event, const std::string& channel_id) {
    Channel* channel = workspace_.find_channel(channel_id);
    if (!channel || !channel->has_member(workspace_.identity().bot_user_id)) return;
    if (options_.manifest) {
        const std::string subscription = subscription_for(event);
        if (!options_.manifest->bot_events.contains(subscription)) {
            spdlog::debug("event {} in {} not delivered: the manifest does not subscribe to {}",
                          event.value("type", ""), channel_id, subscription);
            return;
        }
    }

    Delivery delivery;
    delivery.id = static_cast<int>(deliveries_.size()) + 1;
    delivery.kind = "event_callback";
    delivery.event_type = event.value("type", "");
    if (event.contains("subtype")) delivery.event_type += "/" + event.value("subtype", "");
    delivery.channel = channel_id;
    delivery.payload = envelope(std::move(event));
    delivery.event_id = delivery.payload["event_id"];
    deliveries_.push_back(std::move(delivery));
    queues_[channel_id].push_back(deliveries_.size() - 1);
    if (draining_.insert(channel_id).second) {
        asio::co_spawn(executor_, drain(channel_id), asio::detached);
    }
}

asio::awaitable<void> EventDelivery::drain(std::string channel) {
    auto& queue = queues_[channel];
    while (!queue.empty()) {
        Delivery& delivery = deliveries_[queue.front()];
        queue.pop_front();
        std::string reason;
        for (int retry = 0; retry <= facts::max_retries; ++retry) {
            if (retry > 0) {
                asio::steady_timer wait(executor_, options_.retry_delays.at(retry - 1));
                co_await wait.async_wait(asio::use_awaitable);
            }
            DeliveryAttempt result = co_await attempt(delivery, retry, reason);
            delivery.attempts.push_back(result);
            if (result.outcome == "ok") {
                delivery.state = "delivered";
                break;
            }
            if (result.outcome == "no_app") {
                delivery.state = "no_app";
                break;
            }
            if (result.outcome == "no_retry") {
                delivery.state = "no_retry";
                break;
            }
            reason = result.outcome;
            delivery.state = "failed";
        }
        spdlog::debug("delivery {} {} {} -> {}", delivery.id, delivery.event_id,
                      delivery.event_type, delivery.state);
    }
    draining_.erase(channel);
}

asio::awaitable<DeliveryAttempt> EventDelivery::attempt(Delivery& delivery, int retry_num,
                                                        std::string retry_reason) {
    DeliveryAttempt result;
    result.retry_num = retry_num;
    result.retry_reason = retry_reason;
    if (socket_mode_.connected()) {
        result.transport = "socket_mode";
        auto sent = co_await socket_mode_.send("events_api", delivery.payload, false, retry_num,
                                               retry_reason, options_.ack_timeout);
        result.outcome = sent.acked ? "ok" : std::string{facts::retry_reason::timeout};
        result.error = sent.error;
        result.elapsed = sent.elapsed;
        co_return result;
    }
    result.transport = "http";
    if (options_.request_url.empty()) {
        // A Socket Mode app between connections: Slack retries as for a failed connection, so
        // an app that reconnects within the retry schedule loses nothing.
        result.outcome = std::string{facts::retry_reason::connection_failed};
        result.error = "no Socket Mode connection (and no --request-url)";
        co_return result;
    }
    AppPost post = post_for_app("application/json", delivery.payload.dump());
    if (retry_num > 0) {
        post.headers = {{"X-Slack-Retry-Num", std::to_string(retry_num)},
                        {"X-Slack-Retry-Reason", retry_reason}};
    }
    AppAnswer answer = co_await post_to_app(std::move(post));
    result.status = answer.status;
    result.error = answer.error;
    result.elapsed = answer.elapsed;
    if (answer.ok()) {
        result.outcome = "ok";
    } else if (answer.no_retry) {
        result.outcome = "no_retry";
    } else {
        result.outcome = reason_for(answer);
    }
    co_return result;
}

AppPost EventDelivery::post_for_app(std::string content_type, std::string body) const {
    AppPost post;
    post.url = options_.request_url;
    post.content_type = std::move(content_type);
    post.body = std::move(body);
    post.signing_secret = options_.signing_secret;
    post.timeout = options_.ack_timeout;
    return post;
}

asio::awaitable<nlohmann::json> EventDelivery::verify_url() {
    const std::string challenge = "challenge-" + std::to_string(unix_now());
    Delivery delivery;
    delivery.id = static_cast<int>(deliveries_.size()) + 1;
    delivery.kind = "url_verification";
    delivery.event_type = "url_verification";
    delivery.payload = {{"token", "emulator-verification-token"},
                        {"challenge", challenge},
                        {"type", "url_verification"}};
    deliveries_.push_back(delivery);
    const std::size_t index = deliveries_.size() - 1;

    if (options_.request_url.empty()) {
        deliveries_[index].state = "no_app";
        co_return nlohmann::json{{"ok", false}, {"error", "no --request-url to verify"}};
    }
    AppPost post = post_for_app("application/json", delivery.payload.dump());
    AppAnswer answer = co_await post_to_app(std::move(post));

    // Slack accepts the challenge as plain text or as JSON {"challenge": ...}.
    bool echoed = answer.ok() && answer.body == challenge;
    if (answer.ok() && !echoed) {
        auto body = nlohmann::json::parse(answer.body, nullptr, false);
        echoed = body.is_object() && body.value("challenge", "") == challenge;
    }
    DeliveryAttempt attempt_record;
    attempt_record.transport = "http";
    attempt_record.status = answer.status;
    attempt_record.elapsed = answer.elapsed;
    attempt_record.error = answer.error;
    attempt_record.outcome = echoed ? "ok" : (answer.ok() ? "wrong_challenge" : reason_for(answer));
    deliveries_[index].attempts.push_back(attempt_record);
    deliveries_[index].state = echoed ? "delivered" : "failed";
    co_return nlohmann::json{{"ok", echoed},
                             {"status", answer.status},
                             {"answer", answer.body},
                             {"error", echoed ? "" : attempt_record.outcome + " " + answer.error}};
}

asio::awaitable<AppAnswer> EventDelivery::deliver_interaction(std::string kind,
                                                              nlohmann::json payload,
                                                              std::string channel_id) {
    Delivery delivery;
    delivery.id = static_cast<int>(deliveries_.size()) + 1;
    delivery.kind = kind;
    delivery.event_type =
        kind == "slash_command" ? payload.value("command", "") : payload.value("type", "");
    delivery.channel = channel_id;
    delivery.payload = payload;
    deliveries_.push_back(delivery);
    const std::size_t index = deliveries_.size() - 1;

    DeliveryAttempt record;
    AppAnswer answer;
    if (socket_mode_.connected()) {
        record.transport = "socket_mode";
        auto sent =
            co_await socket_mode_.send(kind == "slash_command" ? "slash_commands" : "interactive",
                                       payload, true, 0, "", options_.ack_timeout);
        answer.outcome = sent.acked ? AppOutcome::answered : AppOutcome::timeout;
        answer.status = sent.acked ? 200 : 0;
        answer.body = sent.payload.is_null() ? "" : sent.payload.dump();
        answer.content_type = "application/json";
        answer.error = sent.error;
        answer.elapsed = sent.elapsed;
    } else if (options_.request_url.empty()) {
        record.transport = "http";
        answer.error = "no --request-url and no Socket Mode connection";
    } else {
        record.transport = "http";
        AppPost post = post_for_app("application/x-www-form-urlencoded", form_body(kind, payload));
        answer = co_await post_to_app(std::move(post));
    }
    record.status = answer.status;
    record.error = answer.error;
    record.elapsed = answer.elapsed;
    record.outcome = answer.ok() ? "ok" : reason_for(answer);
    deliveries_[index].attempts.push_back(record);
    deliveries_[index].state = answer.ok() ? "delivered" : "failed";
    co_return answer;
}

nlohmann::json to_json(const Delivery& delivery) {
    auto attempts = nlohmann::json::array();
    for (const auto& a : delivery.attempts) {
        attempts.push_back({{"retry_num", a.retry_num},
                            {"retry_reason", a.retry_reason},
                            {"transport", a.transport},
                            {"outcome", a.outcome},
                            {"status", a.status},
                            {"error", a.error},
                            {"elapsed_ms", a.elapsed.count()}});
    }
    return {{"id", delivery.id},
            {"kind", delivery.kind},
            {"event_id", delivery.event_id},
            {"event_type", delivery.event_type},
            {"channel", delivery.channel},
            {"state", delivery.state},
            {"attempts", attempts},
            {"payload", delivery.payload}};
}

nlohmann::json EventDelivery::to_json() const {
    auto list = nlohmann::json::array();
    for (const auto& d : deliveries_)
        list.push_back(emulator::to_json(d));
    return list;
}

}  // namespace incidentd::emulator
