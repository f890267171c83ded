// The Socket Mode client against the real Slack emulator: envelopes reach the handler and are
// acked after it answers, refreshes and drops lose nothing, bad tokens retry on a bounded
// schedule, and wss:// is verified against [slack] ca_file.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <signal.h>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "slack/socket_mode_client.hpp"
#include "support/emulator.hpp"
#include "support/eventually.hpp"
#include "support/test_ca.hpp"

using namespace incidentd::slack;
using incidentd::test::Emulator;
using incidentd::test::eventually;
using incidentd::test::HttpOptions;
using incidentd::test::TestCa;
using namespace std::chrono_literals;
namespace asio = boost::asio;

namespace {

struct Delivery {
    Inbound inbound;
    DeliveryMeta meta;
};

// Stores what the handler gets; answers with `answer` (200 by default).
class Recorder {
  public:
    std::function<DeliveryAnswer(const Inbound&, const DeliveryMeta&)> answer =
        [](const Inbound&, const DeliveryMeta&) { return DeliveryAnswer{}; };

    InboundHandler handler() {
        return [this](Inbound inbound, DeliveryMeta meta) {
            return record(this, std::move(inbound), std::move(meta));
        };
    }
    std::vector<Delivery> deliveries() const {
        std::lock_guard lock(mutex_);
        return deliveries_;
    }
    // Message texts received, in arrival order.
    std::vector<std::string> texts() const {
        std::vector<std::string> out;
        for (const auto& d : deliveries()) {
            if (auto* callback = std::get_if<EventCallback>(&d.inbound)) {
                if (auto* message = std::get_if<MessageEvent>(&callback->event))
                    out.push_back(message->text);
            }
        }
        return out;
    }

  private:
    static asio::awaitable<DeliveryAnswer> record(Recorder* self, Inbound inbound,
                                                  DeliveryMeta meta) {
        DeliveryAnswer reply = self->answer(inbound, meta);
        std::lock_guard lock(self->mutex_);
        self->deliveries_.push_back({std::move(inbound), std::move(meta)});
        co_return reply;
    }

    mutable std::mutex mutex_;
    std::vector<Delivery> deliveries_;
};

// apps.connections.open is Tier 1 (one a minute) in the emulator as at Slack; the client honours
// the 429's Retry-After, which would hold every reconnect in these tests for a minute.
std::vector<std::string> unlimited(std::vector<std::string> args = {}) {
    args.insert(args.end(), {"--rate-limits", "off"});
    return args;
}

SocketModeOptions fast_options(const Emulator& emulator) {
    SocketModeOptions options;
    options.api_url = emulator.url() + "/api/";
    options.hello_timeout = 2s;
    options.initial_backoff = 50ms;
    options.max_backoff = 200ms;
    options.stop_grace = 1s;
    return options;
}

// A client running on its own io_context thread, as incidentd serve runs it.
class RunningClient {
  public:
    RunningClient(SocketModeOptions options, InboundHandler handler,
                  std::string token = Emulator::app_token)
        : client_(io_.get_executor(), std::move(token), std::move(options), std::move(handler)) {
        client_.start();
        thread_ = std::thread([this] { io_.run(); });
    }
    ~RunningClient() {
        work_.reset();
        io_.stop();
        thread_.join();
    }
    SocketModeStats stats() const { return client_.stats(); }
    // Awaits stop() on the client's thread; whether it completed in time.
    bool stop(std::chrono::milliseconds limit = 10s) {
        auto done = asio::co_spawn(io_, client_.stop(), asio::use_future);
        return done.wait_for(limit) == std::future_status::ready;
    }

  private:
    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> work_{io_.get_executor()};
    SocketModeClient client_;
    std::thread thread_;
};

std::size_t log_count(const nlohmann::json& socket_mode, const std::string& key) {
    std::size_t n = 0;
    for (const auto& entry : socket_mode["log"])
        n += entry.contains(key) ? 1 : 0;
    return n;
}

void say(const Emulator& emulator, const std::string& text) {
    emulator.post("messages", {{"user", "alice"}, {"channel", "incidents"}, {"text", text}});
}

bool connected(const RunningClient& client, std::uint64_t connects = 1) {
    return eventually(
        [&] { return client.stats().connected && client.stats().connects >= connects; });
}

// Captures what the client logs, for checking what it says (and never says).
class LogCapture {
  public:
    LogCapture()
        : sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(1000)),
          previous_(spdlog::default_logger()) {
        spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink_));
    }
    ~LogCapture() { spdlog::set_default_logger(previous_); }
    std::string text() const {
        std::string out;
        for (const auto& line : sink_->last_formatted())
            out += line;
        return out;
    }

  private:
    std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
    std::shared_ptr<spdlog::logger> previous_;
};

}  // namespace

TEST_CASE("events arrive through the handler and are acknowledged after it answers") {
    Emulator emulator(unlimited());
    Recorder recorder;
    RunningClient client(fast_options(emulator), recorder.handler());
    REQUIRE(connected(client));

    say(emulator, "first over socket mode");
    REQUIRE(eventually([&] { return recorder.texts().size() == 1; }));
    CHECK(recorder.texts()[0] == "first over socket mode");
    CHECK(recorder.deliveries()[0].meta.retry_num == 0);

    auto deliveries = emulator.poll("deliveries", [](const nlohmann::json& d) {
        return !d["deliveries"].empty() && d["deliveries"][0]["state"] == "delivered";
    });
    CHECK(deliveries["deliveries"][0]["state"] == "delivered");
    CHECK(deliveries["deliveries"][0]["attempts"][0]["transport"] == "socket_mode");
    CHECK(log_count(emulator.get("socket_mode"), "acked") == 1);

    REQUIRE(eventually([&] { return client.stats().acks == 1; }));
    const auto stats = client.stats();
    CHECK(stats.envelopes == 1);
    CHECK(stats.open_connections == 1);
    CHECK(stats.unacked == 0);
    std::uint64_t latencies = 0;
    for (auto n : stats.ack_latency_buckets)
        latencies += n;
    CHECK(latencies == 1);
    CHECK(client.stop());
}

TEST_CASE("an envelope the handler does not answer 2xx is not acked and its redelivery is") {
    Emulator emulator(unlimited({"--ack-timeout-ms", "300", "--retry-delays-ms", "0,50,50"}));
    Recorder recorder;
    std::atomic<int> calls{0};
    recorder.answer = [&](const Inbound&, const DeliveryMeta&) {
        return ++calls == 1 ? DeliveryAnswer{500, "text/plain", "the store failed", {}}
                            : DeliveryAnswer{};
    };
    RunningClient client(fast_options(emulator), recorder.handler());
    REQUIRE(connected(client));

    say(emulator, "store me twice");
    REQUIRE(eventually([&] { return recorder.deliveries().size() == 2; }));
    const auto deliveries = recorder.deliveries();
    CHECK(deliveries[1].meta.retry_num == 1);
    CHECK(deliveries[1].meta.retry_reason == "timeout");
    CHECK(std::get<EventCallback>(deliveries[0].inbound).event_id ==
          std::get<EventCallback>(deliveries[1].inbound).event_id);

    auto state = emulator.poll("deliveries", [](const nlohmann::json& d) {
        return !d["deliveries"].empty() && d["deliveries"][0]["state"] == "delivered";
    });
    CHECK(state["deliveries"][0]["attempts"].size() == 2);
    CHECK(log_count(emulator.get("socket_mode"), "acked") == 1);
    CHECK(client.stats().unacked == 1);
    CHECK(client.stop());
}

TEST_CASE("a slash command's reply body comes back to Slack in the ack") {
    Emulator emulator(unlimited());
    Recorder recorder;
    recorder.answer = [](const Inbound&, const DeliveryMeta&) {
        return DeliveryAnswer{200, "application/json", R"({"text":"Declaring INC-1…"})", {}};
    };
    RunningClient client(fast_options(emulator), recorder.handler());
    REQUIRE(connected(client));

    auto result = emulator.post("slash", {{"user", "carol"},
                                          {"channel", "incidents"},
                                          {"command", "/incident"},
                                          {"text", "declare sev2 checkout"}});
    CHECK(result["ok"] == true);
    CHECK(result["answer"]["text"] == "Declaring INC-1…");
    const auto deliveries = recorder.deliveries();
    REQUIRE(deliveries.size() == 1);
    REQUIRE(std::holds_alternative<SlashCommand>(deliveries[0].inbound));
    const auto& command = std::get<SlashCommand>(deliveries[0].inbound);
    CHECK(command.command == "/incident");
    CHECK(command.text == "declare sev2 checkout");
    CHECK(command.user_id == "U0CAROL");
    CHECK(client.stop());
}

TEST_CASE("on refresh_requested the new link is up before the old one closes, losing nothing") {
    Emulator emulator(unlimited({"--ack-timeout-ms", "500", "--retry-delays-ms", "0,50,50"}));
    LogCapture logs;
    Recorder recorder;
    RunningClient client(fast_options(emulator), recorder.handler());
    REQUIRE(connected(client));

    for (int i = 0; i < 5; ++i)
        say(emulator, "before " + std::to_string(i));
    emulator.post("socket_mode/disconnect", {{"reason", "refresh_requested"}});
    for (int i = 0; i < 5; ++i)
        say(emulator, "after " + std::to_string(i));

    REQUIRE(connected(client, 2));
    REQUIRE(eventually([&] { return client.stats().open_connections == 1; }));
    REQUIRE(eventually([&] {
        auto texts = recorder.texts();
        std::set<std::string> distinct(texts.begin(), texts.end());
        return distinct.size() == 10;
    }));

    // The emulator's log: the second link connected before the first one went away.
    const auto log = emulator.get("socket_mode")["log"];
    int first = 0, second_connected_at = -1, first_disconnected_at = -1;
    for (int i = 0; i < static_cast<int>(log.size()); ++i) {
        if (log[i].contains("connected")) {
            if (first == 0) {
                first = log[i]["connected"];
            } else if (second_connected_at < 0) {
                second_connected_at = i;
            }
        }
        if (log[i].contains("disconnected") && log[i]["disconnected"] == first)
            first_disconnected_at = i;
    }
    REQUIRE(second_connected_at >= 0);
    REQUIRE(first_disconnected_at >= 0);
    CHECK(second_connected_at < first_disconnected_at);
    CHECK(emulator.get("socket_mode")["connections"].size() == 1);
    const auto stats = client.stats();
    CHECK(stats.reconnects == 1);
    CHECK(stats.disconnect_requests == 1);
    CHECK(client.stop());
    // Each link's URL is logged without its single-use ticket.
    CHECK_THAT(logs.text(), Catch::Contains("/link/") && !Catch::Contains("ticket"));
}

TEST_CASE(
    "after a refresh, envelopes Slack still sends on the old link are handled and acked there") {
    // No redelivery within the test: an envelope a link dropped would wait out the ack timeout.
    Emulator emulator(unlimited({"--ack-timeout-ms", "20000"}));
    Recorder recorder;
    auto options = fast_options(emulator);
    options.stop_grace = 2s;  // how long the replaced link goes on serving
    RunningClient client(options, recorder.handler());
    REQUIRE(connected(client));
    const int old_link = emulator.get("socket_mode")["connections"][0].get<int>();

    emulator.post("socket_mode/disconnect", {{"reason", "refresh_requested"}});
    REQUIRE(connected(client, 2));
    // Like Slack, the emulator spreads envelopes over every open link of the app.
    for (int i = 0; i < 6; ++i)
        say(emulator, "during the refresh " + std::to_string(i));
    REQUIRE(eventually([&] { return recorder.texts().size() == 6; }, 3s));

    int acked_on_old_link = 0;
    const nlohmann::json state = emulator.get("socket_mode");  // kept: the loop reads into it
    for (const auto& entry : state["log"])
        if (entry.contains("acked") && entry["connection"] == old_link) ++acked_on_old_link;
    INFO("old link " << old_link << ": " << state.dump());
    CHECK(acked_on_old_link >= 1);
    const auto deliveries = emulator.poll("deliveries", [](const nlohmann::json& d) {
        for (const auto& delivery : d["deliveries"])
            if (delivery["state"] != "delivered") return false;
        return d["deliveries"].size() == 6;
    });
    for (const auto& delivery : deliveries["deliveries"])
        CHECK(delivery["attempts"].size() == 1);
    // Its grace over, the replaced link closes.
    REQUIRE(eventually([&] { return client.stats().open_connections == 1; }, 5s));
    CHECK(emulator.get("socket_mode")["connections"].size() == 1);
    CHECK(client.stop());
}

TEST_CASE("a link dropped without a close frame is replaced and events keep arriving") {
    Emulator emulator(unlimited({"--ack-timeout-ms", "500", "--retry-delays-ms", "0,50,50"}));
    Recorder recorder;
    RunningClient client(fast_options(emulator), recorder.handler());
    REQUIRE(connected(client));

    emulator.post("socket_mode/drop", nlohmann::json::object());
    REQUIRE(connected(client, 2));
    CHECK(client.stats().reconnects == 1);
    say(emulator, "after the drop");
    REQUIRE(eventually([&] { return recorder.texts().size() == 1; }));
    CHECK(emulator.get("socket_mode")["connections"].size() == 1);
    CHECK(client.stop());
}

TEST_CASE("a link that answers no ping is found dead, dropped and replaced") {
    Emulator emulator(unlimited());
    LogCapture logs;
    Recorder recorder;
    auto options = fast_options(emulator);
    options.ping_interval = 100ms;
    options.pong_timeout = 100ms;
    RunningClient client(options, recorder.handler());
    REQUIRE(connected(client));

    SECTION("a healthy link lives through many ping rounds") {
        std::this_thread::sleep_for(700ms);
        CHECK(client.stats().connects == 1);
        CHECK(client.stats().open_connections == 1);
    }
    SECTION("a frozen peer keeps TCP open but sends no pong") {
        ::kill(emulator.process().pid(), SIGSTOP);
        const bool lost = eventually([&] { return client.stats().open_connections == 0; }, 2s);
        ::kill(emulator.process().pid(), SIGCONT);
        REQUIRE(lost);
        CHECK_THAT(logs.text(), Catch::Contains("dead link"));
        REQUIRE(connected(client, 2));
        CHECK(client.stats().reconnects == 1);
        say(emulator, "after the freeze");
        CHECK(eventually([&] { return recorder.texts().size() == 1; }));
    }
    CHECK(client.stop());
}

TEST_CASE("a wrong app token gives one clear error per attempt on a bounded schedule") {
    Emulator emulator(unlimited());
    LogCapture logs;
    Recorder recorder;
    std::string token;
    std::string code;
    SECTION("an unknown token") {
        token = "xapp-not-the-right-one";
        code = "invalid_auth";
    }
    SECTION("a bot token where the app token belongs") {
        token = Emulator::bot_token;
        code = "not_allowed_token_type";
    }
    auto options = fast_options(emulator);
    options.initial_backoff = 100ms;
    options.max_backoff = 400ms;
    {
        RunningClient client(options, recorder.handler(), token);
        std::this_thread::sleep_for(2s);
        CHECK_FALSE(client.stats().connected);
        CHECK(client.stop());
    }
    const auto calls = emulator.get("calls?method=apps.connections.open")["calls"];
    // Waits of 50–100, 100–200, then 200–400 ms: about 8 in 2 s, never a hot loop.
    CHECK(calls.size() >= 4);
    CHECK(calls.size() <= 14);
    for (const auto& call : calls)
        CHECK(call["answer"]["error"] == code);

    const std::string text = logs.text();
    CHECK_THAT(text, Catch::Contains(code) && Catch::Contains("check SLACK_APP_TOKEN"));
    CHECK_THAT(text, !Catch::Contains(token));
}

TEST_CASE("link_disabled stops the client from reconnecting") {
    Emulator emulator(unlimited());
    Recorder recorder;
    RunningClient client(fast_options(emulator), recorder.handler());
    REQUIRE(connected(client));
    emulator.post("socket_mode/disconnect", {{"reason", "link_disabled"}});
    REQUIRE(eventually([&] { return client.stats().open_connections == 0; }));
    std::this_thread::sleep_for(500ms);  // several backoffs' worth
    CHECK(client.stats().connects == 1);
    CHECK(emulator.get("calls?method=apps.connections.open")["calls"].size() == 1);
    CHECK(client.stop());
}

TEST_CASE("wss:// links verify the server against ca_file") {
    TestCa ca;
    Emulator emulator(unlimited({"--tls-cert", ca.cert_pem(), "--tls-key", ca.key_pem()}),
                      HttpOptions{ca.ca_pem(), 5s});
    REQUIRE(emulator.url().starts_with("https://"));
    Recorder recorder;
    auto options = fast_options(emulator);

    SECTION("with the test CA trusted, events arrive and are acked") {
        options.ca_file = ca.ca_pem();
        RunningClient client(options, recorder.handler());
        REQUIRE(connected(client));
        say(emulator, "over wss");
        REQUIRE(eventually([&] { return client.stats().acks == 1; }));
        CHECK(recorder.texts() == std::vector<std::string>{"over wss"});
        CHECK(client.stop());
    }
    SECTION("without it, no link is opened") {
        RunningClient client(options, recorder.handler());
        // Waited for, not slept for: the first failed handshake may take long on a loaded machine.
        REQUIRE(eventually([&] { return client.stats().connect_failures >= 1; }));
        CHECK(client.stats().connects == 0);
        CHECK(client.stop());
    }
}

TEST_CASE("stop closes the links with a close frame and ends the client") {
    Emulator emulator(unlimited());
    Recorder recorder;
    auto options = fast_options(emulator);
    options.connections = 2;
    RunningClient client(options, recorder.handler());
    REQUIRE(eventually([&] { return client.stats().open_connections == 2; }));
    CHECK(emulator.get("socket_mode")["connections"].size() == 2);

    REQUIRE(client.stop());
    CHECK(client.stats().open_connections == 0);
    CHECK_FALSE(client.stats().connected);
    auto state = emulator.poll("socket_mode",
                               [](const nlohmann::json& s) { return s["connections"].empty(); });
    CHECK(state["connections"].empty());
    // Beast's words for a close handshake, as the emulator logs how each link ended.
    REQUIRE(eventually([&] {
        auto text = emulator.process().stderr_text();
        std::size_t n = 0;
        for (auto at = text.find("gracefully closed"); at != std::string::npos;
             at = text.find("gracefully closed", at + 1))
            ++n;
        return n == 2;
    }));
}

TEST_CASE("unusable settings are refused when the client is built, naming the setting") {
    asio::io_context io;
    SocketModeOptions options;
    SECTION("plain http:// to a host that is not loopback") {
        options.api_url = "http://slack.example.com/api/";
        CHECK_THROWS_WITH(SocketModeClient(io.get_executor(), "xapp-1", options, {}),
                          Catch::Contains("api_url"));
    }
    SECTION("a ca_file that is not there") {
        options.ca_file = "/nonexistent/ca.pem";
        CHECK_THROWS_WITH(SocketModeClient(io.get_executor(), "xapp-1", options, {}),
                          Catch::Contains("ca_file"));
    }
    SECTION("more connections than Slack allows") {
        options.connections = 11;
        CHECK_THROWS_WITH(SocketModeClient(io.get_executor(), "xapp-1", options, {}),
                          Catch::Contains("connections"));
    }
}
