// Specification of core/incident: public incident ids.
#include <catch2/catch.hpp>

#include "core/incident.hpp"

using namespace incidentd::core;

TEST_CASE("an incident's public id is INC- and its number") {
    CHECK(incident_id(7) == "INC-7");
    CHECK(incident_id(1234) == "INC-1234");
    Incident incident;
    incident.number = 12;
    CHECK(incident.id() == "INC-12");
}

TEST_CASE("an incident id reads back to its number, in either case") {
    CHECK(parse_incident_id("INC-7") == 7);
    CHECK(parse_incident_id("inc-7") == 7);
    CHECK(parse_incident_id(incident_id(9000)) == 9000);
}

TEST_CASE("what is not an incident id is refused") {
    auto text = GENERATE(as<std::string>{}, "", "7", "INC-", "INC-0", "INC--1", "INC-+7", "INC- 7",
                         "INC-7x", "INC7", "Inc-7", "INC-99999999999999999999");
    INFO(text);
    CHECK_FALSE(parse_incident_id(text));
}

TEST_CASE("a new incident starts active at SEV3 with no postmortem yet") {
    Incident incident;
    CHECK(incident.state == State::active);
    CHECK(incident.severity == Severity::sev3);
    CHECK_FALSE(incident.postmortem.due_at);
    CHECK_FALSE(incident.postmortem.url);
    CHECK_FALSE(incident.postmortem.done);
    CHECK(incident.roles.empty());
}
