// Fuzzes rendering with hostile field values: an incident and entries whose every string comes
// from the input (mentions, Markdown, `{{` markers, broken UTF-8, huge text), rendered as the
// record, the postmortem draft and the JSON export.
//
// Input: read with libFuzzer's FuzzedDataProvider; a leading flags byte picks templates given as
// text (the rest of the input's first string) instead of the built-in ones in some runs.
#include <fuzzer/FuzzedDataProvider.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/entry.hpp"
#include "core/incident.hpp"
#include "core/seal.hpp"
#include "core/utf8.hpp"
#include "render/export_json.hpp"
#include "render/postmortem.hpp"
#include "render/record.hpp"
#include "render/render_options.hpp"
#include "render/templates.hpp"

namespace {

using namespace incidentd;

[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_render: invariant broken: %s\n", what);
    std::abort();
}

// Keeps count of whether every string handed to the renderer was valid UTF-8.
struct Strings {
    FuzzedDataProvider& in;
    bool all_utf8 = true;

    std::string next(std::size_t max = 256) {
        std::string s = in.ConsumeRandomLengthString(max);
        // Now and then a huge value, so limits and quadratic paths show (an exhausted input
        // reads as the range's minimum, which must not mean "huge").
        if (in.ConsumeIntegralInRange<int>(0, 255) == 255)
            s = std::string(8000, s.empty() ? 'x' : s[0]) + s;
        all_utf8 = all_utf8 && core::is_valid_utf8(s);
        return s;
    }
    std::optional<std::string> maybe() {
        if (!in.ConsumeBool()) return std::nullopt;
        return next();
    }
};

core::Time time_from(FuzzedDataProvider& in) {
    // 1970 to 9999: the years a UTC date prints in four digits.
    return core::Time{
        std::chrono::milliseconds{in.ConsumeIntegralInRange<std::int64_t>(0, 253402300799000)}};
}

std::optional<core::Time> maybe_time(FuzzedDataProvider& in) {
    if (!in.ConsumeBool()) return std::nullopt;
    return time_from(in);
}

core::Incident incident_from(Strings& s) {
    auto& in = s.in;
    core::Incident i;
    i.number = in.ConsumeIntegralInRange<std::int64_t>(1, 1'000'000'000);
    i.title = s.next();
    i.severity = static_cast<core::Severity>(in.ConsumeIntegralInRange<int>(1, 4));
    i.state = static_cast<core::State>(in.ConsumeIntegralInRange<int>(0, 3));
    i.team = s.next(32);
    i.channel_id = s.next(16);
    i.channel_name = s.next(80);
    i.channel_url = s.next(80);
    i.summary_ts = s.next(20);
    i.declared_by = {s.next(16), s.next(64)};
    i.declared_at = time_from(in);
    i.resolved_at = maybe_time(in);
    i.closed_at = maybe_time(in);
    i.archived_at = maybe_time(in);
    for (const auto role : {core::Role::commander, core::Role::comms, core::Role::scribe})
        if (in.ConsumeBool()) i.roles[role] = {s.next(16), s.next(64)};
    i.postmortem.due_at = maybe_time(in);
    i.postmortem.url = s.maybe();
    i.postmortem.done = in.ConsumeBool();
    return i;
}

std::vector<core::Entry> entries_from(Strings& s) {
    auto& in = s.in;
    std::vector<core::Entry> entries;
    const int count = in.ConsumeIntegralInRange<int>(0, 24);
    for (int n = 0; n < count && in.remaining_bytes() > 0; ++n) {
        core::Entry e;
        e.seq = n + 1;
        e.ts = s.next(24);
        e.kind = static_cast<core::EntryKind>(
            in.ConsumeIntegralInRange<int>(0, static_cast<int>(core::EntryKind::header)));
        e.at = time_from(in);
        e.actor = {s.next(16), s.next(64)};
        e.text = s.next(1024);
        e.thread_ts = s.maybe();
        e.refers_to = s.maybe();
        e.permalink = s.next(120);
        e.key_event = in.ConsumeBool();
        e.payload = s.next(512);
        e.hash = s.next(64);
        entries.push_back(std::move(e));
    }
    return entries;
}

render::Templates templates_from(Strings& s) {
    if (!s.in.ConsumeBool()) return render::Templates::builtin();
    const std::string record = s.in.ConsumeRandomLengthString(2048);
    const std::string postmortem = s.in.ConsumeRandomLengthString(2048);
    s.all_utf8 = s.all_utf8 && core::is_valid_utf8(record) && core::is_valid_utf8(postmortem);
    auto loaded =
        render::Templates::from_text(record, "fuzz record", postmortem, "fuzz postmortem");
    if (!loaded.templates) {
        if (loaded.error.empty()) fail("a refused template has no reason");
        return render::Templates::builtin();
    }
    return *loaded.templates;
}

void check_export(const core::Incident& incident, const std::vector<core::Entry>& entries,
                  bool all_utf8) {
    const nlohmann::ordered_json exported = render::export_json(incident, entries);
    if (!exported.contains("entries") || exported["entries"].size() != entries.size())
        fail("the export does not hold every entry");
    // Valid text must export as JSON that reads back the same; broken UTF-8 cannot be JSON text.
    const std::string text =
        all_utf8 ? exported.dump()
                 : exported.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
    if (parsed.is_discarded()) fail("the export does not parse as JSON");
    if (all_utf8 && parsed != exported) fail("the export does not read back the same");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider in(data, size);
    Strings s{in};
    const render::Templates templates = templates_from(s);
    render::RenderOptions options;
    options.record_url = s.next(120);
    if (in.ConsumeBool()) options.key_event_emoji = s.next(16);
    options.postmortem_due =
        std::chrono::seconds{in.ConsumeIntegralInRange<std::int64_t>(0, 400LL * 86400)};
    const core::Incident incident = incident_from(s);
    const std::vector<core::Entry> entries = entries_from(s);
    // A seal as a tampered store may hold it: any text where hex and base64 belong.
    std::vector<core::Seal> seals;
    if (in.ConsumeBool())
        seals.push_back({incident.number, in.ConsumeIntegral<std::int64_t>(),
                         in.ConsumeIntegral<std::int64_t>(), s.next(64), time_from(in), s.next(16),
                         s.next(88)});

    const bool usable = render::render_options_problem(options).empty();
    try {
        const std::string record =
            render::render_record(incident, entries, options, templates, seals);
        const std::string postmortem =
            render::render_postmortem(incident, entries, options, templates, seals);
        if (!usable) fail("unusable render options were used");
        if (s.all_utf8 && (!core::is_valid_utf8(record) || !core::is_valid_utf8(postmortem)))
            fail("valid UTF-8 fields rendered as broken UTF-8");
    } catch (const std::invalid_argument&) {
        if (usable) fail("usable render options were refused");
    }
    check_export(incident, entries, s.all_utf8);
    return 0;
}
