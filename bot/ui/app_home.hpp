// The App Home tab incidentd publishes (views.publish) for the person who opens it: the open
// incidents and the postmortems due, with theirs marked.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/incident.hpp"
#include "core/time.hpp"

namespace incidentd::bot {

// Incidents each list shows before "…and N more: `/incident list`", so the view stays within the
// 100 blocks of a Home tab however many incidents there are.
inline constexpr std::size_t max_home_listed = 40;

// A view of "type":"home". "Open incidents" (active, resolved), most severe first, then oldest:
// severity, id (linked to the pinned summary when `workspace_url` is known), title, age, state,
// commander, channel. "Postmortems due" (closed or archived, not done, with a due date), soonest
// first: due date, how long overdue, owner (the commander, else the declarer). Incidents where
// `user_id` holds a role or declared, and postmortems they own, are marked. Other incidents in
// `incidents` are left out. Every user-provided part escaped.
nlohmann::json app_home_view(std::string_view user_id, const std::vector<core::Incident>& incidents,
                             core::Time now, std::string_view workspace_url);

}  // namespace incidentd::bot
