// The templates shipped with incidentd, compiled in from render/templates/.
#pragma once

#include <string_view>

namespace incidentd::render {

extern const std::string_view builtin_record_template;
extern const std::string_view builtin_postmortem_template;

}  // namespace incidentd::render
