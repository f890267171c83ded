// The emulator's command line: where it listens, where the app is, its secrets and its timings.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "emulator/app_manifest.hpp"

namespace incidentd::emulator {

struct Options {
    std::string listen_host = "127.0.0.1";
    unsigned short listen_port = 0;
    std::string tls_cert;  // PEM files; both set means HTTPS (and wss://)
    std::string tls_key;
    std::string request_url;  // the app's Events API / slash command / interactivity URL
    std::string signing_secret = "emulator-signing-secret";
    std::string bot_token = "xoxb-emulator-bot-token";
    std::string app_token = "xapp-emulator-app-token";
    std::chrono::milliseconds ack_timeout{3000};
    std::vector<std::chrono::milliseconds> retry_delays;  // before retry 1, 2, 3
    bool url_verification_at_start = true;
    bool rate_limits = true;
    double rate_limit_scale = 1.0;  // multiplies every tier's allowance (tests raise or lower it)
    std::string log_level = "info";
    // --manifest: scopes, events, commands and interactivity as the app's manifest grants them;
    // nothing = everything is granted.
    std::optional<AppManifest> manifest;

    bool tls() const { return !tls_cert.empty() && !tls_key.empty(); }
};

// The options, or the text to print and the exit code when parsing ends the program (--help, or
// a bad argument).
struct ParseExit {
    int code;
    std::string text;
};
std::variant<Options, ParseExit> parse_options(int argc, char** argv);

// "0,60000,300000" -> three durations; nothing when the text is not a comma list of integers.
std::optional<std::vector<std::chrono::milliseconds>> parse_delays(const std::string& text);

}  // namespace incidentd::emulator
