// Running `incidentd serve` in production: SIGTERM under load stops it gracefully within its bound
// without losing an acknowledged event, and SIGHUP applies a changed configuration file and its
// templates, or keeps the running ones when the new file is invalid.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/incidentd.hpp"

using namespace std::chrono_literals;
using incidentd::test::contains;
using incidentd::test::plain_http;
using incidentd::test::ServeStack;
using incidentd::test::StackOptions;
using nlohmann::json;

namespace {

// Message event number `n` from bob in `channel`; its ts is unique.
std::string message_event(const std::string& channel, int n) {
    const std::string ts = std::to_string(std::time(nullptr)) + "." + std::to_string(100000 + n);
    return incidentd::test::message_event_body(channel, "Ev0LOAD" + std::to_string(n),
                                               "load message " + std::to_string(n), ts);
}

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::trunc);
    out << text;
}

// Waits until incidentd's log has said `text` `times` times.
bool wait_for_log(ServeStack& stack, const std::string& text, int times,
                  std::chrono::milliseconds timeout = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const std::string log = stack.incidentd_log();
        int seen = 0;
        for (auto at = log.find(text); at != std::string::npos; at = log.find(text, at + 1))
            ++seen;
        if (seen >= times) return true;
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(20ms);
    }
}

void hang_up(ServeStack& stack) {
    ::kill(stack.incidentd().process().pid(), SIGHUP);
}

}  // namespace

TEST_CASE(
    "SIGTERM under load stops incidentd within its bound with status 0 and every acknowledged "
    "event recorded",
    "[serve][operations]") {
    ServeStack stack(plain_http());
    const std::string channel = stack.declare("sev2 Queue backlog");
    auto& incidentd = stack.incidentd();

    constexpr int senders = 4;
    constexpr int per_sender = 400;  // a bound: the senders stop at SIGTERM long before this
    std::atomic<int> sent{0};
    std::atomic<bool> stop_sending{false};
    std::mutex mutex;
    std::vector<std::string> acknowledged;  // the ts of every event answered 200
    std::vector<std::thread> threads;
    for (int s = 0; s < senders; ++s) {
        threads.emplace_back([&, s] {
            for (int i = 0; i < per_sender && !stop_sending; ++i) {
                const int n = s * per_sender + i;
                const std::string body = message_event(channel, n);
                const auto answer = incidentd.post_signed(body, "application/json");
                ++sent;
                if (answer.status == 200) {
                    std::lock_guard lock(mutex);
                    acknowledged.push_back(json::parse(body)["event"]["ts"]);
                } else if (answer.status == 0) {
                    return;  // no longer listening
                }
            }
        });
    }
    const auto load_deadline = std::chrono::steady_clock::now() + 10s;
    while (sent < 200 && std::chrono::steady_clock::now() < load_deadline)
        std::this_thread::sleep_for(1ms);
    REQUIRE(sent >= 200);

    const auto signalled = std::chrono::steady_clock::now();
    ::kill(incidentd.process().pid(), SIGTERM);
    // The bound is incidentd's own: past 20 s its ShutdownDeadline logs "stopping took longer"
    // and exits 1, so status 0 says it stopped within the bound, timed by incidentd itself. The
    // test's 25 s only catches a process that does not exit at all.
    const bool exited = incidentd.process().wait_exit(25s);
    const auto took = std::chrono::steady_clock::now() - signalled;
    stop_sending = true;
    for (auto& t : threads)
        t.join();

    INFO(stack.incidentd_log());
    INFO("exited " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count()
                   << " ms after SIGTERM");
    REQUIRE(exited);
    CHECK(incidentd.process().exit_code() == 0);
    CHECK_FALSE(contains(stack.incidentd_log(), "stopping took longer"));
    CHECK(contains(stack.incidentd_log(), "stopped"));
    // The database was checkpointed: the file alone holds every commit.
    CHECK((!std::filesystem::exists(stack.store_path() + "-wal") ||
           std::filesystem::file_size(stack.store_path() + "-wal") == 0));

    const json record = incidentd.export_json("INC-1");
    std::multiset<std::string> recorded;
    for (const auto& e : record["entries"])
        if (e["kind"] == "message") recorded.insert(e["ts"].get<std::string>());
    REQUIRE(acknowledged.size() >= 100);
    for (const auto& ts : acknowledged) {
        INFO("acknowledged ts " << ts);
        CHECK(recorded.count(ts) == 1);
    }
    CHECK(incidentd.run({"verify", "INC-1"}).status == 0);
}

TEST_CASE(
    "SIGHUP applies a changed configuration file and templates, and keeps the running "
    "configuration when the new one is invalid",
    "[serve][operations]") {
    ServeStack stack(plain_http());
    // The working directory's incidentd.toml is read at start and again on each SIGHUP.
    const auto config = stack.dir() / "incidentd.toml";
    const auto template_file = stack.dir() / "postmortem.md";
    write_file(config, "[incidents]\nchannel_prefix = \"inc\"\n");
    stack.start();
    stack.declare("sev3 Before the reload");

    write_file(template_file,
               "# Postmortem: {{ID}}\n\nTeam template, second edition.\n\n{{RECORD_LINK}}\n");
    write_file(config,
               "[incidents]\nchannel_prefix = \"outage\"\n"
               "[templates]\npostmortem = \"postmortem.md\"\n"
               "[log]\nformat = \"json\"\n");
    hang_up(stack);
    REQUIRE(wait_for_log(stack, "configuration reloaded from", 1));
    // The log format is the process's: it changes at the next restart, and says so.
    CHECK(contains(stack.incidentd_log(), "[log] format changed"));

    SECTION("a new incident is named and its postmortem written by the new configuration") {
        auto answer = stack.slash("alice", "C0INCIDENTS", "declare sev3 After the reload");
        REQUIRE(answer.value("ok", false));
        auto channel = stack.wait_for_channel("outage-");
        REQUIRE(channel);
        const std::string id = (*channel)["id"];
        REQUIRE_FALSE(stack.wait_for_pinned_summary(id).is_null());
        stack.slash("alice", id, "close");
        const auto files = stack.emulator().poll(
            "files",
            [](const json& a) {
                for (const auto& f : a["files"])
                    if (contains(f.value("content", ""), "second edition")) return true;
                return false;
            },
            10s);
        bool found = false;
        for (const auto& f : files["files"])
            found = found || contains(f.value("content", ""), "Team template, second edition.");
        CHECK(found);
    }

    SECTION("an invalid file or template is refused and the running configuration stays") {
        write_file(config, "[incidents]\narchive_after = \"soon\"\n");
        hang_up(stack);
        REQUIRE(wait_for_log(stack, "configuration not reloaded", 1));
        CHECK(contains(stack.incidentd_log(), "archive_after"));

        write_file(config,
                   "[incidents]\nchannel_prefix = \"broken\"\n"
                   "[templates]\npostmortem = \"postmortem.md\"\n");
        write_file(template_file, "# Postmortem {{#UNCLOSED}}\n");
        hang_up(stack);
        REQUIRE(wait_for_log(stack, "configuration not reloaded", 2));
        CHECK(contains(stack.incidentd_log(), "postmortem.md"));

        stack.slash("alice", "C0INCIDENTS", "declare sev3 After two refused reloads");
        CHECK(stack.wait_for_channel("outage-"));
        CHECK_FALSE(stack.wait_for_channel("broken-", 500ms));
        CHECK(stack.incidentd().get("/readyz").status == 200);
    }
}

TEST_CASE(
    "JSON logs are one object a line, name each request's id, and never carry a secret or what "
    "people wrote",
    "[serve][operations]") {
    ServeStack stack(plain_http());
    write_file(stack.dir() / "incidentd.toml", "[log]\nformat = \"json\"\nlevel = \"debug\"\n");
    stack.start();
    const std::string channel = stack.declare("sev2 Payment webhooks delayed");
    const std::string written = "the vendor password is swordfish-4711";
    stack.say("bob", channel, written);
    REQUIRE(stack.wait_delivered(channel));
    stack.slash("alice", channel, "note customers notified");

    const std::string log = stack.incidentd_log();
    std::istringstream lines(log);
    int parsed = 0;
    int with_request_id = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.empty()) continue;
        INFO(line);
        const json object = json::parse(line, nullptr, false);
        REQUIRE(object.is_object());
        CHECK(object.contains("time"));
        CHECK(object.contains("level"));
        REQUIRE(object["message"].is_string());
        if (contains(object["message"], "req=")) ++with_request_id;
        ++parsed;
    }
    CHECK(parsed > 5);
    CHECK(with_request_id >= 3);  // the declare, the message and the note
    CHECK_FALSE(contains(log, incidentd::test::Emulator::bot_token));
    CHECK_FALSE(contains(log, incidentd::test::Emulator::signing_secret));
    CHECK_FALSE(contains(log, "swordfish"));
    CHECK_FALSE(contains(log, "customers notified"));
}
