// Incident severities: SEV1 (worst) to SEV4.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace incidentd::core {

enum class Severity { sev1 = 1, sev2 = 2, sev3 = 3, sev4 = 4 };

std::string_view to_string(Severity s);  // "SEV1"…"SEV4"
// Accepts "sev2", "SEV2", "2" (case-insensitive); nothing else.
std::optional<Severity> parse_severity(std::string_view text);

}  // namespace incidentd::core
