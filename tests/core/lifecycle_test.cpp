// Specification of core/lifecycle: active -> resolved -> closed -> archived, and reopen.
#include <catch2/catch.hpp>

#include <optional>

#include "core/lifecycle.hpp"

using namespace incidentd::core;

TEST_CASE("states are named and read back") {
    for (State s : {State::active, State::resolved, State::closed, State::archived})
        CHECK(parse_state(to_string(s)) == s);
    CHECK(to_string(State::resolved) == "resolved");
    CHECK_FALSE(parse_state("open"));
    CHECK_FALSE(parse_state("Active"));
}

TEST_CASE("only active and resolved incidents are open") {
    CHECK(is_open(State::active));
    CHECK(is_open(State::resolved));
    CHECK_FALSE(is_open(State::closed));
    CHECK_FALSE(is_open(State::archived));
}

TEST_CASE("each transition is allowed only from the states the lifecycle names") {
    struct Row {
        State from;
        Transition transition;
        std::optional<State> next;
    };
    auto row = GENERATE(values<Row>({
        {State::active, Transition::resolve, State::resolved},
        {State::resolved, Transition::resolve, std::nullopt},
        {State::closed, Transition::resolve, std::nullopt},
        {State::archived, Transition::resolve, std::nullopt},
        {State::active, Transition::close, State::closed},
        {State::resolved, Transition::close, State::closed},
        {State::closed, Transition::close, std::nullopt},
        {State::archived, Transition::close, std::nullopt},
        {State::active, Transition::reopen, std::nullopt},
        {State::resolved, Transition::reopen, State::active},
        {State::closed, Transition::reopen, State::active},
        {State::archived, Transition::reopen, std::nullopt},
        {State::active, Transition::archive, std::nullopt},
        {State::resolved, Transition::archive, std::nullopt},
        {State::closed, Transition::archive, State::archived},
        {State::archived, Transition::archive, std::nullopt},
    }));
    INFO("from " << to_string(row.from) << ", transition " << static_cast<int>(row.transition));
    TransitionResult result = apply(row.from, row.transition);
    CHECK(result.next == row.next);
    SECTION("a refusal explains itself; an allowed transition has no refusal") {
        CHECK(result.refusal.empty() == row.next.has_value());
    }
}

TEST_CASE("reopening an archived incident points to declaring a new one") {
    CHECK_THAT(apply(State::archived, Transition::reopen).refusal,
               Catch::Contains("declare a new incident"));
}
