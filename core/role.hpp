// Incident roles that can be assigned with `/incident role`.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace incidentd::core {

enum class Role { commander, comms, scribe };
inline constexpr std::array all_roles{Role::commander, Role::comms, Role::scribe};

std::string_view to_string(Role r);  // "commander", "comms", "scribe"
std::optional<Role> parse_role(std::string_view text);

}  // namespace incidentd::core
