// What the durability tests share: a keep-alive HTTP client that survives the server's death, the
// headers Slack signs an event with, and reading an incident's record straight from the store.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <SQLiteCpp/SQLiteCpp.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include "slack/signature.hpp"
#include "support/http_client.hpp"
#include "support/incidentd.hpp"

namespace incidentd::test {

// Where an exchange failed: before the request left (the server is down), or after it was sent
// and before an answer came (the server died with the request in flight).
enum class SendStage { none, connect, write, read };

struct KeepAliveResult {
    HttpResult http;
    SendStage failed_at = SendStage::none;
    bool fresh_connection = false;  // the request went out on a connection opened for it
};

// One HTTP/1.1 connection to a loopback server, reused across requests as Slack reuses its
// connections; opened again after any failure. Plain HTTP only.
class KeepAliveClient {
  public:
    KeepAliveClient(std::string host, unsigned short port, std::chrono::milliseconds timeout)
        : host_(std::move(host)), port_(port), timeout_(timeout) {}

    KeepAliveResult post(const std::string& target,
                         const std::vector<std::pair<std::string, std::string>>& headers,
                         const std::string& body) {
        namespace asio = boost::asio;
        namespace beast = boost::beast;
        namespace http = beast::http;
        KeepAliveResult result;
        http::request<http::string_body> request{http::verb::post, target, 11};
        request.set(http::field::host, host_ + ":" + std::to_string(port_));
        for (const auto& [name, value] : headers)
            request.set(name, value);
        request.body() = body;
        request.keep_alive(true);
        request.prepare_payload();

        asio::co_spawn(
            io_,
            [&]() -> asio::awaitable<void> {
                if (!stream_) {
                    stream_ = std::make_unique<beast::tcp_stream>(io_);
                    stream_->expires_after(timeout_);
                    auto [ec] =
                        co_await stream_->async_connect({asio::ip::make_address(host_), port_},
                                                        asio::as_tuple(asio::use_awaitable));
                    if (ec) {
                        result.failed_at = SendStage::connect;
                        result.http.error = "connect: " + ec.message();
                        co_return;
                    }
                    result.fresh_connection = true;
                }
                stream_->expires_after(timeout_);
                auto [write_error, written] = co_await http::async_write(
                    *stream_, request, asio::as_tuple(asio::use_awaitable));
                if (write_error) {
                    result.failed_at = SendStage::write;
                    result.http.error = "write: " + write_error.message();
                    co_return;
                }
                http::response<http::string_body> response;
                auto [read_error, read] = co_await http::async_read(
                    *stream_, buffer_, response, asio::as_tuple(asio::use_awaitable));
                if (read_error) {
                    result.failed_at = SendStage::read;
                    result.http.error = "read: " + read_error.message();
                    co_return;
                }
                result.http.status = static_cast<int>(response.result_int());
                result.http.body = std::move(response.body());
                if (!response.keep_alive()) result.http.error = "closed by server";
            },
            asio::detached);
        io_.restart();
        io_.run();
        if (result.failed_at != SendStage::none || !result.http.error.empty()) close();
        return result;
    }

  private:
    void close() {
        if (stream_) stream_->socket().close();
        stream_.reset();
        buffer_.clear();
    }

    std::string host_;
    unsigned short port_;
    std::chrono::milliseconds timeout_;
    boost::asio::io_context io_;
    std::unique_ptr<boost::beast::tcp_stream> stream_;
    boost::beast::flat_buffer buffer_;
};

// The headers Slack sends with an event: content type, timestamp and signature, and on a
// redelivery X-Slack-Retry-Num / X-Slack-Retry-Reason.
inline std::vector<std::pair<std::string, std::string>> slack_event_headers(
    const std::string& body, int retry_num = 0, const std::string& retry_reason = "") {
    const std::string timestamp = unix_seconds_now();
    std::vector<std::pair<std::string, std::string>> headers{
        {"Content-Type", "application/json"},
        {"X-Slack-Request-Timestamp", timestamp},
        {"X-Slack-Signature", slack::compute_signature(Emulator::signing_secret, timestamp, body)}};
    if (retry_num > 0) {
        headers.emplace_back("X-Slack-Retry-Num", std::to_string(retry_num));
        headers.emplace_back("X-Slack-Retry-Reason", retry_reason);
    }
    return headers;
}

// One row of `entries` as the store holds it.
struct StoredEntry {
    std::int64_t seq = 0;
    std::string kind;
    std::string ts;
    std::string payload;  // the raw Slack body, or "" for incidentd's own actions

    // The Slack event_id the entry was recorded from; "" when it came from no event.
    std::string event_id() const {
        if (payload.empty()) return "";
        auto body = nlohmann::json::parse(payload, nullptr, false);
        if (!body.is_object()) return "";
        auto id = body.find("event_id");
        return id != body.end() && id->is_string() ? id->get<std::string>() : "";
    }
};

// The record of incident number `incident`, in seq order, read from the store file (read-only,
// so it may run while incidentd is serving).
inline std::vector<StoredEntry> stored_entries(const std::string& store_path,
                                               std::int64_t incident) {
    SQLite::Database db(store_path, SQLite::OPEN_READONLY);
    db.setBusyTimeout(5000);
    SQLite::Statement query(
        db, "SELECT seq, kind, ts, payload FROM entries WHERE incident = ? ORDER BY seq");
    query.bind(1, incident);
    std::vector<StoredEntry> entries;
    while (query.executeStep())
        entries.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                           query.getColumn(2).getString(), query.getColumn(3).getString()});
    return entries;
}

// Every incident number in the store.
inline std::vector<std::int64_t> stored_incidents(const std::string& store_path) {
    SQLite::Database db(store_path, SQLite::OPEN_READONLY);
    db.setBusyTimeout(5000);
    SQLite::Statement query(db, "SELECT number FROM incidents ORDER BY number");
    std::vector<std::int64_t> numbers;
    while (query.executeStep())
        numbers.push_back(query.getColumn(0).getInt64());
    return numbers;
}

// Outbox rows not done (pending or given up), as "method [state]: last error" lines.
inline std::vector<std::string> unfinished_outbox(const std::string& store_path) {
    SQLite::Database db(store_path, SQLite::OPEN_READONLY);
    db.setBusyTimeout(5000);
    SQLite::Statement query(
        db, "SELECT method, state, attempts, last_error FROM outbox WHERE state != 'done'");
    std::vector<std::string> rows;
    while (query.executeStep())
        rows.push_back(query.getColumn(0).getString() + " [" + query.getColumn(1).getString() +
                       ", " + std::to_string(query.getColumn(2).getInt()) +
                       " attempts]: " + query.getColumn(3).getString());
    return rows;
}

// `incidentd verify INC-<n>` for every incident in the store: the failures, as "INC-n: message".
inline std::vector<std::string> verify_failures(const Incidentd& incidentd,
                                                const std::string& store_path) {
    std::vector<std::string> failures;
    for (std::int64_t number : stored_incidents(store_path)) {
        const std::string id = "INC-" + std::to_string(number);
        auto result = incidentd.run({"verify", id});
        if (result.status != 0) failures.push_back(id + ": " + result.out + result.err);
    }
    return failures;
}

}  // namespace incidentd::test
