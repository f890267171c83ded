// Builders for the Events API "event" objects the workspace produces (the shapes of tests/fixtures/slack-events/), and
// the sink that carries them to the app.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "emulator/workspace.hpp"

namespace incidentd::emulator {

// Where changes to the workspace announce themselves. The channel orders delivery.
class EventSink {
  public:
    virtual ~EventSink() = default;
    virtual void publish(nlohmann::json event, const std::string& channel_id) = 0;
};

namespace events {

nlohmann::json message(const Channel& channel, const Message& message, const Workspace& workspace);
nlohmann::json message_changed(const Channel& channel, const Message& now, const Message& before,
                               const Workspace& workspace);
nlohmann::json message_deleted(const Channel& channel, const Message& before, Workspace& workspace);
// `event_ts`: when the reaction or pin happened, not the ts of the message it is on.
nlohmann::json reaction(bool added, const std::string& user, const std::string& name,
                        const Channel& channel, const Message& item, const std::string& event_ts);
nlohmann::json pin_added(const std::string& user, const Channel& channel, const Message& item,
                         const std::string& event_ts, const Workspace& workspace);
// `event_ts`: when it happened (the ts of the channel_join message posted with it).
nlohmann::json member_joined_channel(const std::string& user, const Channel& channel,
                                     const std::string& inviter, const std::string& event_ts,
                                     const Workspace& workspace);
nlohmann::json channel_archive(const Channel& channel, const std::string& user);

}  // namespace events

// Changes made both by the Web API and by users through the control API, with their events.
std::string post_and_publish(Workspace& workspace, EventSink& sink, Channel& channel,
                             Message message);
// Adds the member, posts the channel_join message and announces member_joined_channel.
void join_and_publish(Workspace& workspace, EventSink& sink, Channel& channel,
                      const std::string& user, const std::string& inviter);
// Reactions and pins by `user`; the Slack error code, or "" when done.
std::string react_and_publish(Workspace& workspace, EventSink& sink, Channel& channel,
                              const std::string& ts, const std::string& user,
                              const std::string& name, bool add);
std::string pin_and_publish(Workspace& workspace, EventSink& sink, Channel& channel,
                            const std::string& ts, const std::string& user);
}  // namespace incidentd::emulator
