// `incidentd serve` when its store cannot write: a full disk, and a store file deleted under the
// running process. Readiness says so at the first failed commit, nothing that is not stored is
// acknowledged, and readiness comes back by itself once the disk has room again.
#include <catch2/catch.hpp>

#include <SQLiteCpp/Database.h>

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support/incidentd.hpp"
#include "support/temp_dir.hpp"

using namespace std::chrono_literals;
using incidentd::test::message_event_body;
using incidentd::test::ServeStack;
using incidentd::test::StackOptions;
using nlohmann::json;

namespace {

// A tmpfs of `bytes` of its own, so the test can fill it (mount(2) needs root, as CI runs);
// detached when the test ends, whatever holds files in it.
class SmallFileSystem {
  public:
    explicit SmallFileSystem(std::size_t bytes) : dir_("incidentd-small-fs") {
        const std::string options = "size=" + std::to_string(bytes);
        mounted_ = ::mount("tmpfs", dir_.path().c_str(), "tmpfs", 0, options.c_str()) == 0;
    }
    ~SmallFileSystem() {
        if (mounted_) ::umount2(dir_.path().c_str(), MNT_DETACH);
    }
    SmallFileSystem(const SmallFileSystem&) = delete;
    SmallFileSystem& operator=(const SmallFileSystem&) = delete;

    bool mounted() const { return mounted_; }
    const std::filesystem::path& path() const { return dir_.path(); }

    // Writes a filler file until not one more byte fits.
    void fill() {
        const int fd = ::open(filler().c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        REQUIRE(fd >= 0);
        for (std::size_t block : {std::size_t{1} << 16, std::size_t{4096}, std::size_t{1}}) {
            const std::string bytes(block, 'f');
            while (::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size())) {
            }
        }
        ::fsync(fd);
        ::close(fd);
    }
    void free_space() { std::filesystem::remove(filler()); }

  private:
    std::filesystem::path filler() const { return dir_.path() / "filler"; }

    incidentd::test::TempDir dir_;
    bool mounted_ = false;
};

// The emulator's delivery of the message event at `ts`.
json delivery_of(ServeStack& stack, const std::string& ts) {
    for (const auto& d : stack.read("deliveries", "deliveries"))
        if (d["kind"] == "event_callback" && d["payload"]["event"].value("ts", "") == ts) return d;
    return json{};
}

// Polls GET /readyz until its status is `status`; the last answer.
incidentd::test::Answer readyz_until(ServeStack& stack, int status,
                                     std::chrono::milliseconds limit = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    auto answer = stack.incidentd().get("/readyz");
    while (answer.status != status && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(20ms);
        answer = stack.incidentd().get("/readyz");
    }
    return answer;
}

}  // namespace

TEST_CASE(
    "on a full disk every event is refused and readiness says so; once space is freed it "
    "is ready again without a restart and Slack's retries are recorded once",
    "[serve]") {
    SmallFileSystem disk(std::size_t{8} << 20);
    if (!disk.mounted()) {
        // CI runs as root: there the test must run, not pass by skipping.
        if (std::getenv("CI")) FAIL("cannot mount a small tmpfs for the store (CI runs as root)");
        WARN("not run: mounting a small tmpfs for the store needs root");
        return;
    }
    StackOptions options;
    options.tls = false;
    options.store_dir = disk.path();
    // Slack's retries, scaled down: the second comes while the disk is full, the third after.
    options.emulator_args = {"--retry-delays-ms", "300,4000,10000", "--ack-timeout-ms", "3000"};
    ServeStack stack(options);
    const std::string channel = stack.declare("sev2 The store's disk fills up");
    REQUIRE(stack.wait_delivered(channel));
    REQUIRE(stack.incidentd().get("/readyz").status == 200);

    disk.fill();
    // Through the emulator, which retries as Slack does (one event in flight per channel)...
    const std::string said = stack.say("alice", channel, "said while the disk is full");
    const auto not_ready = readyz_until(stack, 503);
    CHECK(not_ready.status == 503);
    CHECK_THAT(not_ready.body, Catch::Contains("database") && Catch::Contains("full"));
    CHECK(stack.incidentd().metric("incidentd_ready") == 0);
    // ...and straight to incidentd: every one is refused, none acknowledged.
    std::vector<std::string> bodies;
    for (int i = 1; i <= 5; ++i) {
        bodies.push_back(message_event_body(channel, fmt::format("EvFULL{}", i),
                                            fmt::format("sent while the disk is full {}", i),
                                            fmt::format("1800000000.{:06d}", i)));
        const auto answer = stack.incidentd().post_signed(bodies.back(), "application/json");
        CHECK(answer.status == 503);
    }
    stack.emulator().poll(
        "deliveries", [&](const json&) { return delivery_of(stack, said)["attempts"].size() >= 2; },
        10s);
    const json failing = delivery_of(stack, said);
    REQUIRE(failing.is_object());
    CHECK(failing["attempts"].size() >= 2);
    for (const auto& attempt : failing["attempts"]) {
        INFO(attempt.dump());
        CHECK(attempt["status"] != 200);
    }
    // A person trying a command is told why nothing happens.
    CHECK_THAT(stack.slash("alice", channel, "note the disk is full")["text"].get<std::string>(),
               Catch::Contains("cannot store"));
    const std::string log = stack.incidentd_log();
    CHECK(log.find("store: cannot write") != std::string::npos);
    CHECK(log.find("EvFULL") == std::string::npos);  // one line for the store, not one per event

    disk.free_space();
    const auto ready = readyz_until(stack, 200);
    CHECK(ready.status == 200);
    CHECK(stack.incidentd().metric("incidentd_ready") == 1);
    // Slack's retries now succeed and are recorded once.
    for (const std::string& body : bodies)
        CHECK(stack.incidentd()
                  .post_signed(body, "application/json",
                               {{"X-Slack-Retry-Num", "1"}, {"X-Slack-Retry-Reason", "http_error"}})
                  .status == 200);
    INFO(stack.incidentd_log());
    REQUIRE(stack.wait_delivered(channel, 20s));
    const json record = stack.incidentd().export_json();
    std::vector<std::string> expected{said};
    for (int i = 1; i <= 5; ++i)
        expected.push_back(fmt::format("1800000000.{:06d}", i));
    for (const std::string& ts : expected) {
        int recorded = 0;
        for (const auto& e : record["entries"])
            if (e["ts"] == ts && e["kind"] == "message") ++recorded;
        INFO(ts);
        CHECK(recorded == 1);
    }
    CHECK(stack.incidentd().run({"verify", "INC-1"}).status == 0);
}

TEST_CASE(
    "a store deleted under a running serve stops acknowledgements, reports not ready, and "
    "loses nothing that was acknowledged",
    "[serve]") {
    ServeStack stack(incidentd::test::plain_http());
    const std::string channel = stack.declare("sev2 Someone cleaned up the data folder");
    REQUIRE(stack.wait_delivered(channel));

    struct Sent {
        std::string ts;
        int status = 0;
        std::chrono::steady_clock::time_point at;
    };
    std::mutex mutex;
    std::vector<Sent> sent;
    std::atomic<bool> stop{false};
    std::thread load([&] {
        for (int i = 1; i <= 20000 && !stop; ++i) {
            const std::string ts = fmt::format("1800000000.{:06d}", i);
            const std::string body = message_event_body(channel, fmt::format("EvRM{}", i),
                                                        fmt::format("load {}", i), ts);
            const auto at = std::chrono::steady_clock::now();
            const int status = stack.incidentd().post_signed(body, "application/json").status;
            std::lock_guard lock(mutex);
            sent.push_back({ts, status, at});
        }
    });
    const auto sent_count = [&] {
        std::lock_guard lock(mutex);
        return sent.size();
    };
    const auto started = std::chrono::steady_clock::now();
    while (sent_count() < 200 && std::chrono::steady_clock::now() - started < 20s)
        std::this_thread::sleep_for(5ms);
    std::filesystem::remove(stack.store_path());
    const auto removed = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(1500ms);
    stop = true;
    load.join();

    // Within a second of the deletion, no more acknowledgements.
    int late = 0;
    int late_acknowledged = 0;
    int acknowledged = 0;
    for (const Sent& s : sent) {
        if (s.status == 200) ++acknowledged;
        if (s.at < removed + 1s) continue;
        ++late;
        if (s.status == 200) ++late_acknowledged;
    }
    INFO(acknowledged << " acknowledged in all; " << late << " sent a second after the deletion");
    CHECK(acknowledged >= 200);
    CHECK(late > 0);
    CHECK(late_acknowledged == 0);

    const auto not_ready = stack.incidentd().get("/readyz");
    CHECK(not_ready.status == 503);
    CHECK_THAT(not_ready.body, Catch::Contains("deleted"));
    CHECK_FALSE(std::filesystem::exists(stack.store_path()));  // not quietly recreated

    // Everything acknowledged is in what incidentd saved from the file it was writing.
    std::filesystem::path rescued;
    for (const auto& file : std::filesystem::directory_iterator(stack.dir()))
        if (file.path().filename().string().starts_with("incidentd.db.rescued-"))
            rescued = file.path();
    REQUIRE_FALSE(rescued.empty());
    // The log, not the probe, says where the data went.
    CHECK_THAT(not_ready.body, !Catch::Contains(stack.store_path()));
    CHECK_THAT(stack.incidentd_log(), Catch::Contains(rescued.filename().string()));
    SQLite::Database copy(rescued.string(), SQLite::OPEN_READONLY);
    SQLite::Statement count(copy, "SELECT COUNT(*) FROM entries WHERE ts = ? AND kind = 'message'");
    int missing = 0;
    for (const Sent& s : sent) {
        if (s.status != 200) continue;
        count.reset();
        count.bind(1, s.ts);
        REQUIRE(count.executeStep());
        if (count.getColumn(0).getInt() != 1) ++missing;
    }
    CHECK(missing == 0);
}
