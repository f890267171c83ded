// A closed-loop HTTP/1.1 load generator for incidentd's Events API endpoint: N signed message events,
// built and signed before the clock starts, sent over C keep-alive connections, each connection
// sending its next request only after the previous answer arrived.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/system/system_error.hpp>
#include <nlohmann/json.hpp>

#include "slack/api_url.hpp"
#include "slack/signature.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using namespace std::chrono;
using namespace incidentd;

namespace {

struct Options {
    std::string url;
    std::string channel;
    std::string user = "U0BOB";
    std::size_t events = 1000;
    std::size_t concurrency = 1;
    std::size_t threads = 1;
    std::string signing_secret;
    std::string secret_file;
    std::uint64_t start_id = 0;
    bool plain = false;
    bool json = false;
    unsigned timeout_seconds = 30;
};

// Outcomes that are not an HTTP status, kept in the same field as one.
constexpr int transport_error = -1;  // connect, write or read failed, or timed out
constexpr int malformed_answer = -2;

struct Outcome {
    std::int64_t nanos = 0;  // from just before the write to the answer's last byte
    int status = 0;
};

// Everything the connections share: the requests, which one is next, and where each outcome goes.
// Each request index is taken by exactly one connection, so outcomes need no lock.
struct Run {
    std::vector<std::string> requests;
    std::vector<Outcome> outcomes;
    std::atomic<std::size_t> next{0};
    seconds timeout{30};
};

// A Slack message ts, unique per event id: the seconds of the run's start plus the id as
// microseconds, so that runs started later with higher --start-id never repeat a ts.
std::string message_ts(std::time_t base, std::uint64_t id) {
    char text[48];
    std::snprintf(text, sizeof text, "%lld.%06llu",
                  static_cast<long long>(base) + static_cast<long long>(id / 1000000),
                  static_cast<unsigned long long>(id % 1000000));
    return text;
}

// The Events API envelope Slack sends for a message in a channel (see tests/support/incidentd.hpp
// message_event_body), with a unique event_id and ts.
std::string event_body(const Options& o, std::uint64_t id, std::time_t now) {
    const std::string ts = message_ts(now, id);
    return nlohmann::json{{"token", "bench-verification-token"},
                          {"team_id", "T0EMULATOR"},
                          {"api_app_id", "A0INCIDENTD"},
                          {"type", "event_callback"},
                          {"event_id", "EvBENCH" + std::to_string(id)},
                          {"event_time", now},
                          {"event",
                           {{"type", "message"},
                            {"channel", o.channel},
                            {"channel_type", "channel"},
                            {"user", o.user},
                            {"text", "bench " + std::to_string(id) + ": checkout p99 above SLO"},
                            {"ts", ts},
                            {"event_ts", ts}}}}
        .dump();
}

// Every request's bytes, signed now: Slack's replay window (5 minutes) bounds how long a run may
// take.
std::vector<std::string> build_requests(const Options& o, const slack::ApiUrl& url,
                                        const std::string& secret) {
    const std::time_t now = std::time(nullptr);
    const std::string timestamp = std::to_string(now);
    std::vector<std::string> requests;
    requests.reserve(o.events);
    for (std::size_t k = 0; k < o.events; ++k) {
        const std::string body = event_body(o, o.start_id + k, now);
        std::string r =
            "POST " + url.path + " HTTP/1.1\r\nHost: " + url.origin.host_header() +
            "\r\nContent-Type: application/json\r\nX-Slack-Request-Timestamp: " + timestamp +
            "\r\nX-Slack-Signature: " + slack::compute_signature(secret, timestamp, body) +
            "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
        requests.push_back(std::move(r));
    }
    return requests;
}

bool iequals(char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
}

// The value of header `name` (given as "\r\nname:") in `head`, trimmed; empty when absent.
std::string_view header_value(std::string_view head, std::string_view name) {
    const auto at = std::search(head.begin(), head.end(), name.begin(), name.end(), iequals);
    if (at == head.end()) return {};
    std::string_view rest = head.substr(static_cast<std::size_t>(at - head.begin()) + name.size());
    rest = rest.substr(0, rest.find("\r\n"));
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t'))
        rest.remove_prefix(1);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t'))
        rest.remove_suffix(1);
    return rest;
}

struct Answer {
    int status = 0;
    bool keep_alive = true;
};

// Reads one answer. Deliberately minimal: the status line, Content-Length and Connection are all
// the servers measured here send (incidentd and nginx answer with Content-Length); a full parser
// would spend the cores the server under test needs. Anything else is a malformed answer.
asio::awaitable<Answer> read_answer(beast::tcp_stream& stream, std::string& buffer) {
    constexpr std::size_t chunk = 4096;
    constexpr std::size_t head_limit = 64 * 1024;
    std::size_t head_end = std::string::npos;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
        if (buffer.size() > head_limit) co_return Answer{malformed_answer, false};
        const std::size_t old = buffer.size();
        buffer.resize(old + chunk);
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(buffer.data() + old, chunk),
                                                       asio::as_tuple(asio::use_awaitable));
        buffer.resize(old + n);
        if (ec) co_return Answer{transport_error, false};
    }
    const std::string_view head(buffer.data(), head_end + 2);
    Answer answer;
    if (head.size() < 12 || !head.starts_with("HTTP/1.") || head[8] != ' ')
        co_return Answer{malformed_answer, false};
    answer.status = std::atoi(std::string(head.substr(9, 3)).c_str());
    const auto length_text = header_value(head, "\r\ncontent-length:");
    const std::string_view connection = header_value(head, "\r\nconnection:");
    answer.keep_alive = !(connection.size() == 5 &&
                          std::equal(connection.begin(), connection.end(), "close", iequals));
    const bool bodiless = answer.status == 204 || answer.status == 304 || answer.status < 200;
    if (length_text.empty() && !bodiless) co_return Answer{malformed_answer, false};
    const std::size_t length =
        length_text.empty() ? 0 : std::strtoull(std::string(length_text).c_str(), nullptr, 10);
    const std::size_t total = head_end + 4 + length;
    while (buffer.size() < total) {
        const std::size_t old = buffer.size();
        const std::size_t want = std::max(chunk, total - old);
        buffer.resize(old + want);
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(buffer.data() + old, want),
                                                       asio::as_tuple(asio::use_awaitable));
        buffer.resize(old + n);
        if (ec) co_return Answer{transport_error, false};
    }
    buffer.erase(0, total);
    co_return answer;
}

// One keep-alive connection: takes the next request, writes it, waits for the answer, repeats.
// A broken connection costs the request in flight; the next one goes over a new connection.
asio::awaitable<void> drive_connection(Run& run, beast::tcp_stream& stream, tcp::endpoint peer) {
    std::string buffer;
    buffer.reserve(8192);
    bool connected = true;  // main() connected every stream before the clock started
    for (;;) {
        const std::size_t k = run.next.fetch_add(1, std::memory_order_relaxed);
        if (k >= run.requests.size()) break;
        Outcome& outcome = run.outcomes[k];
        if (!connected) {
            buffer.clear();
            stream.expires_after(run.timeout);
            auto [ec] = co_await stream.async_connect(peer, asio::as_tuple(asio::use_awaitable));
            if (ec) {
                outcome.status = transport_error;
                stream.close();
                continue;
            }
            stream.socket().set_option(tcp::no_delay(true));
            connected = true;
        }
        const auto start = steady_clock::now();
        stream.expires_after(run.timeout);
        auto [ec, n] = co_await asio::async_write(stream, asio::buffer(run.requests[k]),
                                                  asio::as_tuple(asio::use_awaitable));
        Answer answer{transport_error, false};
        if (!ec) answer = co_await read_answer(stream, buffer);
        outcome.nanos = duration_cast<nanoseconds>(steady_clock::now() - start).count();
        outcome.status = answer.status;
        if (!answer.keep_alive) {
            stream.close();
            connected = false;
        }
    }
    stream.close();
}

double percentile_ms(const std::vector<std::int64_t>& sorted, double p) {
    if (sorted.empty()) return 0;
    // Nearest rank: the smallest value with at least p of the samples at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return static_cast<double>(sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1]) / 1e6;
}

std::string status_name(int status) {
    if (status == transport_error) return "transport_error";
    if (status == malformed_answer) return "malformed_answer";
    if (status == 0) return "not_sent";
    return std::to_string(status);
}

std::string read_secret(const std::string& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error("loadgen: cannot read --secret-file " + file);
    std::string secret((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r'))
        secret.pop_back();
    return secret;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    CLI::App app{
        "loadgen: closed-loop HTTP/1.1 load of signed Slack message events on keep-alive "
        "connections. Latencies are reported as measured, without coordinated-omission "
        "correction. Requests are signed before the run starts: a run must finish within Slack's "
        "5-minute replay window.",
        "loadgen"};
    app.add_option("--url", o.url, "http://127.0.0.1:PORT/slack/events (loopback only)")
        ->required();
    app.add_option("--channel", o.channel, "Channel id the messages are posted in")->required();
    app.add_option("--user", o.user, "User id of the messages' author")->capture_default_str();
    app.add_option("--events", o.events, "Number of requests")->capture_default_str();
    app.add_option("--concurrency", o.concurrency, "Keep-alive connections")
        ->capture_default_str()
        ->check(CLI::Range(1, 10000));
    app.add_option("--threads", o.threads, "Threads running the connections (1 or 2 is enough)")
        ->capture_default_str()
        ->check(CLI::Range(1, 64));
    auto* secret = app.add_option("--signing-secret", o.signing_secret, "Slack signing secret");
    app.add_option("--secret-file", o.secret_file, "File holding the signing secret")
        ->excludes(secret);
    app.add_option("--start-id", o.start_id,
                   "First event number (EvBENCH<k>): give each run its own range")
        ->capture_default_str();
    app.add_option("--timeout", o.timeout_seconds, "Seconds allowed for each request")
        ->capture_default_str();
    app.add_flag("--plain", o.plain,
                 "Any 2xx answer counts as ok (for a server that does not read the request)");
    app.add_flag("--json", o.json, "Print the results as one JSON line");
    CLI11_PARSE(app, argc, argv);

    std::string problem;
    const auto url = slack::parse_api_url(o.url, problem);
    if (!url || url->origin.tls) {
        std::cerr << "loadgen: --url " << o.url << ": "
                  << (url ? "https is not supported, use http://" : problem) << "\n";
        return 2;
    }
    std::string key;
    try {
        key = o.secret_file.empty() ? o.signing_secret : read_secret(o.secret_file);
    } catch (const std::exception& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
    if (key.empty()) {
        std::cerr << "loadgen: give --signing-secret or --secret-file\n";
        return 2;
    }

    Run run;
    run.timeout = seconds(o.timeout_seconds);
    run.requests = build_requests(o, *url, key);
    run.outcomes.resize(run.requests.size());

    asio::io_context io(static_cast<int>(o.threads));
    tcp::endpoint peer;
    std::vector<std::unique_ptr<beast::tcp_stream>> streams;
    try {
        tcp::resolver resolver(io);
        peer = *resolver.resolve(url->origin.host, url->origin.port).begin();
        // Connections are opened before the clock starts: the figure is for requests, not
        // handshakes.
        for (std::size_t c = 0; c < o.concurrency; ++c) {
            auto stream = std::make_unique<beast::tcp_stream>(asio::make_strand(io));
            stream->socket().connect(peer);
            stream->socket().set_option(tcp::no_delay(true));
            streams.push_back(std::move(stream));
        }
    } catch (const boost::system::system_error& e) {
        std::cerr << "loadgen: cannot connect to " << o.url << ": " << e.code().message() << "\n";
        return 2;
    }

    const auto start = steady_clock::now();
    for (auto& stream : streams)
        asio::co_spawn(stream->get_executor(), drive_connection(run, *stream, peer),
                       asio::detached);
    std::vector<std::thread> helpers;
    for (std::size_t t = 1; t < o.threads; ++t)
        helpers.emplace_back([&io] { io.run(); });
    io.run();
    for (auto& h : helpers)
        h.join();
    const double wall = duration<double>(steady_clock::now() - start).count();

    std::vector<std::int64_t> latencies;
    latencies.reserve(run.outcomes.size());
    std::map<std::string, std::size_t> failed_by_status;
    std::size_t ok = 0;
    for (const auto& outcome : run.outcomes) {
        const bool good =
            o.plain ? outcome.status >= 200 && outcome.status < 300 : outcome.status == 200;
        if (good) {
            ++ok;
            latencies.push_back(outcome.nanos);
        } else {
            ++failed_by_status[status_name(outcome.status)];
        }
    }
    std::sort(latencies.begin(), latencies.end());
    const std::size_t failed = run.outcomes.size() - ok;
    const double throughput = wall > 0 ? static_cast<double>(ok) / wall : 0;
    const double p50 = percentile_ms(latencies, 0.50), p90 = percentile_ms(latencies, 0.90),
                 p99 = percentile_ms(latencies, 0.99), p999 = percentile_ms(latencies, 0.999),
                 max = latencies.empty() ? 0 : static_cast<double>(latencies.back()) / 1e6;

    if (o.json) {
        nlohmann::json out{
            {"url", o.url},
            {"mode", o.plain ? "plain" : "events"},
            {"events", o.events},
            {"concurrency", o.concurrency},
            {"threads", o.threads},
            {"ok", ok},
            {"failed", failed},
            {"failed_by_status", failed_by_status},
            {"wall_s", wall},
            {"throughput_per_s", throughput},
            {"latency_ms",
             {{"p50", p50}, {"p90", p90}, {"p99", p99}, {"p99.9", p999}, {"max", max}}},
            {"coordinated_omission_correction", false}};
        std::cout << out.dump() << "\n";
    } else {
        std::printf("loadgen: %zu %s requests to %s, %zu connections, %zu thread(s)\n", o.events,
                    o.plain ? "plain" : "event", o.url.c_str(), o.concurrency, o.threads);
        std::printf("  ok %zu  failed %zu", ok, failed);
        for (const auto& [status, count] : failed_by_status)
            std::printf("  [%s: %zu]", status.c_str(), count);
        std::printf("\n  wall %.3f s  throughput %.0f /s\n", wall, throughput);
        std::printf(
            "  latency ms (as measured, no coordinated-omission correction; ok requests):\n"
            "    p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f\n",
            p50, p90, p99, p999, max);
    }
    return failed == 0 ? 0 : 1;
}
