// load_config: the order of sources, and the checks that only make sense once all are applied.
#include "config/load.hpp"

#include <fstream>
#include <iterator>

#include "config/env_source.hpp"
#include "config/file_source.hpp"
#include "config/messages.hpp"
#include "config/secrets.hpp"
#include "config/value_checks.hpp"

namespace incidentd::config {
namespace {

struct ChosenFile {
    std::string path;       // as the user wrote it, for messages
    std::string chosen_by;  // "--config", "INCIDENTD_CONFIG", "the working directory"
};

std::optional<ChosenFile> choose_file(const LoadOptions& options) {
    if (options.config_path) return ChosenFile{*options.config_path, "--config"};
    const auto env = options.env.find("INCIDENTD_CONFIG");
    if (env != options.env.end() && !env->second.empty())
        return ChosenFile{env->second, "INCIDENTD_CONFIG"};
    const std::filesystem::path local =
        options.working_dir ? *options.working_dir / "incidentd.toml" : "incidentd.toml";
    std::error_code error;
    if (std::filesystem::exists(local, error))
        return ChosenFile{local.string(), "the working directory"};
    return std::nullopt;
}

std::string read_file(const ChosenFile& file) {
    const std::string fail = "config: " + file.chosen_by + ": cannot read " + in_quotes(file.path);
    std::error_code error;
    const auto status = std::filesystem::status(file.path, error);
    if (!std::filesystem::exists(status)) throw ConfigError(fail + ": no such file");
    if (std::filesystem::is_directory(status)) throw ConfigError(fail + ": it is a directory");
    std::ifstream in(file.path, std::ios::binary);
    if (!in) throw ConfigError(fail + ": permission denied or unreadable");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A path setting that is set must name a readable file: better to stop now than at the first
// close or the first TLS handshake.
void require_readable(const Config& config, std::string_view table, std::string_view key,
                      const std::string& path) {
    if (path.empty()) return;
    const Source source = config.source_of(std::string(table) + "." + std::string(key));
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    std::string problem;
    if (!std::filesystem::exists(status))
        problem =
            in_quotes(path) + " does not exist (relative paths start at the working directory)";
    else if (!std::filesystem::is_regular_file(status))
        problem = in_quotes(path) + " is not a regular file";
    else if (!std::ifstream(path, std::ios::binary))
        problem = in_quotes(path) + " cannot be read (check its permissions)";
    if (!problem.empty()) throw ConfigError(key_message(table, key, source, problem));
}

}  // namespace

Config load_config(const LoadOptions& options) {
    Config config;
    if (const auto file = choose_file(options)) {
        apply_file(config, read_file(*file), file->path);
        config.file = file->path;
        config.file_chosen_by = file->chosen_by;
    }
    apply_env(config, options.env);
    config.secrets = read_secrets(options.env);

    require_readable(config, "slack", "ca_file", config.slack.ca_file);
    require_readable(config, "templates", "incident_record", config.templates.incident_record);
    require_readable(config, "templates", "postmortem", config.templates.postmortem);
    for (const auto& [name, team] : config.teams) {
        const std::string table = "teams." + name;
        require_readable(config, table, "incident_record", team.incident_record.value_or(""));
        require_readable(config, table, "postmortem", team.postmortem.value_or(""));
    }
    return config;
}

}  // namespace incidentd::config
