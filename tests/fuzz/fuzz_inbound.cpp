// Fuzzes what the HTTP receiver does with a request to /slack/events: the signature check over
// hostile headers, then form or JSON decoding into an Inbound, as slack/http_receiver.cpp does.
//
// Input: one flags byte, then header lines ("Name: value\n") up to an empty line, then the body.
// Flag bit 0 signs the body correctly with the harness's secret, so half the runs reach decoding.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "slack/form.hpp"
#include "slack/inbound.hpp"
#include "slack/signature.hpp"
#include "slack/wire_names.hpp"

namespace {

using namespace incidentd::slack;

constexpr std::string_view secret = "8f742231b10e8888abcd99yyyzzz85a5";
constexpr std::int64_t now_seconds = 1764000000;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_inbound: invariant broken: %s\n", what);
    std::abort();
}

bool same_name(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) {
            return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
        };
        if (lower(a[i]) != lower(b[i])) return false;
    }
    return true;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

struct Request {
    std::string timestamp;
    std::string signature;
    std::string content_type;
    std::string_view body;
};

// Header lines up to the first empty line; like an HTTP parser, the first of a repeated name wins.
Request split(std::string_view input) {
    Request request;
    bool have_timestamp = false, have_signature = false, have_type = false;
    while (!input.empty()) {
        const auto end = input.find('\n');
        const std::string_view line = input.substr(0, end);
        input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);
        if (trimmed(line).empty()) break;
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        const std::string_view name = trimmed(line.substr(0, colon));
        const std::string value{trimmed(line.substr(colon + 1))};
        if (!have_timestamp && same_name(name, wire::request_timestamp_header)) {
            request.timestamp = value;
            have_timestamp = true;
        } else if (!have_signature && same_name(name, wire::signature_header)) {
            request.signature = value;
            have_signature = true;
        } else if (!have_type && same_name(name, "Content-Type")) {
            request.content_type = value;
            have_type = true;
        }
    }
    request.body = input;
    return request;
}

// A form that decodes encodes back to the same fields.
void check_form_round_trip(std::string_view body) {
    const auto fields = parse_form(body);
    if (!fields) return;
    std::vector<std::pair<std::string, std::string>> ordered(fields->begin(), fields->end());
    const auto again = parse_form(encode_form(ordered));
    if (!again) fail("an encoded form does not decode");
    if (*again != *fields) fail("a form does not survive encode_form and parse_form");
}

void check_decoded(const Decoded<Inbound>& decoded, std::string_view body) {
    if (const auto* error = std::get_if<DecodeError>(&decoded)) {
        if (error->what.empty()) fail("a DecodeError says nothing");
        return;
    }
    const Inbound& inbound = std::get<Inbound>(decoded);
    if (const auto* callback = std::get_if<EventCallback>(&inbound)) {
        if (callback->event_id.empty()) fail("an event callback without event_id decoded");
        if (callback->raw != body) fail("an event callback's raw text is not the body");
        (void)event_type_name(callback->event);
    } else if (const auto* command = std::get_if<SlashCommand>(&inbound)) {
        if (command->channel_id.empty() || command->user_id.empty() || command->command.empty())
            fail("a slash command without a required field decoded");
    } else if (const auto* interaction = std::get_if<Interaction>(&inbound)) {
        if (interaction->type_name.empty() || interaction->user.id.empty())
            fail("an interaction without type or user decoded");
        for (const auto& action : interaction->actions)
            if (action.action_id.empty()) fail("a block action without action_id decoded");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const bool sign = (data[0] & 1) != 0;
    Request request = split({reinterpret_cast<const char*>(data) + 1, size - 1});
    const auto now = std::chrono::system_clock::time_point{std::chrono::seconds{now_seconds}};

    if (sign) {
        if (request.timestamp.empty()) request.timestamp = std::to_string(now_seconds);
        request.signature = compute_signature(secret, request.timestamp, request.body);
    }
    const SignatureCheck check =
        verify_signature(secret, request.timestamp, request.signature, request.body, now);
    (void)to_string(check);
    check_form_round_trip(request.body);
    if (check != SignatureCheck::valid) return 0;
    if (!sign) fail("a signature the harness did not compute was accepted");

    check_decoded(decode_http_request(request.content_type, request.body), request.body);
    return 0;
}
