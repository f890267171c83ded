// Starts build/slack-emulator for a test, learns its URL from its first stdout line, and offers
// small helpers for its Web API and control API. Stopped (SIGTERM) when it goes out of scope.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/process.hpp"

namespace incidentd::test {

class Emulator {
  public:
    static constexpr const char* bot_token = "xoxb-emulator-bot-token";
    static constexpr const char* app_token = "xapp-emulator-app-token";
    static constexpr const char* signing_secret = "emulator-signing-secret";
    static constexpr const char* listening_prefix = "slack-emulator listening on ";

    // `args` are added to --listen 127.0.0.1:0; `client` is used for every helper call (set
    // ca_file when the emulator serves HTTPS).
    explicit Emulator(std::vector<std::string> args = {}, HttpOptions client = {})
        : process_(INCIDENTD_BINARY_DIR "/slack-emulator", with_listen(std::move(args))),
          client_(std::move(client)) {
        auto line = process_.wait_for_line(listening_prefix, std::chrono::seconds(10));
        if (!line) {
            throw std::runtime_error("slack-emulator did not start: " + process_.stderr_text());
        }
        url_ = line->substr(std::string{listening_prefix}.size());
    }

    const std::string& url() const { return url_; }
    Process& process() { return process_; }

    // POST /api/<method> with form fields and the bot token (or `token`, "" for none).
    HttpResult api(const std::string& method,
                   const std::vector<std::pair<std::string, std::string>>& fields = {},
                   const std::string& token = bot_token) const {
        std::string body;
        for (const auto& [key, value] : fields) {
            if (!body.empty()) body += '&';
            body += escape(key) + '=' + escape(value);
        }
        std::vector<std::pair<std::string, std::string>> headers{
            {"Content-Type", "application/x-www-form-urlencoded"}};
        if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
        return http_request("POST", url_ + "/api/" + method, headers, body, client_);
    }

    // POST /api/<method> with a JSON body and the bot token.
    HttpResult api_json(const std::string& method, const nlohmann::json& body,
                        const std::string& token = bot_token) const {
        return http_request("POST", url_ + "/api/" + method,
                            {{"Content-Type", "application/json; charset=utf-8"},
                             {"Authorization", "Bearer " + token}},
                            body.dump(), client_);
    }

    // The control API: GET or POST /_emulator/<path>, answering its JSON.
    nlohmann::json get(const std::string& path) const {
        return http_request("GET", url_ + "/_emulator/" + path, {}, "", client_).json();
    }
    nlohmann::json post(const std::string& path, const nlohmann::json& body) const {
        return http_request("POST", url_ + "/_emulator/" + path,
                            {{"Content-Type", "application/json"}}, body.dump(), client_)
            .json();
    }

    // Waits until `predicate(GET path)` holds; the last answer either way.
    template <class Predicate>
    nlohmann::json poll(const std::string& path, Predicate predicate,
                        std::chrono::milliseconds timeout = std::chrono::seconds(5)) const {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            nlohmann::json answer = get(path);
            if (predicate(answer) || std::chrono::steady_clock::now() > deadline) return answer;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }

  private:
    static std::vector<std::string> with_listen(std::vector<std::string> args) {
        args.insert(args.begin(), {"--listen", "127.0.0.1:0"});
        return args;
    }
    static std::string escape(const std::string& text) {
        static const char* hex = "0123456789ABCDEF";
        std::string out;
        for (unsigned char c : text) {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
                out += static_cast<char>(c);
            } else {
                out += '%';
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
        return out;
    }

    Process process_;
    HttpOptions client_;
    std::string url_;
};

}  // namespace incidentd::test
