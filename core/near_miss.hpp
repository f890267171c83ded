// "Did you mean …?": the closest of some known words to a mistyped one (subcommands, config keys,
// template fields all use the same rule, so users meet one behaviour).
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace incidentd::core {

// Levenshtein distance, ASCII letters compared without case.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, if it is a near miss: at most two edits away, and fewer edits
// than the candidate has characters (so "x" does not suggest "id"). Ties go to the first.
template <class Range>
std::optional<std::string_view> closest_match(std::string_view word, const Range& candidates) {
    std::optional<std::string_view> best;
    std::size_t best_distance = 3;
    for (const auto& candidate : candidates) {
        const std::string_view name{candidate};
        const std::size_t d = edit_distance(word, name);
        if (d < best_distance && d < name.size()) {
            best = name;
            best_distance = d;
        }
    }
    return best;
}

}  // namespace incidentd::core
