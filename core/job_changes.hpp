// Time-based work a decision schedules or cancels (archive the channel, remind about the
// postmortem). The store keeps them as rows so a restart loses nothing.
#pragma once

#include <optional>
#include <string_view>
#include <variant>

#include "core/time.hpp"

namespace incidentd::core {

enum class JobKind { archive, postmortem_reminder };
std::string_view to_string(JobKind k);  // "archive", "postmortem_reminder"
std::optional<JobKind> parse_job_kind(std::string_view text);

struct ScheduleJob {
    JobKind kind = JobKind::archive;
    Time run_at{};
    bool operator==(const ScheduleJob&) const = default;
};
// Cancels the incident's pending jobs of one kind.
struct CancelJobs {
    JobKind kind = JobKind::archive;
    bool operator==(const CancelJobs&) const = default;
};

using JobChange = std::variant<ScheduleJob, CancelJobs>;

}  // namespace incidentd::core
