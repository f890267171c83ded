// Config: the small amount of behaviour that belongs to the value itself.
#include "config/config.hpp"

namespace incidentd::config {

Source Config::source_of(std::string_view key) const {
    const auto found = sources.find(key);
    return found == sources.end() ? Source{} : found->second;
}

}  // namespace incidentd::config
