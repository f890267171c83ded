// Incident channel names: `<prefix>-<yyyymmdd>-<slug-of-title>` within Slack's channel-name rules
// (lowercase letters, digits, '-' and '_'; at most 80 characters), and the checks behind them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace incidentd::core {

inline constexpr std::size_t max_channel_name_length = 80;    // Slack's limit
inline constexpr std::size_t max_channel_prefix_length = 20;  // leaves room for date and title

// The title as a channel-name slug: Latin letters with accents transliterated (é->e, ß->ss,
// ø->o, Œ->oe), Slack markup reduced to its label, apostrophes dropped, every other run of
// characters (spaces, punctuation, CJK, emoji) becoming one '-'. "incident" when nothing is left.
std::string channel_slug(std::string_view title);

// `<prefix>-<yyyymmdd>-<slug>` with the date of `declared_at` in UTC; the slug is shortened
// (at a word break when one is near) so the whole name fits in 80 characters.
// `prefix` is expected to pass channel_prefix_error.
std::string channel_name(std::string_view prefix, Time declared_at, std::string_view title);

// The name to try after `name_taken`: name-2, name-3, … (n >= 2; n < 2 returns `name`). The
// base is shortened, never the suffix, so the result stays within 80 characters.
std::string with_suffix(std::string_view name, int n);

// Slack's error code for a name conversations.create would refuse: "invalid_name_required"
// (empty), "invalid_name_maxlength" (over 80), "invalid_name_specials" (anything but a-z, 0-9,
// '-', '_'), "invalid_name_punctuation" (only '-' and '_'); nothing for a valid name.
std::optional<std::string> channel_name_error(std::string_view name);

// Why a configured channel prefix is unusable, as a sentence to follow the key's name, e.g.
// "\"INC\" has upper-case letters; channel names are lowercase (try \"inc\")"; nothing when fine.
// Stricter than a channel name: at most 20 characters, no leading or trailing '-' or '_'.
std::optional<std::string> channel_prefix_error(std::string_view prefix);

}  // namespace incidentd::core
