// What a Web API call came to: Slack's JSON answer, or an error that names Slack's error code, the
// HTTP status or the transport failure, so callers can branch on "name_taken" and the like.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace incidentd::slack {

enum class ErrorKind {
    slack,      // HTTP 200 (or 429) with {"ok":false,"error":code}
    http,       // another HTTP status; code is Slack's error if the body had one, else "http_<n>"
    transport,  // no usable answer; code is one of transport_error below
};
std::string_view to_string(ErrorKind kind);

// The codes of transport failures.
namespace transport_error {
inline constexpr std::string_view resolve_failed = "resolve_failed";
inline constexpr std::string_view connection_refused = "connection_refused";
inline constexpr std::string_view connect_failed = "connect_failed";
inline constexpr std::string_view tls_verification_failed = "tls_verification_failed";
inline constexpr std::string_view tls_handshake_failed = "tls_handshake_failed";
inline constexpr std::string_view timeout = "timeout";
inline constexpr std::string_view connection_closed = "connection_closed";
inline constexpr std::string_view invalid_response = "invalid_response";
// The call's overall deadline passed (or a wait it was told to do would pass it).
inline constexpr std::string_view deadline_exceeded = "deadline_exceeded";
}  // namespace transport_error

struct ApiError {
    ErrorKind kind = ErrorKind::transport;
    std::string code;     // "name_taken", "http_502", "connection_refused", …
    int http_status = 0;  // 0 when no answer came
    std::string message;  // for people: what failed and what to do; never holds the token
    // When Slack said how long to wait (429 Retry-After), so a caller can schedule a later try.
    std::optional<std::chrono::seconds> retry_after;
};

class ApiResult {
  public:
    static ApiResult success(nlohmann::json body, int attempts);
    // `body` is Slack's answer when there was one (it may name `needed` scopes and the like).
    static ApiResult failure(ApiError error, int attempts, nlohmann::json body = nullptr);

    bool ok() const { return !error_; }
    explicit operator bool() const { return ok(); }

    // The answer's JSON: {"ok":true,…} on success, Slack's error body (or null) otherwise.
    const nlohmann::json& body() const { return body_; }
    // Only when !ok().
    const ApiError& error() const { return *error_; }
    // "" on success, else the error's code.
    std::string_view error_code() const;
    // HTTP requests sent for the call, retries included.
    int attempts() const { return attempts_; }

  private:
    nlohmann::json body_;
    std::optional<ApiError> error_;
    int attempts_ = 0;
};

}  // namespace incidentd::slack
