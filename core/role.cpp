#include "core/role.hpp"

namespace incidentd::core {

std::string_view to_string(Role r) {
    switch (r) {
        case Role::commander:
            return "commander";
        case Role::comms:
            return "comms";
        case Role::scribe:
            return "scribe";
    }
    return "?";
}

std::optional<Role> parse_role(std::string_view text) {
    for (Role r : all_roles)
        if (to_string(r) == text) return r;
    return std::nullopt;
}

}  // namespace incidentd::core
