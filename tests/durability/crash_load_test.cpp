// Crash durability under load: signed message events stream into `incidentd serve` over keep-alive
// connections while it is SIGKILLed and restarted; every acknowledged event is in the record once.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/url/parse.hpp>
#include <nlohmann/json.hpp>

#include "support/durability.hpp"
#include "support/incidentd.hpp"

using namespace std::chrono_literals;
using incidentd::test::KeepAliveClient;
using incidentd::test::SendStage;
using incidentd::test::ServeStack;
using nlohmann::json;

namespace {

constexpr int load_threads = 8;
constexpr int events_per_thread = 600;
constexpr int kills = 5;
// Like Slack, an event is redelivered until it is acknowledged, but the test gives up (and fails)
// rather than loop forever against a server that never comes back.
constexpr int max_attempts_per_event = 400;
constexpr auto max_time_per_event = 20s;
constexpr auto test_deadline = 60s;
const std::string event_prefix = "EvLOAD";

// What the load generator knows at the end, filled by the load threads and read after they joined.
struct LoadOutcome {
    std::mutex mutex;
    std::map<std::string, std::string> acked;  // event_id -> the ts it carried
    std::set<std::string> sent;                // every event_id sent at least once
    std::vector<std::string> given_up;         // event_ids never acknowledged
    int failed_sends = 0;
    int retried_events = 0;
};

// Shared between the killer (the test's thread) and the load threads.
struct Clock {
    std::atomic<int> generation{0};  // how many kills have begun; a request records it when sent
    std::atomic<int> acked{0};
    std::atomic<int> in_flight_at_kill[kills + 1] = {};  // requests lost in flight, per kill
};

std::string slack_ts(std::int64_t base_seconds, int n) {
    const auto micros = std::to_string(1'000'000 + n).substr(1);
    return std::to_string(base_seconds + n / 1'000'000) + "." + micros;
}

// One load thread: its events in order, each sent until it is acknowledged.
void send_events(int thread, unsigned short port, const std::string& channel,
                 std::int64_t base_seconds, Clock& clock, LoadOutcome& outcome) {
    KeepAliveClient client("127.0.0.1", port, 5s);
    int connection_generation = -1;
    for (int i = 0; i < events_per_thread; ++i) {
        const int n = thread * events_per_thread + i;
        const std::string event_id =
            event_prefix + std::to_string(thread) + "x" + std::to_string(i);
        const std::string ts = slack_ts(base_seconds, n);
        const std::string body = incidentd::test::message_event_body(
            channel, event_id, "load message " + std::to_string(n), ts);
        {
            std::lock_guard lock(outcome.mutex);
            outcome.sent.insert(event_id);
        }
        const auto first_sent = std::chrono::steady_clock::now();
        std::string retry_reason;
        bool acknowledged = false;
        int attempt = 0;
        for (; attempt < max_attempts_per_event &&
               std::chrono::steady_clock::now() - first_sent < max_time_per_event;
             ++attempt) {
            const int generation = clock.generation.load();
            auto result = client.post(
                "/slack/events", incidentd::test::slack_event_headers(body, attempt, retry_reason),
                body);
            if (result.fresh_connection) connection_generation = generation;
            if (result.http.status == 200) {
                acknowledged = true;
                break;
            }
            // Only a request on a connection to the process alive when it was sent counts as
            // met by a kill; a connection left over from an earlier process fails without one.
            if (result.failed_at == SendStage::read && connection_generation == generation &&
                generation < kills)
                ++clock.in_flight_at_kill[generation + 1];
            retry_reason = result.failed_at == SendStage::connect ? "connection_failed"
                           : result.http.status > 0               ? "http_error"
                                                                  : "http_timeout";
            {
                std::lock_guard lock(outcome.mutex);
                ++outcome.failed_sends;
            }
            std::this_thread::sleep_for(10ms);
        }
        std::lock_guard lock(outcome.mutex);
        if (attempt > 0) ++outcome.retried_events;
        if (!acknowledged) {
            outcome.given_up.push_back(event_id);
            return;  // the server is gone for good; the test fails on given_up
        }
        outcome.acked[event_id] = ts;
        ++clock.acked;
    }
}

// DURABILITY_SEED replays a run; otherwise each run draws its own kill moments.
std::uint64_t chosen_seed() {
    if (const char* given = std::getenv("DURABILITY_SEED")) return std::stoull(given);
    return static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
}

unsigned short port_of(const std::string& url) {
    auto parsed = boost::urls::parse_uri(url);
    REQUIRE(parsed);
    return static_cast<unsigned short>(std::stoi(std::string{parsed->port()}));
}

}  // namespace

TEST_CASE(
    "events acknowledged while incidentd is SIGKILLed and restarted under load are each "
    "recorded exactly once and the record verifies",
    "[durability]") {
    const std::uint64_t seed = chosen_seed();
    WARN("crash load seed " << seed << " (replay: DURABILITY_SEED=" << seed << ")");
    std::mt19937_64 random(seed);

    ServeStack stack(incidentd::test::plain_http());
    const std::string channel = stack.declare("sev1 Checkout latency under load");
    REQUIRE(stack.wait_delivered(channel));
    const unsigned short port = port_of(stack.incidentd().url());
    const std::int64_t base_seconds = std::time(nullptr);

    // Each kill comes once a random share of the events was acknowledged, so it meets the load
    // however fast this machine records.
    constexpr int total = load_threads * events_per_thread;
    std::uniform_int_distribution<int> share(total * 5 / 100, total * 85 / 100);
    std::vector<int> kill_after;
    for (int k = 0; k < kills; ++k)
        kill_after.push_back(share(random));
    std::sort(kill_after.begin(), kill_after.end());
    std::uniform_int_distribution<int> delay_ms(0, 30);
    std::uniform_int_distribution<int> downtime_ms(0, 150);

    Clock clock;
    LoadOutcome outcome;
    const auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < load_threads; ++t)
        threads.emplace_back(send_events, t, port, std::cref(channel), base_seconds,
                             std::ref(clock), std::ref(outcome));

    int kills_done = 0;
    for (int k = 0; k < kills; ++k) {
        while (clock.acked.load() < kill_after[k] &&
               std::chrono::steady_clock::now() - started < test_deadline)
            std::this_thread::sleep_for(1ms);
        std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
        ++clock.generation;
        stack.crash();
        std::this_thread::sleep_for(std::chrono::milliseconds(downtime_ms(random)));
        stack.start();
        ++kills_done;
    }
    for (auto& thread : threads)
        thread.join();
    const auto elapsed = std::chrono::steady_clock::now() - started;

    int kills_meeting_requests = 0;
    for (int k = 1; k <= kills; ++k)
        if (clock.in_flight_at_kill[k] > 0) ++kills_meeting_requests;
    WARN("seed " << seed << ", kills after " << kill_after[0] << "," << kill_after[1] << ","
                 << kill_after[2] << "," << kill_after[3] << "," << kill_after[4] << " acks; "
                 << outcome.failed_sends << " failed sends, " << outcome.retried_events
                 << " events retried, " << kills_meeting_requests
                 << " kills met requests in flight, "
                 << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()
                 << " ms");
    REQUIRE(kills_done == kills);
    REQUIRE(outcome.given_up.empty());
    REQUIRE(outcome.acked.size() == static_cast<std::size_t>(total));
    // Without kills that cut requests off, the test would prove nothing about crashes.
    CHECK(kills_meeting_requests >= 3);
    CHECK(outcome.retried_events > 0);

    std::set<std::string> emulator_events;
    for (const auto& d : stack.read("deliveries", "deliveries"))
        if (d["event_id"].is_string()) emulator_events.insert(d["event_id"].get<std::string>());

    const auto entries = incidentd::test::stored_entries(stack.store_path(), 1);
    std::map<std::string, int> recorded;
    std::vector<std::string> unknown;
    std::vector<std::string> wrong_ts;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        INFO("entry " << i);
        REQUIRE(entries[i].seq == static_cast<std::int64_t>(i + 1));  // 1..n, no gaps
        const std::string id = entries[i].event_id();
        if (id.empty()) continue;
        ++recorded[id];
        const bool ours = id.starts_with(event_prefix);
        if (ours && !outcome.sent.contains(id)) unknown.push_back(id);
        if (!ours && !emulator_events.contains(id)) unknown.push_back(id);
        if (ours && outcome.acked.contains(id) && outcome.acked[id] != entries[i].ts)
            wrong_ts.push_back(id);
    }
    std::vector<std::string> missing;
    std::vector<std::string> doubled;
    for (const auto& [id, ts] : outcome.acked) {
        const int times = recorded.contains(id) ? recorded[id] : 0;
        if (times == 0) missing.push_back(id);
        if (times > 1) doubled.push_back(id + " x" + std::to_string(times));
    }
    INFO(missing.size() << " missing (first " << (missing.empty() ? "-" : missing.front()) << "), "
                        << doubled.size() << " doubled (first "
                        << (doubled.empty() ? "-" : doubled.front()) << "), " << unknown.size()
                        << " never sent, " << wrong_ts.size() << " with another ts");
    CHECK(missing.empty());
    CHECK(doubled.empty());
    CHECK(unknown.empty());
    CHECK(wrong_ts.empty());
    // Compared with an empty list, so a failure prints what verify said.
    CHECK(incidentd::test::verify_failures(stack.incidentd(), stack.store_path()) ==
          std::vector<std::string>{});
}
