// Points in time as the domain sees them (UTC, millisecond precision) and their text forms.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace incidentd::core {

using Time = std::chrono::sys_time<std::chrono::milliseconds>;

// "2026-11-24T10:00:00Z" (seconds precision, UTC) — the form used in exports.
std::string to_iso8601(Time t);
std::optional<Time> parse_iso8601(std::string_view text);

// Slack message timestamps ("1764000000.000100") order the record. They are kept as text,
// exactly as Slack sent them; these helpers convert for display and comparisons.
std::optional<Time> slack_ts_to_time(std::string_view ts);
// The ts form of a moment ("1764000000.123000"), for entries incidentd makes itself: they have no
// Slack message, yet take their place in the record by when they happened.
std::string time_to_slack_ts(Time t);
// A ts as Slack writes it in messages ("1515449522.000016") from the dotless form some events carry
// in event_ts or ts ("1515449522000016", microseconds; or milliseconds, or whole seconds): the first
// ten digits are the seconds (every ts from 2001 to 2286), the rest the fraction, padded to six.
// Read as it came, a dotless ts would sort after every other entry, 50 million years late. Any
// other text (a ts with its dot, "", more than 16 digits) comes back unchanged.
std::string normalised_slack_ts(std::string_view ts);
// Orders two Slack ts strings numerically (seconds, then the fractional part).
bool slack_ts_less(std::string_view a, std::string_view b);

// A Slack ts parsed once, for sorting many: `<` on keys is slack_ts_less on their texts. A
// well-formed ts sorts before a malformed one; malformed ones sort as text. Views `ts`.
struct SlackTsKey {
    bool malformed = false;
    long long seconds = 0;
    long long micros = 0;
    std::string_view text;
};
SlackTsKey slack_ts_key(std::string_view ts);
bool operator<(const SlackTsKey& a, const SlackTsKey& b);

// A duration written like "24h", "30m", "7d", "90s", "0s", or combined "1h30m".
std::optional<std::chrono::seconds> parse_duration(std::string_view text);
std::string format_duration(std::chrono::seconds d);  // "1h 30m", "2d 3h", "45s"

}  // namespace incidentd::core
