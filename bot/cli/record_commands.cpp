#include "bot/cli/record_commands.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <optional>
#include <ostream>
#include <sstream>
#include <vector>

#include "bot/cli/sample_incident.hpp"
#include "bot/cli/thread_seals.hpp"
#include "bot/runtime/clock.hpp"
#include "bot/runtime/exit_status.hpp"
#include "bot/runtime/seal_key.hpp"
#include "bot/runtime/team_rendering.hpp"
#include "core/record_check.hpp"
#include "render/export_json.hpp"
#include "render/export_reader.hpp"
#include "render/postmortem.hpp"
#include "render/record.hpp"
#include "store/backup.hpp"
#include "store/database.hpp"
#include "store/entries.hpp"
#include "store/incidents.hpp"
#include "store/seals.hpp"
#include "store/store_error.hpp"
#include "store/store_file.hpp"
#include "store/verify.hpp"

namespace incidentd::bot {
namespace {

// "2026-11-24 10:00 UTC"
std::string short_time(core::Time t) {
    std::string iso = core::to_iso8601(t);  // 2026-11-24T10:00:00Z
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

// The store is opened for reading only when it exists: a mistyped path must not create an empty
// database and then report "no incidents".
// The store as a read-only command reads it; store::open_reader refuses (StoreError) what is not a
// sound incidentd store of this binary's schema, naming the file and what to do.
SQLite::Database open_existing(const CommandContext& ctx) {
    return store::open_reader(ctx.config.store.path);
}

// An incident's store and current state, or the status to exit with and the reason printed.
// The id is checked before the store is touched, so bad arguments are told apart from a bad store.
struct Opened {
    std::optional<SQLite::Database> db;
    std::optional<core::Incident> incident;
    int status = exit_ok;
};
// `check`: SQLite's integrity check of the whole file first, for the commands that vouch for it.
Opened open_incident(const CommandContext& ctx, const std::string& id,
                     store::IntegrityCheck check = store::IntegrityCheck::none) {
    Opened opened;
    auto number = core::parse_incident_id(id);
    if (!number) {
        ctx.err << "incidentd: " << std::quoted(id) << " is not an incident id like INC-7\n";
        opened.status = exit_usage;
        return opened;
    }
    opened.db = open_existing(ctx);
    store::require_intact(*opened.db, check);
    opened.incident = store::find_incident(*opened.db, *number);
    if (!opened.incident) {
        ctx.err << "incidentd: no incident " << core::incident_id(*number) << " in "
                << std::quoted(ctx.config.store.path) << "\n";
        opened.status = exit_failure;
    }
    return opened;
}

// What verify found, one line for each part it proves; exit 1 when any fails.
int report(const CommandContext& ctx, const std::string& name, const core::RecordCheck& r) {
    if (r.broken) {
        ctx.out << name << ": entry " << r.broken->seq
                << " breaks the hash chain: " << r.broken->reason << "\n";
        return exit_failure;
    }
    ctx.out << name << ": " << r.entries << " entries, hash chain intact\n";
    if (r.header)
        ctx.out << name << ": the header does not match the record: " << *r.header << "\n";
    else
        ctx.out << name << ": header matches the chain\n";
    if (r.seal) {
        ctx.out << name << ": " << r.seal->reason << "\n";
    } else {
        ctx.out << name << ": " << r.seals << (r.seals == 1 ? " seal holds" : " seals hold")
                << "; entries after the last seal are protected by the chain only\n";
    }
    return r.intact() ? exit_ok : exit_failure;
}

// Renders one of the incident's documents with its team's templates.
template <class Render>
int render_document(const CommandContext& ctx, const std::string& id, Render render) {
    auto opened = open_incident(ctx, id);
    if (!opened.incident) return opened.status;
    auto rendering = team_rendering(ctx.config, opened.incident->team);
    if (!rendering.templates.templates) {
        ctx.err << "incidentd: " << rendering.templates.error << "\n";
        return exit_usage;
    }
    const auto entries = store::entries_for_export(*opened.db, opened.incident->number);
    ctx.out << render(*opened.incident, entries, rendering.options, *rendering.templates.templates,
                      store::seals_only(*opened.db, opened.incident->number));
    return exit_ok;
}

}  // namespace

int list_incidents(const CommandContext& ctx, bool include_closed) {
    auto db = open_existing(ctx);
    const auto incidents = store::list_incidents(
        db, include_closed ? store::IncidentFilter::all : store::IncidentFilter::open);
    ctx.out << std::left;
    if (incidents.empty()) {
        ctx.out << (include_closed ? "No incidents.\n" : "No open incidents.\n");
    } else {
        ctx.out << std::setw(9) << "ID" << std::setw(6) << "SEV" << std::setw(10) << "STATE"
                << std::setw(22) << "DECLARED"
                << "TITLE\n";
        for (const auto& i : incidents) {
            ctx.out << std::setw(9) << i.id() << std::setw(6) << core::to_string(i.severity)
                    << std::setw(10) << core::to_string(i.state) << std::setw(22)
                    << short_time(i.declared_at) << i.title;
            if (!i.channel_name.empty()) ctx.out << "  #" << i.channel_name;
            ctx.out << "\n";
        }
    }
    const auto due = store::postmortems_due(db);
    if (!due.empty()) {
        ctx.out << "\nPostmortems due:\n";
        const auto t = now();
        for (const auto& i : due) {
            const auto left = std::chrono::floor<std::chrono::seconds>(*i.postmortem.due_at - t);
            ctx.out << "  " << std::setw(9) << i.id() << "due " << short_time(*i.postmortem.due_at)
                    << (left.count() < 0 ? "  OVERDUE by " : "  in ") << core::format_duration(left)
                    << "  " << i.title << "\n";
        }
    }
    return exit_ok;
}

int export_incident(const CommandContext& ctx, const std::string& id, ExportFormat format) {
    if (format == ExportFormat::json) {
        auto opened = open_incident(ctx, id);
        if (!opened.incident) return opened.status;
        // Everything the hash chain covers, so that the export can be verified offline.
        const auto entries =
            store::entries_for_export(*opened.db, opened.incident->number, store::EntryFields::all,
                                      store::HeaderEntries::included);
        render::write_export_json(ctx.out, *opened.incident, entries,
                                  store::seals_only(*opened.db, opened.incident->number));
        ctx.out << "\n";
        return exit_ok;
    }
    return render_document(ctx, id, render::render_record);
}

int print_postmortem(const CommandContext& ctx, const std::string& id) {
    return render_document(ctx, id, render::render_postmortem);
}

// `verify --slack`: the seals in the incident thread against the store and the chain.
int compare_with_thread(const CommandContext& ctx, const store::StoredRecord& record,
                        const core::PublicKey* key) {
    const core::Incident& incident = record.incident;
    const std::string& name = incident.id();
    if (!key) {
        ctx.out << name << ": there is no public key to check the incident thread's seals with\n";
        return exit_failure;
    }
    std::vector<core::Seal> thread;
    try {
        thread = read_thread_seals(ctx.config, incident);
    } catch (const std::exception& e) {
        ctx.err << "incidentd: " << e.what() << "\n";
        return exit_failure;
    }
    std::vector<core::Seal> stored;
    std::vector<std::int64_t> posted;
    for (const store::StoredSeal& s : record.seals) {
        if (!s.slack_ts.empty()) posted.push_back(s.seal.number);
        stored.push_back(s.seal);
    }
    if (const auto problem = core::check_thread_seals(record.chain, stored, posted, thread, *key)) {
        ctx.out << name << ": " << problem->reason << "\n";
        return exit_failure;
    }
    ctx.out << name << ": the " << thread.size() << (thread.size() == 1 ? " seal" : " seals")
            << " in the incident thread match the store and the chain\n";
    return exit_ok;
}

int verify_record(const CommandContext& ctx, const std::string& target,
                  const std::string& public_key_file, bool against_slack) {
    std::optional<core::PublicKey> key;
    if (!public_key_file.empty()) {
        key = read_public_key(public_key_file);
    } else {
        const auto path = seal_key_path(ctx.config);
        std::error_code error;
        if (std::filesystem::exists(path, error)) key = read_public_key(path);
    }
    const core::PublicKey* checking = key ? &*key : nullptr;
    if (core::parse_incident_id(target)) {
        auto opened = open_incident(ctx, target, store::IntegrityCheck::full);
        if (!opened.incident) return opened.status;
        const store::StoredRecord record = store::read_record(*opened.db, opened.incident->number);
        const core::RecordCheck check = store::verify(record, checking);
        const int status = report(ctx, opened.incident->id(), check);
        // A chain whose links break is not compared further: nothing after the break is trusted.
        if (!against_slack || check.broken) return status;
        const int thread = compare_with_thread(ctx, record, checking);
        return status == exit_ok ? thread : status;
    }
    if (against_slack) {
        ctx.err << "incidentd: --slack compares a stored record with its incident thread; give "
                   "an incident id (INC-7), not an export file\n";
        return exit_usage;
    }
    // Not an incident id: a JSON export, checked offline against the public key.
    if (public_key_file.empty()) {
        ctx.err << "incidentd: " << std::quoted(target)
                << " is not an incident id (INC-7); to verify an exported record, give the "
                   "public key: incidentd verify --public-key FILE EXPORT.json\n";
        return exit_usage;
    }
    std::ifstream in(target, std::ios::binary);
    if (!in) {
        ctx.err << "incidentd: cannot read " << std::quoted(target) << "\n";
        return exit_failure;
    }
    std::ostringstream text;
    text << in.rdbuf();
    render::ExportedRecord exported;
    try {
        exported = render::read_export(text.str());
    } catch (const std::invalid_argument& e) {
        ctx.out << target << ": not a record incidentd exported: " << e.what() << "\n";
        return exit_failure;
    }
    return report(
        ctx, exported.shown.id() + " (" + target + ")",
        core::check_record(exported.chain, std::nullopt, exported.shown, exported.seals, checking));
}

int show_seal_key(const CommandContext& ctx) {
    const auto path = seal_key_path(ctx.config);
    const core::PublicKey key = load_seal_key(path, false).public_key();
    ctx.out << "Seal key " << key.id() << " (" << path.string()
            << "). Its public key, for `incidentd verify --public-key`:\n"
            << key.pem();
    return exit_ok;
}

int backup_store(const CommandContext& ctx, const std::filesystem::path& destination, bool force) {
    try {
        // --force also copies a damaged file: a damaged copy may still be the best one left.
        store::backup_database(ctx.config.store.path, destination,
                               force ? store::ExistingFile::overwrite : store::ExistingFile::refuse,
                               force ? store::IntegrityCheck::none : store::IntegrityCheck::full);
    } catch (const store::StoreError& e) {
        ctx.err << "incidentd: " << e.what() << "\n";
        return exit_failure;
    }
    ctx.out << "Backed up " << ctx.config.store.path << " to " << destination.string() << "\n";
    return exit_ok;
}

int record_sample_incident(const CommandContext& ctx) {
    const auto sample = make_sample_incident(now());
    auto db = store::open_database(ctx.config.store.path);
    if (const auto recorded = store::find_incident_by_channel(db, sample.incident.channel_id)) {
        ctx.err << "incidentd: " << std::quoted(ctx.config.store.path)
                << " already has the sample incident, as " << recorded->id()
                << " (`incidentd export " << recorded->id()
                << "` shows it); to record it again, point [store] path at a new file\n";
        return exit_failure;
    }
    SQLite::Transaction tx(db);
    core::Incident incident = sample.incident;
    incident.number = store::create_incident(db, incident);
    store::save_incident(db, incident, now());
    for (const auto& e : sample.entries)
        store::append_entry(db, incident.number, e);
    // Sealed as serve seals a closed record, so that `verify` shows what it proves.
    const core::SigningKey key = load_seal_key(seal_key_path(ctx.config), true);
    const auto seal = store::seal_record(db, incident.number, key, now());
    tx.commit();
    // The count the seal names: the sample's entries and the header entries saving them added.
    ctx.out << "Recorded the sample incident " << incident.id() << " ("
            << (seal ? seal->entries : static_cast<std::int64_t>(sample.entries.size()))
            << " entries, sealed with key " << key.public_key().id() << ") in "
            << ctx.config.store.path << "\n";
    return exit_ok;
}

}  // namespace incidentd::bot
