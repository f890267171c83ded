#include "slack/json_fields.hpp"

#include <limits>

namespace incidentd::slack {

using nlohmann::json;

FieldError::FieldError(std::string path, std::string problem)
    : std::runtime_error(path.empty() ? problem : path + " " + problem),
      path_(std::move(path)),
      problem_(std::move(problem)) {}

std::optional<json> parse_json_bounded(std::string_view text, std::string& problem) {
    bool too_deep = false;
    // Returning false discards the too-deep value, so a hostile document is never built in memory;
    // the flag remembers it happened.
    json::parser_callback_t bound = [&too_deep](int depth, json::parse_event_t event, json&) {
        if ((event == json::parse_event_t::object_start ||
             event == json::parse_event_t::array_start) &&
            depth >= max_json_depth) {
            too_deep = true;
            return false;
        }
        return !too_deep;
    };
    json parsed;
    try {
        parsed = json::parse(text.begin(), text.end(), bound, true, false);
    } catch (const json::exception& e) {  // parse_error, and out_of_range for 1e999
        problem = "is not valid JSON (" + std::string{e.what()} + ")";
        return std::nullopt;
    }
    if (too_deep) {
        problem = "nests deeper than " + std::to_string(max_json_depth) + " levels";
        return std::nullopt;
    }
    return parsed;
}

std::string_view json_type_name(const json& value) {
    switch (value.type()) {
        case json::value_t::null:
            return "null";
        case json::value_t::object:
            return "an object";
        case json::value_t::array:
            return "an array";
        case json::value_t::string:
            return "a string";
        case json::value_t::boolean:
            return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float:
            return "a number";
        case json::value_t::binary:
            return "binary data";
        case json::value_t::discarded:
            return "a discarded value";
    }
    return "an unknown type";
}

void require_object(const json& value) {
    if (!value.is_object())
        throw FieldError("", "must be an object, not " + std::string{json_type_name(value)});
}

namespace {

const json* present(const json& object, std::string_view key) {
    require_object(object);
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return nullptr;
    return &*it;
}

[[noreturn]] void wrong_type(std::string_view key, std::string_view wanted, const json& value) {
    throw FieldError(std::string{key}, "must be " + std::string{wanted} + ", not " +
                                           std::string{json_type_name(value)});
}

}  // namespace

std::optional<std::string> optional_string_field(const json& object, std::string_view key) {
    const json* value = present(object, key);
    if (!value) return std::nullopt;
    if (!value->is_string()) wrong_type(key, "a string", *value);
    return value->get<std::string>();
}

std::string string_field(const json& object, std::string_view key) {
    return optional_string_field(object, key).value_or("");
}

std::string required_string_field(const json& object, std::string_view key) {
    std::string value = string_field(object, key);
    if (value.empty()) throw FieldError(std::string{key}, "is missing or empty");
    return value;
}

std::optional<std::int64_t> optional_integer_field(const json& object, std::string_view key) {
    const json* value = present(object, key);
    if (!value) return std::nullopt;
    if (value->is_number_integer() && !value->is_number_unsigned())
        return value->get<std::int64_t>();
    if (value->is_number_unsigned()) {
        const auto n = value->get<std::uint64_t>();
        if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            throw FieldError(std::string{key}, "is too large");
        return static_cast<std::int64_t>(n);
    }
    wrong_type(key, "a whole number", *value);
}

std::int64_t required_integer_field(const json& object, std::string_view key) {
    auto value = optional_integer_field(object, key);
    if (!value) throw FieldError(std::string{key}, "is missing");
    return *value;
}

bool bool_field(const json& object, std::string_view key, bool when_missing) {
    const json* value = present(object, key);
    if (!value) return when_missing;
    if (!value->is_boolean()) wrong_type(key, "true or false", *value);
    return value->get<bool>();
}

const json* optional_object_field(const json& object, std::string_view key) {
    const json* value = present(object, key);
    if (value && !value->is_object()) wrong_type(key, "an object", *value);
    return value;
}

}  // namespace incidentd::slack
