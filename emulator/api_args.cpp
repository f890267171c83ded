// Decoding of Web API arguments from query strings, form bodies and JSON bodies.
#include "emulator/api_args.hpp"

#include <charconv>

#include <boost/url/parse.hpp>

#include "slack/form.hpp"

namespace incidentd::emulator {
namespace {

void merge_form(nlohmann::json& args, std::string_view encoded) {
    if (encoded.empty()) return;
    if (auto fields = slack::parse_form(encoded)) {
        for (const auto& [key, value] : *fields)
            args[key] = value;
    }
}

}  // namespace

ParsedArgs parse_api_args(const Request& request, bool accepts_json) {
    ParsedArgs parsed;
    if (auto target = boost::urls::parse_origin_form(request.target());
        target && target->has_query()) {
        merge_form(parsed.args, target->encoded_query());
    }
    const auto content_type = request[http::field::content_type];
    if (content_type.starts_with("application/json")) {
        parsed.json_body = true;
        if (accepts_json) {
            auto body = nlohmann::json::parse(request.body(), nullptr, false);
            if (body.is_discarded() || !body.is_object()) {
                parsed.error = "invalid_json";
            } else {
                for (auto& [key, value] : body.items())
                    parsed.args[key] = value;
            }
        }
    } else {
        merge_form(parsed.args, request.body());
    }

    const auto authorization = request[http::field::authorization];
    constexpr std::string_view bearer = "Bearer ";
    if (authorization.starts_with(bearer)) {
        parsed.token = std::string{authorization.substr(bearer.size())};
    } else if (auto token = text_arg(parsed.args, "token")) {
        parsed.token = *token;
    }
    return parsed;
}

std::optional<std::string> text_arg(const nlohmann::json& args, std::string_view key) {
    auto it = args.find(key);
    if (it == args.end() || it->is_null()) return std::nullopt;
    std::string value = it->is_string() ? it->get<std::string>() : it->dump();
    if (value.empty()) return std::nullopt;
    return value;
}

std::optional<nlohmann::json> json_arg(const nlohmann::json& args, std::string_view key,
                                       bool* invalid) {
    auto it = args.find(key);
    if (it == args.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) return *it;
    const auto& text = it->get_ref<const std::string&>();
    if (text.empty()) return std::nullopt;
    auto value = nlohmann::json::parse(text, nullptr, false);
    if (value.is_discarded()) {
        if (invalid) *invalid = true;
        return std::nullopt;
    }
    return value;
}

bool bool_arg(const nlohmann::json& args, std::string_view key) {
    auto it = args.find(key);
    if (it == args.end()) return false;
    if (it->is_boolean()) return it->get<bool>();
    if (it->is_number()) return it->get<double>() != 0;
    if (it->is_string()) return *it == "true" || *it == "1";
    return false;
}

std::optional<long long> int_arg(const nlohmann::json& args, std::string_view key) {
    auto it = args.find(key);
    if (it == args.end() || it->is_null()) return std::nullopt;
    if (it->is_number_integer()) return it->get<long long>();
    if (!it->is_string()) return std::nullopt;
    const auto& text = it->get_ref<const std::string&>();
    long long value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace incidentd::emulator
