// Finding the interactive element a user presses in a message's or view's blocks, as Slack's
// client knows it: the element itself and the block_id of the block that holds it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace incidentd::emulator {

struct FoundElement {
    nlohmann::json element;
    std::string block_id;
};

// The element with `action_id` (in section accessories, actions blocks and input blocks), within
// the block `block_id` when that is not empty.
std::optional<FoundElement> find_element(const nlohmann::json& blocks, std::string_view action_id,
                                         std::string_view block_id);

}  // namespace incidentd::emulator
