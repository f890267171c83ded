// The one table of the Web API methods incidentd calls: how each wants its arguments sent, its
// rate-limit tier and the bot scope it needs, and the encoding of arguments into a request body.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace incidentd::slack {

enum class BodyEncoding { json, form };

// Slack's per-method, per-workspace tiers; chat.postMessage is paced per channel instead.
enum class RateTier { tier1, tier2, tier3, tier4, per_channel };

struct MethodSpec {
    std::string_view name;
    BodyEncoding encoding;
    RateTier tier;
    std::string_view bot_scope;  // "" = none; the app manifest must grant every other one
};

// The method's row; for a method not in the table, form encoding (every method accepts it),
// Tier 3 (Slack's most common) and no scope.
MethodSpec method_spec(std::string_view method);

// Every row of the table, for checks that the app manifest grants what the methods need.
std::span<const MethodSpec> known_methods();

// Calls a minute Slack allows the tier (per_channel: 60, one a second).
double calls_per_minute(RateTier tier);

struct EncodedBody {
    std::string content_type;
    std::string body;
};

// The request body for `args` (a JSON object) as `method` wants it. In form bodies strings go as
// they are, numbers and booleans as their JSON text, objects and arrays (blocks, view, files) as
// JSON strings, and nulls are left out.
EncodedBody encode_arguments(std::string_view method, const nlohmann::json& args);

}  // namespace incidentd::slack
