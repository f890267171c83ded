#include "bot/cli/cli.hpp"

#include <SQLiteCpp/Exception.h>
#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>
#include <optional>
#include <string>

#include "bot/cli/record_commands.hpp"
#include "bot/runtime/exit_status.hpp"
#include "bot/runtime/live_config.hpp"
#include "bot/serve/serve.hpp"
#include "config/describe.hpp"
#include "config/load.hpp"
#include "store/store_file.hpp"

namespace incidentd::bot {
namespace {

// Template problems are configuration problems: check-config loads every team's templates, as
// serve does at start and on SIGHUP.
bool templates_load(const config::Config& config, std::ostream& err) {
    const auto live = make_live_config(config);
    const auto* problems = std::get_if<TemplateProblems>(&live);
    if (!problems) return true;
    for (const auto& problem : *problems)
        err << "config: " << problem << "\n";
    return false;
}

// The command line's log options win over [log] in the file and INCIDENTD_LOG_*.
struct LogOverrides {
    std::optional<std::string> level;
    std::optional<std::string> format;

    void apply(config::Config& config) const {
        using config::Origin;
        if (level) {
            config.log.level = *level;
            config.sources["log.level"] = {Origin::command_line, "--log-level"};
        }
        if (format) {
            config.log.format =
                *format == "json" ? config::LogFormat::json : config::LogFormat::text;
            config.sources["log.format"] = {Origin::command_line, "--log-format"};
        }
    }
};

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{"incidentd: runs Slack incident channels and keeps their tamper-evident record.",
                 "incidentd"};
    app.require_subcommand(0, 1);
    std::optional<std::string> config_path;
    LogOverrides log;
    // Every subcommand takes these, before or after its name (`incidentd serve --log-format
    // json`); each one declares them too, so that its --help lists them.
    const auto add_global_options = [&](CLI::App& to) {
        to.add_option("--config", config_path,
                      "TOML configuration file (default: $INCIDENTD_CONFIG, else ./incidentd.toml)")
            ->group("Global options");
        to.add_option("--log-level", log.level,
                      "trace, debug, info, warn, error, critical or off (default: [log] level, "
                      "info)")
            ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
            ->group("Global options");
        to.add_option("--log-format", log.format,
                      "text or json: JSON lines for a log collector (default: [log] format, text)")
            ->check(CLI::IsMember({"text", "json"}))
            ->group("Global options");
    };
    add_global_options(app);

    std::string id;
    std::string format = "markdown";
    std::string backup_file;
    bool include_closed = false;
    bool overwrite = false;

    auto* serve = app.add_subcommand(
        "serve", "Receive Slack and run incident channels (the default when no command is given)");
    auto* check =
        app.add_subcommand("check-config",
                           "Validate the configuration and templates; print the effective settings "
                           "(secrets masked)");
    auto* list = app.add_subcommand("list", "List open incidents and postmortems due");
    list->add_flag("--all", include_closed, "Include resolved, closed and archived incidents");
    auto* exp = app.add_subcommand("export", "Print an incident record (Markdown or JSON)");
    exp->add_option("incident", id, "Incident id, e.g. INC-7")->required();
    exp->add_option("--format", format, "markdown (default) or json")
        ->check(CLI::IsMember({"markdown", "json"}));
    auto* pm = app.add_subcommand("postmortem", "Print the postmortem draft of an incident");
    pm->add_option("incident", id, "Incident id, e.g. INC-7")->required();
    std::string public_key;
    auto* verify = app.add_subcommand(
        "verify",
        "Check a record's hash chain, header and seals; exit 1 naming the first broken item");
    verify->add_option("record", id, "Incident id, e.g. INC-7; or a JSON export file")->required();
    verify->add_option("--public-key", public_key,
                       "Check the seals with this public key (`incidentd key show`) instead of "
                       "[store] seal_key's; needed for an export file");
    bool against_slack = false;
    verify->add_flag("--slack", against_slack,
                     "Also read the seals back from the incident thread (Web API, the bot token) "
                     "and compare them with the store and the chain");
    auto* key = app.add_subcommand("key", "The key that signs the records' seals");
    auto* key_show = key->add_subcommand("show", "Print the seal key's id and public key");
    key->require_subcommand(1);
    auto* backup = app.add_subcommand(
        "backup", "Copy the live database into one consistent file (SQLite online backup)");
    backup->add_option("file", backup_file, "Destination file")->required();
    backup->add_flag(
        "--force", overwrite,
        "Overwrite the destination if it exists, and copy the store even when SQLite's "
        "integrity check finds it damaged");
    auto* demo = app.add_subcommand(
        "demo", "Record a sample incident in the store, to try list/export/postmortem/verify");

    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
        add_global_options(*sub);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return exit_usage;
    }

    // Read the same way at start and on SIGHUP.
    const auto load = [config_path, log] {
        config::Config loaded =
            config::load_config({config_path, config::process_environment(), std::nullopt});
        log.apply(loaded);
        return loaded;
    };
    config::Config config;
    try {
        config = load();
    } catch (const config::ConfigError& e) {
        std::cerr << e.what() << "\n";
        return exit_usage;
    }
    const CommandContext ctx{config, std::cout, std::cerr};

    if (serve->parsed() || app.get_subcommands().empty()) return run_serve(config, load);
    try {
        if (check->parsed()) {
            if (!templates_load(config, std::cerr)) return exit_usage;
            std::cout << config::describe(config);
            return exit_ok;
        }
        if (list->parsed()) return list_incidents(ctx, include_closed);
        if (exp->parsed())
            return export_incident(ctx, id,
                                   format == "json" ? ExportFormat::json : ExportFormat::markdown);
        if (pm->parsed()) return print_postmortem(ctx, id);
        if (verify->parsed()) return verify_record(ctx, id, public_key, against_slack);
        if (key_show->parsed()) return show_seal_key(ctx);
        if (backup->parsed()) return backup_store(ctx, backup_file, overwrite);
        if (demo->parsed()) return record_sample_incident(ctx);
    } catch (const SQLite::Exception& e) {
        std::cerr << "incidentd: " << store::explain_sqlite_error(config.store.path, e) << "\n";
        return exit_failure;
    } catch (const std::exception& e) {
        // StoreError names the file and says what to do.
        std::cerr << "incidentd: " << e.what() << "\n";
        return exit_failure;
    }
    return exit_usage;
}

}  // namespace incidentd::bot
