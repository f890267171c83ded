// Reading Slack's JSON as untrusted input: parsing with a nesting bound, and field readers that
// name the field that was missing or of the wrong type (nlohmann's own errors name neither).
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace incidentd::slack {

// Slack's payloads nest a dozen levels at most (rich-text blocks); anything deeper is hostile.
inline constexpr int max_json_depth = 64;

// Thrown by the readers below and by the from_json functions; the decoders turn it into a value.
class FieldError : public std::runtime_error {
  public:
    FieldError(std::string path, std::string problem);
    const std::string& path() const { return path_; }
    const std::string& problem() const { return problem_; }

  private:
    std::string path_;  // "event.item.ts", "actions[2].action_id"; "" for the value itself
    std::string problem_;
};

// The parsed document, or nothing with `problem` saying why (syntax, depth, encoding).
std::optional<nlohmann::json> parse_json_bounded(std::string_view text, std::string& problem);

// "a string", "a number", … for messages.
std::string_view json_type_name(const nlohmann::json& value);

// Throws FieldError unless `value` is an object.
void require_object(const nlohmann::json& value);

// Missing and null read as "" (Slack omits or nulls optional fields); any other type is an error.
std::string string_field(const nlohmann::json& object, std::string_view key);
std::optional<std::string> optional_string_field(const nlohmann::json& object,
                                                 std::string_view key);
// As string_field, and empty is an error too.
std::string required_string_field(const nlohmann::json& object, std::string_view key);

// Whole numbers that fit in 64 bits; fractions, overflowing values and strings are errors.
std::optional<std::int64_t> optional_integer_field(const nlohmann::json& object,
                                                   std::string_view key);
std::int64_t required_integer_field(const nlohmann::json& object, std::string_view key);

bool bool_field(const nlohmann::json& object, std::string_view key, bool when_missing = false);

// The field when it is an object; nothing when missing or null; an error for any other type.
const nlohmann::json* optional_object_field(const nlohmann::json& object, std::string_view key);

// Runs `read` on the named field, prefixing the field's name to any FieldError it throws.
template <class Read>
auto within(std::string_view key, Read&& read) -> decltype(read()) {
    try {
        return read();
    } catch (const FieldError& e) {
        std::string path{key};
        if (!e.path().empty()) path += (e.path().front() == '[' ? "" : ".") + e.path();
        throw FieldError(std::move(path), e.problem());
    }
}

// The named field converted with its from_json; the field's name is prefixed to errors.
template <class T>
T nested_field(const nlohmann::json& object, std::string_view key) {
    const auto* value = optional_object_field(object, key);
    if (!value) throw FieldError(std::string{key}, "is missing");
    return within(key, [&] { return value->template get<T>(); });
}

// The named array's elements converted with their from_json; missing or null is empty.
template <class T>
std::vector<T> array_field(const nlohmann::json& object, std::string_view key) {
    std::vector<T> out;
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return out;
    if (!it->is_array())
        throw FieldError(std::string{key},
                         "must be an array, not " + std::string{json_type_name(*it)});
    out.reserve(it->size());
    for (std::size_t i = 0; i < it->size(); ++i) {
        out.push_back(within(std::string{key} + "[" + std::to_string(i) + "]",
                             [&] { return (*it)[i].template get<T>(); }));
    }
    return out;
}

}  // namespace incidentd::slack
