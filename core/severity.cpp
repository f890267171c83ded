#include "core/severity.hpp"

#include <algorithm>
#include <cctype>

namespace incidentd::core {

std::string_view to_string(Severity s) {
    switch (s) {
        case Severity::sev1:
            return "SEV1";
        case Severity::sev2:
            return "SEV2";
        case Severity::sev3:
            return "SEV3";
        case Severity::sev4:
            return "SEV4";
    }
    return "SEV?";
}

std::optional<Severity> parse_severity(std::string_view text) {
    if (text.size() == 4) {
        std::string prefix(text.substr(0, 3));
        std::ranges::transform(prefix, prefix.begin(),
                               [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (prefix != "sev") return std::nullopt;
        text.remove_prefix(3);
    }
    if (text.size() != 1 || text[0] < '1' || text[0] > '4') return std::nullopt;
    return static_cast<Severity>(text[0] - '0');
}

}  // namespace incidentd::core
