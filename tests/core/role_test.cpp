// Specification of core/role: the roles `/incident role` assigns.
#include <catch2/catch.hpp>

#include "core/role.hpp"

using namespace incidentd::core;

TEST_CASE("the roles are commander, comms and scribe") {
    REQUIRE(all_roles.size() == 3);
    CHECK(to_string(Role::commander) == "commander");
    CHECK(to_string(Role::comms) == "comms");
    CHECK(to_string(Role::scribe) == "scribe");
    for (Role r : all_roles)
        CHECK(parse_role(to_string(r)) == r);
}

TEST_CASE("a role name is matched exactly (the command grammar lower-cases it first)") {
    auto text = GENERATE(as<std::string>{}, "", "lead", "commanders", "Commander", " comms");
    INFO(text);
    CHECK_FALSE(parse_role(text));
}
