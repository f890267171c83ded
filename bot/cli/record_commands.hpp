// The subcommands that read or write the store without Slack: list, export, postmortem, verify,
// backup, demo. Each returns an exit status (bot/runtime/exit_status.hpp) and writes only to the given streams.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <string>

#include "config/config.hpp"

namespace incidentd::bot {

struct CommandContext {
    const config::Config& config;
    std::ostream& out;
    std::ostream& err;
};

enum class ExportFormat { markdown, json };

int list_incidents(const CommandContext& ctx, bool include_closed);
int export_incident(const CommandContext& ctx, const std::string& id, ExportFormat format);
int print_postmortem(const CommandContext& ctx, const std::string& id);
// `target` is an incident id, or a JSON export checked offline with `public_key_file`; without
// one, the public half of [store] seal_key checks the seals. `against_slack`: the seals in the
// incident thread are read back and compared with the store and the chain too.
int verify_record(const CommandContext& ctx, const std::string& target,
                  const std::string& public_key_file, bool against_slack);
// `incidentd key show`: the seal key's id and public key.
int show_seal_key(const CommandContext& ctx);
// Refuses an existing destination and a damaged store unless `force`.
int backup_store(const CommandContext& ctx, const std::filesystem::path& destination, bool force);
// Records the sample incident of sample_incident.hpp, so the other commands have something to show.
int record_sample_incident(const CommandContext& ctx);

}  // namespace incidentd::bot
