// Outbox rows to and from actions: one field list per action type, read strictly so that a row
// from a newer or corrupted version is refused by name rather than carried out half-understood.
#include "bot/outbox/outbox_codec.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <concepts>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <variant>

namespace incidentd::bot {
namespace {

// One member of an action and the args key that holds it.
template <class T, class M>
struct Field {
    std::string_view name;
    M T::*member;
};

// The field list of each action type: the stored format, so a key here never changes meaning.
template <class T>
struct Fields;

template <>
struct Fields<core::CreateChannel> {
    using T = core::CreateChannel;
    static constexpr std::tuple list{Field{"key", &T::key}, Field{"name", &T::name},
                                     Field{"is_private", &T::is_private}};
};
template <>
struct Fields<core::InviteUsers> {
    using T = core::InviteUsers;
    static constexpr std::tuple list{Field{"key", &T::key}, Field{"user_ids", &T::user_ids}};
};
template <>
struct Fields<core::SetTopic> {
    using T = core::SetTopic;
    static constexpr std::tuple list{Field{"key", &T::key}, Field{"text", &T::text}};
};
template <>
struct Fields<core::PostSummary> {
    static constexpr std::tuple list{Field{"key", &core::PostSummary::key}};
};
template <>
struct Fields<core::UpdateSummary> {
    static constexpr std::tuple list{Field{"key", &core::UpdateSummary::key}};
};
template <>
struct Fields<core::PostMessage> {
    using T = core::PostMessage;
    static constexpr std::tuple list{Field{"key", &T::key}, Field{"text", &T::text},
                                     Field{"to", &T::to}, Field{"channel_id", &T::channel_id}};
};
template <>
struct Fields<core::PostEphemeral> {
    using T = core::PostEphemeral;
    static constexpr std::tuple list{Field{"key", &T::key}, Field{"channel_id", &T::channel_id},
                                     Field{"user_id", &T::user_id}, Field{"text", &T::text}};
};
template <>
struct Fields<core::ArchiveChannel> {
    static constexpr std::tuple list{Field{"key", &core::ArchiveChannel::key}};
};
template <>
struct Fields<core::UploadDocuments> {
    using T = core::UploadDocuments;
    static constexpr std::tuple list{Field{"key", &T::key}, Field{"record", &T::record},
                                     Field{"postmortem", &T::postmortem}};
};
template <>
struct Fields<core::Bookmark> {
    using T = core::Bookmark;
    static constexpr std::tuple list{Field{"key", &T::key}, Field{"title", &T::title},
                                     Field{"url", &T::url}};
};

template <>
struct Fields<core::PostSeal> {
    using T = core::PostSeal;
    static constexpr std::tuple list{Field{"key", &T::key}, Field{"seal", &T::seal},
                                     Field{"text", &T::text}};
};

template <class T>
concept Described = requires {
    Fields<T>::list;
};

constexpr std::array<std::pair<core::Destination, std::string_view>, 4> destination_names{{
    {core::Destination::incident_channel, "incident_channel"},
    {core::Destination::incident_thread, "incident_thread"},
    {core::Destination::announce_channel, "announce_channel"},
    {core::Destination::direct_message, "direct_message"},
}};

std::string quoted(std::string_view text) {
    return "\"" + std::string(text) + "\"";
}

}  // namespace
}  // namespace incidentd::bot

namespace nlohmann {

// By name, so a reordered enum never redirects a stored message.
template <>
struct adl_serializer<incidentd::core::Destination> {
    static void to_json(json& j, incidentd::core::Destination to) {
        for (const auto& [value, name] : incidentd::bot::destination_names)
            if (value == to) j = name;
    }
    static void from_json(const json& j, incidentd::core::Destination& to) {
        const auto& name = j.get_ref<const json::string_t&>();
        for (const auto& [value, known] : incidentd::bot::destination_names) {
            if (known == name) {
                to = value;
                return;
            }
        }
        throw std::invalid_argument(incidentd::bot::quoted(name) + " is not a destination");
    }
};

template <incidentd::bot::Described T>
struct adl_serializer<T> {
    static void to_json(json& j, const T& action) {
        j = json::object();
        std::apply([&](const auto&... field) { ((j[field.name] = action.*field.member), ...); },
                   incidentd::bot::Fields<T>::list);
    }
    static void from_json(const json& j, T& action) {
        if (!j.is_object()) throw std::invalid_argument("args are not a JSON object");
        std::apply([&](const auto&... field) { (read(j, field, action), ...); },
                   incidentd::bot::Fields<T>::list);
        if (j.size() != std::tuple_size_v<decltype(incidentd::bot::Fields<T>::list)>) {
            for (const auto& [name, value] : j.items()) {
                const bool known =
                    std::apply([&](const auto&... field) { return ((field.name == name) || ...); },
                               incidentd::bot::Fields<T>::list);
                if (!known)
                    throw std::invalid_argument("field " + incidentd::bot::quoted(name) +
                                                " is not one this version knows");
            }
        }
    }

  private:
    template <class Field>
    static void read(const json& j, const Field& field, T& action) {
        const std::string name(field.name);
        auto found = j.find(name);
        if (found == j.end())
            throw std::invalid_argument("field " + incidentd::bot::quoted(name) + " is missing");
        try {
            found->get_to(action.*field.member);
        } catch (const std::exception& e) {
            throw std::invalid_argument("field " + incidentd::bot::quoted(name) + ": " + e.what());
        }
    }
};

}  // namespace nlohmann

namespace incidentd::bot {
namespace {

// The alternative whose action_name is `method`: names live in core::action_name only.
template <std::size_t I = 0>
core::Action decode(std::string_view method, const nlohmann::json& args) {
    if constexpr (I == std::variant_size_v<core::Action>) {
        throw std::invalid_argument("outbox row: method " + quoted(method) +
                                    " is not an action this version knows");
    } else {
        using T = std::variant_alternative_t<I, core::Action>;
        if (core::action_name(core::Action{std::in_place_index<I>}) != method)
            return decode<I + 1>(method, args);
        try {
            return args.get<T>();
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument("outbox row " + quoted(method) + ": " + e.what());
        }
    }
}

}  // namespace

store::OutboxCall outbox_call(std::int64_t incident_number, const core::Action& action) {
    const nlohmann::json args = std::visit([](const auto& a) { return nlohmann::json(a); }, action);
    // Slack never sends malformed UTF-8; should some reach an action anyway, a replacement
    // character is better than failing the transaction that records the decision.
    return store::OutboxCall{
        .incident = incident_number,
        .method = std::string(core::action_name(action)),
        .args = args.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
        .idempotency_key = core::idempotency_key(action),
    };
}

core::Action action_from_outbox(std::string_view method, std::string_view args_json) {
    const nlohmann::json args = nlohmann::json::parse(args_json, nullptr, false);
    if (args.is_discarded())
        throw std::invalid_argument("outbox row " + quoted(method) + ": args are not JSON");
    return decode(method, args);
}

}  // namespace incidentd::bot
