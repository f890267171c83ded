// The incident lifecycle: active -> resolved -> closed -> archived; reopen returns to active
// from resolved or closed, never from archived.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace incidentd::core {

enum class State { active, resolved, closed, archived };
enum class Transition { resolve, close, reopen, archive };

std::string_view to_string(State s);  // "active", "resolved", "closed", "archived"
std::optional<State> parse_state(std::string_view text);
bool is_open(State s);  // active or resolved

// The state a transition leads to, or why it is not allowed from `from`
// (e.g. "INC is already closed; `reopen` first" ) as a sentence for the user.
struct TransitionResult {
    std::optional<State> next;
    std::string refusal;  // set when next is empty
};
TransitionResult apply(State from, Transition t);

}  // namespace incidentd::core
