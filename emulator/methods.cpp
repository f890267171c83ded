// The method table and helpers the method families share.
#include "emulator/methods.hpp"

#include "emulator/api_args.hpp"

namespace incidentd::emulator {

nlohmann::json api_error(std::string_view code) {
    return {{"ok", false}, {"error", code}};
}

Channel* channel_arg(MethodContext& context, std::string_view key) {
    auto value = text_arg(context.args, key);
    if (!value) return nullptr;
    if (Channel* channel = context.workspace.find_channel(*value)) return channel;
    if (value->starts_with('#')) return context.workspace.find_channel_by_name(*value);
    return nullptr;
}

MethodTable all_methods() {
    MethodTable table;
    add_auth_and_users_methods(table);
    add_conversations_methods(table);
    add_chat_methods(table);
    add_item_methods(table);
    add_views_methods(table);
    add_files_methods(table);
    add_apps_methods(table);
    return table;
}

}  // namespace incidentd::emulator
