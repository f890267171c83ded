// Element lookup by action_id across the places Block Kit puts interactive elements.
#include "emulator/block_elements.hpp"

namespace incidentd::emulator {

std::optional<FoundElement> find_element(const nlohmann::json& blocks, std::string_view action_id,
                                         std::string_view block_id) {
    if (!blocks.is_array()) return std::nullopt;
    for (const auto& block : blocks) {
        if (!block.is_object()) continue;
        const std::string id = block.value("block_id", "");
        if (!block_id.empty() && id != block_id) continue;
        auto matches = [&](const nlohmann::json& element) {
            return element.is_object() && element.value("action_id", "") == action_id;
        };
        for (const char* key : {"accessory", "element"}) {
            if (block.contains(key) && matches(block[key])) return FoundElement{block[key], id};
        }
        if (block.contains("elements") && block["elements"].is_array()) {
            for (const auto& element : block["elements"]) {
                if (matches(element)) return FoundElement{element, id};
            }
        }
    }
    return std::nullopt;
}

}  // namespace incidentd::emulator
