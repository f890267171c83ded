#include "core/lifecycle.hpp"

#include <array>

namespace incidentd::core {

std::string_view to_string(State s) {
    switch (s) {
        case State::active:
            return "active";
        case State::resolved:
            return "resolved";
        case State::closed:
            return "closed";
        case State::archived:
            return "archived";
    }
    return "?";
}

std::optional<State> parse_state(std::string_view text) {
    for (State s : {State::active, State::resolved, State::closed, State::archived})
        if (to_string(s) == text) return s;
    return std::nullopt;
}

bool is_open(State s) {
    return s == State::active || s == State::resolved;
}

TransitionResult apply(State from, Transition t) {
    auto refuse = [](std::string why) { return TransitionResult{std::nullopt, std::move(why)}; };
    switch (t) {
        case Transition::resolve:
            if (from == State::active) return {State::resolved, {}};
            if (from == State::resolved) return refuse("The incident is already resolved.");
            return refuse("The incident is " + std::string(to_string(from)) +
                          "; only an active incident can be resolved.");
        case Transition::close:
            if (is_open(from)) return {State::closed, {}};
            return refuse("The incident is already " + std::string(to_string(from)) + ".");
        case Transition::reopen:
            if (from == State::resolved || from == State::closed) return {State::active, {}};
            if (from == State::active) return refuse("The incident is already active.");
            return refuse("The incident's channel is archived; declare a new incident instead.");
        case Transition::archive:
            if (from == State::closed) return {State::archived, {}};
            if (from == State::archived) return refuse("The incident is already archived.");
            return refuse("Only a closed incident can be archived.");
    }
    return refuse("Unknown transition.");
}

}  // namespace incidentd::core
