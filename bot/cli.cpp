#include "bot/cli.hpp"

#include <CLI/CLI.hpp>

#include <functional>
#include <iostream>
#include <optional>
#include <string>

#include "bot/exit_status.hpp"
#include "bot/record_commands.hpp"
#include "bot/rendering.hpp"
#include "bot/serve.hpp"
#include "config/describe.hpp"
#include "config/load.hpp"

namespace incidentd::bot {
namespace {

// Template problems are configuration problems: check-config loads every team's templates.
bool templates_load(const config::Config& config, std::ostream& err) {
    bool ok = true;
    std::vector<std::string> teams{""};
    for (const auto& [name, overrides] : config.teams)
        teams.push_back(name);
    for (const auto& team : teams) {
        auto rendering = team_rendering(config, team);
        if (!rendering.templates.templates) {
            err << "config: " << (team.empty() ? "" : "[teams." + team + "] ")
                << rendering.templates.error << "\n";
            ok = false;
        }
    }
    return ok;
}

}  // namespace

int run_cli(int argc, char** argv) {
    CLI::App app{"incidentd: runs Slack incident channels and keeps their tamper-evident record.",
                 "incidentd"};
    app.require_subcommand(0, 1);
    std::optional<std::string> config_path;
    app.add_option("--config", config_path,
                   "TOML configuration file (default: $INCIDENTD_CONFIG, else ./incidentd.toml)");

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
    auto* verify = app.add_subcommand(
        "verify", "Check an incident record's hash chain; exit 1 naming the first broken entry");
    verify->add_option("incident", id, "Incident id, e.g. INC-7")->required();
    auto* backup = app.add_subcommand(
        "backup", "Copy the live database into one consistent file (SQLite online backup)");
    backup->add_option("file", backup_file, "Destination file")->required();
    backup->add_flag("--force", overwrite, "Overwrite the destination if it exists");
    auto* demo = app.add_subcommand(
        "demo", "Record a sample incident in the store, to try list/export/postmortem/verify");

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

    config::Config config;
    try {
        config = config::load_config({config_path, config::process_environment(), std::nullopt});
    } catch (const config::ConfigError& e) {
        std::cerr << e.what() << "\n";
        return exit_usage;
    }
    const CommandContext ctx{config, std::cout, std::cerr};

    if (serve->parsed() || app.get_subcommands().empty()) return run_serve(config);
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
        if (verify->parsed()) return verify_incident(ctx, id);
        if (backup->parsed()) return backup_store(ctx, backup_file, overwrite);
        if (demo->parsed()) return record_sample_incident(ctx);
    } catch (const std::exception& e) {
        // The store names the file in its errors (SQLite::Exception, StoreError).
        std::cerr << "incidentd: " << e.what() << "\n";
        return exit_failure;
    }
    return exit_usage;
}

}  // namespace incidentd::bot
