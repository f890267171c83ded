// Secrets from NAME or NAME_FILE. Messages name the variable and the file, never the value.
#include "config/secrets.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string_view>

#include "config/config_error.hpp"
#include "config/value_checks.hpp"

namespace incidentd::config {
namespace {

std::optional<std::string> non_empty(const Environment& env, const std::string& name) {
    const auto found = env.find(name);
    if (found == env.end() || found->second.empty()) return std::nullopt;
    return found->second;
}

std::string read_secret_file(const std::string& variable, const std::string& path) {
    const std::string fail = "config: " + variable + ": cannot read " + in_quotes(path) + ": ";
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status))
        throw ConfigError(fail + "no such file; point it at the file that holds the secret");
    if (std::filesystem::is_directory(status))
        throw ConfigError(fail + "it is a directory; point it at the file that holds the secret");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(fail + std::strerror(errno));
    std::string value{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw ConfigError(fail + std::strerror(errno));
    // Files written by `echo` or editors end in a newline that is not part of the secret.
    while (!value.empty() && (value.back() == '\n' || value.back() == '\r'))
        value.pop_back();
    if (value.empty())
        throw ConfigError("config: " + variable + ": " + in_quotes(path) + " is empty");
    return value;
}

// A token kind by its prefix, to say what was given instead of what was wanted.
std::string_view token_kind(std::string_view value) {
    if (value.starts_with("xoxb-")) return "a bot token (xoxb-)";
    if (value.starts_with("xoxp-")) return "a user token (xoxp-)";
    if (value.starts_with("xapp-")) return "an app-level token (xapp-)";
    if (value.starts_with("xoxe")) return "a refresh token (xoxe)";
    return "not a Slack token";
}

Secret read_secret(const Environment& env, const std::string& name, std::string_view prefix,
                   std::string_view what_to_use) {
    const std::string file_name = name + "_FILE";
    const auto direct = non_empty(env, name);
    const auto file = non_empty(env, file_name);
    if (direct && file)
        throw ConfigError("config: " + name + " and " + file_name +
                          " are both set; set only one of them");
    if (!direct && !file) return Secret{};
    const std::string& from = direct ? name : file_name;
    std::string value = direct ? *direct : read_secret_file(file_name, *file);
    const bool clean = std::none_of(value.begin(), value.end(), [](char c) {
        return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
    });
    if (!clean)
        throw ConfigError("config: " + from +
                          ": contains spaces or control characters; it must hold the secret alone");
    if (!prefix.empty() && !value.starts_with(prefix))
        throw ConfigError("config: " + from + ": is " + std::string(token_kind(value)) +
                          ", not one starting with \"" + std::string(prefix) + "\"; use " +
                          std::string(what_to_use));
    return Secret{std::move(value), from};
}

}  // namespace

Secrets read_secrets(const Environment& env) {
    Secrets secrets;
    secrets.bot_token =
        read_secret(env, "SLACK_BOT_TOKEN", "xoxb-",
                    "the Bot User OAuth Token from the app's OAuth & Permissions page");
    secrets.signing_secret = read_secret(env, "SLACK_SIGNING_SECRET", "", "");
    secrets.app_token =
        read_secret(env, "SLACK_APP_TOKEN", "xapp-",
                    "an app-level token with connections:write (Basic Information page)");
    return secrets;
}

}  // namespace incidentd::config
