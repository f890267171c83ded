// Specification of core/topic: the channel topic, the status line and the announcements.
#include <catch2/catch.hpp>

#include <string>

#include "core/topic.hpp"
#include "core/utf8.hpp"

using namespace incidentd::core;

namespace {

Incident incident_titled(std::string title) {
    Incident incident;
    incident.number = 7;
    incident.title = std::move(title);
    incident.severity = Severity::sev2;
    incident.channel_id = "C0INC7";
    return incident;
}

}  // namespace

TEST_CASE("the topic shows severity, state and commander, then the incident") {
    Incident incident = incident_titled("Checkout latency");
    SECTION("without a commander") {
        CHECK(topic_text(incident) ==
              "SEV2 · active · Commander: unassigned · INC-7 Checkout latency");
    }
    SECTION("with one, by display name or else by id") {
        incident.roles[Role::commander] = Actor{"U0BOB", "bob"};
        CHECK_THAT(topic_text(incident), Catch::Contains("Commander: bob ·"));
        incident.roles[Role::commander] = Actor{"U0BOB", ""};
        CHECK_THAT(topic_text(incident), Catch::Contains("Commander: U0BOB ·"));
    }
}

TEST_CASE("the topic stays within Slack's 250 characters with a 200-character title") {
    auto piece = GENERATE(as<std::string>{}, "a", "é", "&", "<", "日");
    INFO(piece);
    std::string title;
    for (int i = 0; i < 200; ++i)
        title += piece;
    Incident incident = incident_titled(title);
    incident.roles[Role::commander] = Actor{"U0BOB", std::string(80, 'n')};
    const std::string topic = topic_text(incident);
    CHECK(count_code_points(topic) <= max_topic_code_points);
    CHECK(is_valid_utf8(topic));
    SECTION("a shortened title ends in an ellipsis, never inside an escape") {
        CHECK_THAT(topic, Catch::EndsWith("…"));
        const std::string before_marker = topic.substr(0, topic.size() - std::string("…").size());
        CHECK_FALSE(before_marker.ends_with("&"));
        CHECK_FALSE(before_marker.ends_with("&am"));
        CHECK_FALSE(before_marker.ends_with("&l"));
    }
}

TEST_CASE("a short title is not shortened") {
    CHECK_THAT(topic_text(incident_titled("DNS")), Catch::EndsWith("INC-7 DNS"));
}

TEST_CASE("titles and names are escaped wherever they are shown") {
    Incident incident = incident_titled("<!channel> & co");
    incident.roles[Role::commander] = Actor{"U0BOB", "<@U0ALL>"};
    for (const std::string& text :
         {topic_text(incident), status_line(incident), declared_announcement(incident),
          severity_announcement(incident, Severity::sev3), closed_announcement(incident)}) {
        INFO(text);
        CHECK_THAT(text, !Catch::Contains("<!channel>") && !Catch::Contains("<@U0ALL>"));
        CHECK_THAT(text, Catch::Contains("&lt;!channel&gt; &amp; co"));
    }
}

TEST_CASE("announcements link the incident channel once it exists") {
    Incident incident = incident_titled("DNS");
    CHECK_THAT(declared_announcement(incident), Catch::Contains("<#C0INC7>"));
    incident.channel_id.clear();
    incident.channel_name = "inc-20261124-dns";
    CHECK_THAT(declared_announcement(incident), Catch::Contains("#inc-20261124-dns"));
}

TEST_CASE("a severity announcement says which way it went") {
    Incident incident = incident_titled("DNS");
    CHECK_THAT(severity_announcement(incident, Severity::sev4),
               Catch::Contains("raised from SEV4 to SEV2"));
    CHECK_THAT(severity_announcement(incident, Severity::sev1),
               Catch::Contains("lowered from SEV1 to SEV2"));
}

TEST_CASE("the status line names the incident, its vitals and its title") {
    Incident incident = incident_titled("DNS");
    incident.state = State::resolved;
    CHECK(status_line(incident) == "*INC-7* · SEV2 · resolved · Commander: unassigned · DNS");
}
