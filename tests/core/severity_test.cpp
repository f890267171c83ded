// Specification of core/severity: SEV1 (worst) to SEV4 and how people write them.
#include <catch2/catch.hpp>

#include "core/severity.hpp"

using namespace incidentd::core;

TEST_CASE("severities are named SEV1 to SEV4") {
    CHECK(to_string(Severity::sev1) == "SEV1");
    CHECK(to_string(Severity::sev2) == "SEV2");
    CHECK(to_string(Severity::sev3) == "SEV3");
    CHECK(to_string(Severity::sev4) == "SEV4");
}

TEST_CASE("a severity may be written sevN in any case, or as its digit") {
    CHECK(parse_severity("sev2") == Severity::sev2);
    CHECK(parse_severity("SEV1") == Severity::sev1);
    CHECK(parse_severity("Sev4") == Severity::sev4);
    CHECK(parse_severity("3") == Severity::sev3);
    SECTION("every name reads back as its severity") {
        for (Severity s : {Severity::sev1, Severity::sev2, Severity::sev3, Severity::sev4})
            CHECK(parse_severity(to_string(s)) == s);
    }
}

TEST_CASE("anything but SEV1 to SEV4 is not a severity") {
    auto text = GENERATE(as<std::string>{}, "", "0", "5", "sev0", "sev5", "sev", "sev22", "s2",
                         " 2", "2 ", "sev 2", "sev-1", "sevx", "critical", "12");
    INFO(text);
    CHECK_FALSE(parse_severity(text));
}
