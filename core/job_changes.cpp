#include "core/job_changes.hpp"

namespace incidentd::core {

std::string_view to_string(JobKind k) {
    switch (k) {
        case JobKind::archive:
            return "archive";
        case JobKind::postmortem_reminder:
            return "postmortem_reminder";
    }
    return "unknown";
}

std::optional<JobKind> parse_job_kind(std::string_view text) {
    if (text == "archive") return JobKind::archive;
    if (text == "postmortem_reminder") return JobKind::postmortem_reminder;
    return std::nullopt;
}

}  // namespace incidentd::core
