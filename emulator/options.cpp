// Command-line parsing for slack-emulator (CLI11): every option documented in --help.
#include "emulator/options.hpp"

#include <charconv>
#include <sstream>

#include <CLI/CLI.hpp>

#include "emulator/slack_facts.hpp"

namespace incidentd::emulator {

std::optional<std::vector<std::chrono::milliseconds>> parse_delays(const std::string& text) {
    std::vector<std::chrono::milliseconds> delays;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        long long value = 0;
        auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), value);
        if (ec != std::errc{} || end != item.data() + item.size() || value < 0) return std::nullopt;
        delays.emplace_back(value);
    }
    if (delays.empty()) return std::nullopt;
    return delays;
}

std::variant<Options, ParseExit> parse_options(int argc, char** argv) {
    Options options;
    CLI::App app{
        "slack-emulator: a local Slack workspace (Web API, Events API delivery, slash commands, "
        "interactivity, Socket Mode) with a control API under /_emulator/ for tests and demos."};
    std::string listen = "127.0.0.1:0";
    std::string delays{facts::default_retry_delays_ms};
    std::string rate_limits = "on";
    long long ack_timeout_ms = facts::default_ack_timeout.count();
    bool no_url_verification = false;

    app.add_option("--listen", listen,
                   "HOST:PORT to serve the Web API, control API and Socket Mode on; port 0 picks "
                   "a free one (printed on stdout)")
        ->capture_default_str();
    app.add_option("--tls-cert", options.tls_cert, "PEM certificate chain: serve HTTPS and wss://")
        ->check(CLI::ExistingFile);
    app.add_option("--tls-key", options.tls_key, "PEM private key for --tls-cert")
        ->check(CLI::ExistingFile);
    app.add_option("--request-url", options.request_url,
                   "the app's URL for events, slash commands and interactivity (http://...)");
    app.add_option("--signing-secret", options.signing_secret,
                   "secret that signs every request sent to the app")
        ->capture_default_str();
    app.add_option("--bot-token", options.bot_token, "the bot token (xoxb-...) the Web API accepts")
        ->capture_default_str();
    app.add_option("--app-token", options.app_token,
                   "the app-level token (xapp-...) apps.connections.open accepts")
        ->capture_default_str();
    app.add_option("--ack-timeout-ms", ack_timeout_ms,
                   "how long the app has to answer a delivery (Slack: 3000)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    app.add_option("--retry-delays-ms", delays,
                   "delays before retries 1,2,3 of an unacknowledged event (Slack: at once, 1 min, "
                   "5 min)")
        ->capture_default_str();
    app.add_flag("--no-url-verification", no_url_verification,
                 "do not send the url_verification handshake at start");
    app.add_option("--rate-limits", rate_limits,
                   "on: answer HTTP 429 past Slack's per-method tiers; off: never")
        ->capture_default_str()
        ->check(CLI::IsMember({"on", "off"}));
    app.add_option("--rate-limit-scale", options.rate_limit_scale,
                   "multiply every rate limit allowance (0.1 = ten times stricter)")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    std::string manifest_path;
    app.add_option("--manifest", manifest_path,
                   "the app's Slack manifest (JSON): Web API calls need its bot scopes "
                   "(missing_scope otherwise), only its bot events are delivered, only its slash "
                   "commands and, if interactivity is off, no interactions are accepted; without "
                   "it every scope, event and command is allowed")
        ->check(CLI::ExistingFile);
    app.add_option("--log-level", options.log_level, "trace, debug, info, warn, error, off")
        ->capture_default_str();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        std::ostringstream out, err;
        const int code = app.exit(e, out, err);
        return ParseExit{code, out.str() + err.str()};
    }

    const auto colon = listen.rfind(':');
    if (colon == std::string::npos) {
        return ParseExit{2, "--listen: \"" + listen + "\" is not HOST:PORT (try 127.0.0.1:0)\n"};
    }
    options.listen_host = listen.substr(0, colon);
    const std::string port = listen.substr(colon + 1);
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || value > 65535) {
        return ParseExit{2, "--listen: port \"" + port + "\" is not a number 0..65535\n"};
    }
    options.listen_port = static_cast<unsigned short>(value);
    if (options.tls_cert.empty() != options.tls_key.empty()) {
        return ParseExit{2, "--tls-cert and --tls-key go together: give both or neither\n"};
    }
    auto parsed = parse_delays(delays);
    if (!parsed || parsed->size() != static_cast<std::size_t>(facts::max_retries)) {
        return ParseExit{2, "--retry-delays-ms: \"" + delays +
                                "\" is not three comma-separated millisecond counts\n"};
    }
    options.retry_delays = *parsed;
    options.ack_timeout = std::chrono::milliseconds{ack_timeout_ms};
    options.rate_limits = rate_limits == "on";
    options.url_verification_at_start = !no_url_verification;
    if (!manifest_path.empty()) {
        try {
            options.manifest = load_manifest(manifest_path);
        } catch (const std::exception& e) {
            return ParseExit{2, std::string("--manifest: ") + e.what() + "\n"};
        }
    }
    return options;
}

}  // namespace incidentd::emulator
