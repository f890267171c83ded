// `incidentd serve` for end-to-end tests: a loopback port reserved for it, the real process started
// against a slack-emulator (the emulator delivers to that port), restarts on the same store, and
// signed requests sent to it directly as Slack would send them.
#pragma once

#include <signal.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "slack/signature.hpp"
#include "support/command.hpp"
#include "support/emulator.hpp"
#include "support/http_client.hpp"
#include "support/loopback_port.hpp"
#include "support/process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_ca.hpp"

namespace incidentd::test {

// The entries of an exported record (`incidentd export --format json`) of `kind`, in order.
inline std::vector<nlohmann::json> entries_of_kind(const nlohmann::json& record,
                                                   const std::string& kind) {
    std::vector<nlohmann::json> found;
    for (const auto& e : record["entries"])
        if (e["kind"] == kind) found.push_back(e);
    return found;
}

// Takes std::string so that JSON string values convert to it.
inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

inline std::string unix_seconds_now() {
    return std::to_string(std::time(nullptr));
}

// How the stack is started; the defaults are the main scenario's.
struct StackOptions {
    bool tls = true;                    // the emulator serves its Web API over HTTPS
    bool rate_limits = false;           // --rate-limits on|off
    std::string archive_after = "3s";   // INCIDENTD_INCIDENTS_ARCHIVE_AFTER
    std::string seal_interval = "30m";  // INCIDENTD_STORE_SEAL_INTERVAL
    std::string responders = "U0BOB";   // INCIDENTD_SLACK_RESPONDERS
    std::string announce_channel = "C0GENERAL";
    std::vector<std::string> emulator_args;  // more slack-emulator options
    // Slack over Socket Mode (SLACK_APP_TOKEN set, no request URL) instead of HTTP.
    bool socket_mode = false;
    // Where the store file lives (a small file system, say); the stack's own directory if empty.
    std::filesystem::path store_dir;
};

// The emulator's Web API over plain HTTP: for tests about incidentd's own endpoint, not TLS.
inline StackOptions plain_http() {
    StackOptions options;
    options.tls = false;
    return options;
}

// A message event from bob in `channel` at `ts`, wrapped as Slack's Events API wraps it: for
// tests that post to incidentd directly rather than through the emulator.
inline std::string message_event_body(const std::string& channel, const std::string& event_id,
                                      const std::string& text, const std::string& ts) {
    return nlohmann::json{{"token", "emulator-verification-token"},
                          {"team_id", "T0EMULATOR"},
                          {"api_app_id", "A0INCIDENTD"},
                          {"type", "event_callback"},
                          {"event_id", event_id},
                          {"event_time", std::time(nullptr)},
                          {"event",
                           {{"type", "message"},
                            {"channel", channel},
                            {"channel_type", "channel"},
                            {"user", "U0BOB"},
                            {"text", text},
                            {"ts", ts},
                            {"event_ts", ts}}}}
        .dump();
}

// The answer of a request sent to incidentd's HTTP endpoint.
using Answer = HttpResult;

// The incidentd process: started with `serve` and the environment that points it at the emulator.
class Incidentd {
  public:
    static constexpr const char* listening_prefix = "incidentd listening on ";

    Incidentd(std::map<std::string, std::string> env, const std::filesystem::path& cwd,
              std::chrono::milliseconds start_timeout = std::chrono::seconds(15))
        : env_(std::move(env)),
          process_(INCIDENTD_BINARY_DIR "/incidentd", {"serve"}, env_list(env_),
                   {cwd, unset_variables()}) {
        auto line = process_.wait_for_line(listening_prefix, start_timeout);
        if (!line) {
            throw std::runtime_error("incidentd serve did not start: " + process_.stderr_text());
        }
        url_ = line->substr(std::string{listening_prefix}.size());
    }

    const std::string& url() const { return url_; }
    Process& process() { return process_; }

    // A crash: SIGKILL, no chance to flush or finish anything.
    void kill_hard() {
        if (!process_.running()) return;
        ::kill(process_.pid(), SIGKILL);
        process_.wait_exit(std::chrono::seconds(5));
    }

    Answer get(const std::string& path) const { return http_request("GET", url_ + path); }

    // An unlabelled counter or gauge from GET /metrics (Prometheus text); -1 when it is missing.
    double metric(const std::string& name) const {
        std::istringstream lines(get("/metrics").body);
        for (std::string line; std::getline(lines, line);) {
            if (line.starts_with(name + " ")) return std::stod(line.substr(name.size() + 1));
        }
        return -1;
    }

    // POST /slack/events with the body signed at `timestamp` with `secret`, as Slack signs it.
    Answer post_signed(const std::string& body, const std::string& content_type,
                       std::vector<std::pair<std::string, std::string>> headers = {},
                       const std::string& timestamp = unix_seconds_now(),
                       const std::string& secret = Emulator::signing_secret) const {
        headers.emplace_back("Content-Type", content_type);
        headers.emplace_back("X-Slack-Request-Timestamp", timestamp);
        headers.emplace_back("X-Slack-Signature",
                             slack::compute_signature(secret, timestamp, body));
        return post_raw(body, headers);
    }

    // POST /slack/events with exactly these headers: for requests Slack would never send.
    Answer post_raw(const std::string& body,
                    const std::vector<std::pair<std::string, std::string>>& headers) const {
        HttpOptions options;
        options.timeout = std::chrono::seconds(10);
        return http_request("POST", url_ + "/slack/events", headers, body, options);
    }

    // A one-shot incidentd command (export, verify, postmortem …) on the same store and settings.
    CommandResult run(const std::vector<std::string>& args) const {
        CommandOptions options;
        options.env = env_;
        options.unset_env = unset_variables();
        return run_command(INCIDENTD_BINARY_DIR "/incidentd", args, options);
    }

    // `incidentd export <id> --format json`, parsed; throws with incidentd's message on failure.
    nlohmann::json export_json(const std::string& incident = "INC-1") const {
        auto result = run({"export", incident, "--format", "json"});
        if (result.status != 0) {
            throw std::runtime_error("incidentd export " + incident + " failed (" +
                                     std::to_string(result.status) + "): " + result.err);
        }
        return nlohmann::json::parse(result.out);
    }

  private:
    static std::vector<std::string> env_list(const std::map<std::string, std::string>& env) {
        std::vector<std::string> list;
        for (const auto& [name, value] : env)
            list.push_back(name + "=" + value);
        return list;
    }
    // Whatever the test runner's environment holds must not reach into the test: Socket Mode
    // (SLACK_APP_TOKEN) and another configuration file would change what is being tested.
    static std::vector<std::string> unset_variables() {
        return {"INCIDENTD_CONFIG", "SLACK_APP_TOKEN", "SLACK_BOT_TOKEN_FILE",
                "SLACK_SIGNING_SECRET_FILE", "SLACK_APP_TOKEN_FILE"};
    }

    std::map<std::string, std::string> env_;
    Process process_;
    std::string url_;
};

// The emulator and incidentd wired to each other, with a store that outlives incidentd restarts.
// Everything it started stops when it goes out of scope (incidentd first).
class ServeStack {
  public:
    explicit ServeStack(StackOptions options = {})
        : options_(std::move(options)),
          dir_("incidentd-e2e"),
          ca_(options_.tls ? std::make_unique<TestCa>() : nullptr),
          port_(reserve_loopback_port()),
          emulator_(emulator_args(), client_options()) {
        start();
    }

    ServeStack(const ServeStack&) = delete;
    ServeStack& operator=(const ServeStack&) = delete;

    Emulator& emulator() { return emulator_; }
    Incidentd& incidentd() { return *incidentd_; }
    const std::filesystem::path& dir() const { return dir_.path(); }
    std::string store_path() const {
        return options_.store_dir.empty() ? dir_.file("incidentd.db")
                                          : (options_.store_dir / "incidentd.db").string();
    }

    // What incidentd logged (stderr), for a failing test's message.
    std::string incidentd_log() { return incidentd_ ? incidentd_->process().stderr_text() : ""; }

    // Starts incidentd (again) on the same port and store, and waits until it is ready: until
    // auth.test succeeded it answers commands with "starting".
    void start() {
        incidentd_.reset();
        incidentd_ = std::make_unique<Incidentd>(environment(), dir_.path());
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (incidentd_->get("/readyz").status != 200) {
            if (std::chrono::steady_clock::now() > deadline)
                throw std::runtime_error("incidentd is not ready after 10s: " + incidentd_log());
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
    // SIGKILL, then a fresh process on the same port and store.
    void crash_and_restart() {
        incidentd_->kill_hard();
        start();
    }
    void crash() { incidentd_->kill_hard(); }

    // `/incident <text>` typed by `user` in `channel`: the emulator's record of the exchange
    // (`ok`, `status`, `answer`, …) plus `text`, what the person was shown.
    nlohmann::json slash(const std::string& user, const std::string& channel,
                         const std::string& text) {
        nlohmann::json result = emulator_.post(
            "slash",
            {{"user", user}, {"channel", channel}, {"command", "/incident"}, {"text", text}});
        const auto& answer = result["answer"];
        result["text"] =
            answer.is_object() ? answer.value("text", "") : result.value("body", std::string{});
        return result;
    }

    // A message from `user` (a reply when `thread_ts` is given); its ts.
    std::string say(const std::string& user, const std::string& channel, const std::string& text,
                    const std::string& thread_ts = "") {
        nlohmann::json body{{"user", user}, {"channel", channel}, {"text", text}};
        if (!thread_ts.empty()) body["thread_ts"] = thread_ts;
        auto posted = emulator_.post("messages", body);
        if (posted.value("ok", false) != true)
            throw std::runtime_error("emulator refused a message: " + posted.dump());
        return posted["ts"];
    }

    // A control API action that must succeed (join, reactions, pins, messages/update …).
    nlohmann::json act(const std::string& path, const nlohmann::json& body) {
        auto answer = emulator_.post(path, body);
        if (answer.value("ok", false) != true)
            throw std::runtime_error("emulator refused " + path + ": " + answer.dump());
        return answer;
    }

    // The channel incidentd created (name starting with `prefix`), once it exists.
    std::optional<nlohmann::json> wait_for_channel(
        const std::string& prefix = "inc-",
        std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        auto found = [&](const nlohmann::json& answer) -> std::optional<nlohmann::json> {
            for (const auto& channel : answer["channels"])
                if (channel["name"].get<std::string>().starts_with(prefix)) return channel;
            return std::nullopt;
        };
        auto answer = emulator_.poll(
            "channels", [&](const nlohmann::json& a) { return found(a).has_value(); }, timeout);
        return found(answer);
    }

    // The message incidentd pinned in `channel` (its summary: the incident thread's parent), once
    // it is there; null after `timeout`. incidentd knows the channel is the incident's by then.
    nlohmann::json wait_for_pinned_summary(
        const std::string& channel, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        auto pinned = [](const nlohmann::json& answer) {
            for (const auto& m : answer["messages"])
                if (m.contains("bot_id") && m.value("pinned", false)) return m;
            return nlohmann::json{};
        };
        return pinned(emulator_.poll(
            "channels/" + channel + "/messages",
            [&](const nlohmann::json& a) { return !pinned(a).is_null(); }, timeout));
    }

    // `/incident declare <text>` by alice in #incidents; the new channel's id once its summary is
    // pinned. Throws with what went wrong when the incident is not set up in time.
    std::string declare(const std::string& text,
                        std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
        auto answer = slash("alice", "C0INCIDENTS", "declare " + text);
        if (answer.value("ok", false) != true)
            throw std::runtime_error("declare was not answered: " + answer.dump());
        auto channel = wait_for_channel("inc-", timeout);
        if (!channel) throw std::runtime_error("no incident channel was created");
        const std::string id = (*channel)["id"];
        if (wait_for_pinned_summary(id, timeout).is_null())
            throw std::runtime_error("no summary was pinned in " + id);
        return id;
    }

    // Waits until every event the emulator has queued for `channel` was acknowledged; false when
    // one is still pending or failed after `timeout`.
    bool wait_delivered(const std::string& channel,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        auto all_delivered = [&](const nlohmann::json& answer) {
            for (const auto& d : answer["deliveries"])
                if (d["kind"] == "event_callback" && d["channel"] == channel &&
                    d["state"] != "delivered")
                    return false;
            return true;
        };
        return all_delivered(emulator_.poll("deliveries", all_delivered, timeout));
    }

    // Messages of a channel as the emulator holds them (replies included, oldest first).
    nlohmann::json messages(const std::string& channel) {
        return read("channels/" + channel + "/messages", "messages");
    }

    // One list from the control API's answer to GET `path`, e.g. read("files", "files"): a value,
    // so that a range-for over it does not outlive the answer it came from.
    nlohmann::json read(const std::string& path, const std::string& key) {
        nlohmann::json answer = emulator_.get(path);
        return answer.contains(key) ? answer[key] : nlohmann::json::array();
    }

    // Successful Web API calls of `method` (what actually happened in Slack).
    std::size_t ok_calls(const std::string& method) {
        std::size_t count = 0;
        for (const auto& call : read("calls?method=" + method, "calls"))
            if (call["status"] == 200 && call["answer"].is_object() &&
                call["answer"].value("ok", false))
                ++count;
        return count;
    }

    // Web API calls answered with HTTP `status`: of `method`, or of any method when it is empty.
    std::size_t calls_with_status(int status, const std::string& method = "") {
        std::size_t count = 0;
        for (const auto& call : read(method.empty() ? "calls" : "calls?method=" + method, "calls"))
            if (call["status"] == status) ++count;
        return count;
    }

    // The completed uploads whose content has `part`, e.g. "# Postmortem: INC-1".
    nlohmann::json files_containing(const std::string& part) {
        nlohmann::json found = nlohmann::json::array();
        for (const auto& f : read("files", "files"))
            if (f.value("completed", false) && contains(f["content"], part)) found.push_back(f);
        return found;
    }

    // From now on the store refuses, as a full disk would, every entry whose text is `text`: a
    // trigger added over a second connection, as another process with the file could add it.
    void refuse_entries_with_text(const std::string& text) {
        SQLite::Database db(store_path(), SQLite::OPEN_READWRITE);
        db.setBusyTimeout(5000);  // incidentd's writer may be committing outbox results
        SQLite::Statement create(db,
                                 "SELECT 'CREATE TRIGGER refuse_text BEFORE INSERT ON entries "
                                 "WHEN NEW.text = ' || quote(?) || ' BEGIN SELECT RAISE(ABORT, "
                                 "''injected storage failure''); END'");
        create.bind(1, text);
        REQUIRE(create.executeStep());
        db.exec(create.getColumn(0).getString());
    }
    // Ends refuse_entries_with_text().
    void accept_entries_again() {
        SQLite::Database db(store_path(), SQLite::OPEN_READWRITE);
        db.setBusyTimeout(5000);
        db.exec("DROP TRIGGER refuse_text");
    }

    // The environment `incidentd serve` runs with here; no INCIDENTD_CONFIG; the app token only
    // for Socket Mode.
    std::map<std::string, std::string> environment() const {
        std::map<std::string, std::string> env{
            {"INCIDENTD_SERVER_LISTEN", "127.0.0.1:" + std::to_string(port_)},
            {"INCIDENTD_STORE_PATH", store_path()},
            {"INCIDENTD_SLACK_API_URL", emulator_.url() + "/api/"},
            {"INCIDENTD_SLACK_ANNOUNCE_CHANNEL", options_.announce_channel},
            {"INCIDENTD_SLACK_RESPONDERS", options_.responders},
            {"INCIDENTD_INCIDENTS_ARCHIVE_AFTER", options_.archive_after},
            {"INCIDENTD_STORE_SEAL_INTERVAL", options_.seal_interval},
            {"SLACK_BOT_TOKEN", Emulator::bot_token},
            {"SLACK_SIGNING_SECRET", Emulator::signing_secret},
        };
        if (ca_) env["INCIDENTD_SLACK_CA_FILE"] = ca_->ca_pem();
        if (options_.socket_mode) env["SLACK_APP_TOKEN"] = Emulator::app_token;
        return env;
    }

  private:
    HttpOptions client_options() const {
        HttpOptions client;
        if (ca_) client.ca_file = ca_->ca_pem();
        return client;
    }
    std::vector<std::string> emulator_args() const {
        std::vector<std::string> args{"--rate-limits", options_.rate_limits ? "on" : "off"};
        // The emulator grants only what the shipped manifest grants, so every end-to-end test
        // also shows that the manifest is enough for what incidentd does.
        const std::string manifest = options_.socket_mode ? "slack-app-manifest.socket-mode.json"
                                                          : "slack-app-manifest.json";
        args.insert(args.end(), {"--manifest", INCIDENTD_SOURCE_DIR "/deploy/" + manifest});
        // Over Socket Mode the emulator has no request URL: everything goes over the WebSocket.
        if (!options_.socket_mode)
            args.insert(args.end(), {"--request-url",
                                     "http://127.0.0.1:" + std::to_string(port_) + "/slack/events",
                                     "--no-url-verification"});
        if (ca_)
            args.insert(args.end(), {"--tls-cert", ca_->cert_pem(), "--tls-key", ca_->key_pem()});
        args.insert(args.end(), options_.emulator_args.begin(), options_.emulator_args.end());
        return args;
    }

    StackOptions options_;
    TempDir dir_;
    std::unique_ptr<TestCa> ca_;
    unsigned short port_;
    Emulator emulator_;
    std::unique_ptr<Incidentd> incidentd_;  // last: stopped before the emulator it talks to
};

}  // namespace incidentd::test
