// What a typed Web API call (slack/web_api_*.hpp) comes to: the fields incidentd reads of Slack's
// answer, decoded into the method's struct, or the call's ApiError (Slack's code, the HTTP status
// or the transport failure) with the codes incidentd acts on named in the method's own enum.
// In the argument structs an optional argument is a std::optional with `= std::nullopt`, so that a
// designated initializer may leave it out (GCC warns about members without an initializer).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "slack/api_result.hpp"

namespace incidentd::slack {

// The error enum of a method whose codes incidentd does not tell apart.
enum class UnnamedError { other };
NLOHMANN_JSON_SERIALIZE_ENUM(UnnamedError, {{UnnamedError::other, nullptr}})

// The value of a method whose answer incidentd reads nothing of but its "ok".
struct Accepted {};
inline void from_json(const nlohmann::json&, Accepted&) {}

// `Code` is an enum with an `other` value and Slack's names beside it
// (NLOHMANN_JSON_SERIALIZE_ENUM, `other` first so that every unlisted code reads as `other`).
template <class Value, class Code = UnnamedError>
class WebResult {
  public:
    using ErrorCode = Code;

    static WebResult success(Value value, int attempts) {
        WebResult result;
        result.value_ = std::move(value);
        result.attempts_ = attempts;
        return result;
    }
    // A transport failure names no Slack code, so its code() is `other` whatever error.code says.
    static WebResult failure(ApiError error, int attempts) {
        WebResult result;
        if (error.kind != ErrorKind::transport)
            result.code_ = nlohmann::json(error.code).template get<Code>();
        result.error_ = std::move(error);
        result.attempts_ = attempts;
        return result;
    }

    bool ok() const { return value_.has_value(); }
    explicit operator bool() const { return ok(); }

    // Only when ok().
    const Value& value() const { return *value_; }
    const Value* operator->() const { return &*value_; }

    // Only when !ok(). error() keeps what tells "Slack refused" from "no clear answer came"
    // (kind, is_transient, answer_lost) and the raw code; code() is that code named, when the
    // method's enum lists it.
    const ApiError& error() const { return *error_; }
    Code code() const { return code_; }

    // HTTP requests sent for the call, retries included.
    int attempts() const { return attempts_; }

  private:
    std::optional<Value> value_;
    std::optional<ApiError> error_;
    Code code_ = Code::other;
    int attempts_ = 0;
};

// `answer` typed: on success its body read into Value by the from_json beside Value.
template <class Value, class Code = UnnamedError>
WebResult<Value, Code> typed(const ApiResult& answer) {
    if (!answer) return WebResult<Value, Code>::failure(answer.error(), answer.attempts());
    return WebResult<Value, Code>::success(answer.body().template get<Value>(), answer.attempts());
}

// Readers for the from_json of answers, as lenient as incidentd has always read Slack's answers:
// a field that is missing or of another type reads as empty (an answer's `ok` is what counts).
std::string lenient_string(const nlohmann::json& object, std::string_view key);
// Any JSON number, truncated to a whole one.
std::int64_t lenient_integer(const nlohmann::json& object, std::string_view key);
// The field when it is an object, else an empty object.
const nlohmann::json& lenient_object(const nlohmann::json& object, std::string_view key);

// The field's elements read by T's from_json, when the field is an array.
template <class T>
std::vector<T> lenient_items(const nlohmann::json& object, std::string_view key) {
    std::vector<T> out;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_array()) return out;
    out.reserve(it->size());
    for (const nlohmann::json& item : *it)
        out.push_back(item.template get<T>());
    return out;
}

}  // namespace incidentd::slack
