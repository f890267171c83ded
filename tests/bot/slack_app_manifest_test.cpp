// The Slack app manifests in deploy/ checked against the code: the scopes of the Web API methods
// incidentd calls, the events it records, its slash command, interactivity per transport, and
// the YAML files saying the same as the JSON files.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "bot/handlers/event_entries.hpp"
#include "bot/handlers/event_handler.hpp"
#include "bot/ui/block_ids.hpp"
#include "slack/api_methods.hpp"
#include "slack/slack_event.hpp"
#include "support/command.hpp"

namespace slack = incidentd::slack;
namespace bot = incidentd::bot;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path source_dir = INCIDENTD_SOURCE_DIR;

std::string read_text(const fs::path& path) {
    std::ifstream in(path);
    if (!in) FAIL("cannot read " << path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

json read_manifest(const std::string& name) {
    return json::parse(read_text(source_dir / "deploy" / name));
}

std::set<std::string> strings_at(const json& manifest, const json::json_pointer& where) {
    if (!manifest.contains(where)) return {};
    return manifest.at(where).get<std::set<std::string>>();
}

bool in_method_table(const std::string& method) {
    for (const auto& spec : slack::known_methods())
        if (spec.name == method) return true;
    return false;
}

// The text of the argument list that opens at `open` (a '('), up to its matching ')'.
std::string argument_text(const std::string& text, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < text.size(); ++i) {
        if (text[i] == '(') ++depth;
        if (text[i] == ')' && --depth == 0) return text.substr(open + 1, i - open - 1);
    }
    return text.substr(open + 1);
}

struct CallSite {
    std::string where;  // file:offset, for messages
    std::string first_argument;
    std::set<std::string> methods;  // method names among the argument's string literals
};

// Every call of the Web API client's one entry point in a .cpp anywhere under bot/ and slack/:
// `.call(method, …)`, or `call_typed<…>(client, method, …)` (slack/web_api_call.hpp), with the
// method names written in its arguments: the method argument's literal, and any literal naming a
// method of the table elsewhere in them (a ternary that picks one of two methods).
std::vector<CallSite> call_sites() {
    const std::regex call(R"((\.|->)call\(|\bcall_typed<[^;(]*\()");
    const std::regex literal(R"re("([^"\\]*)")re");
    std::vector<CallSite> sites;
    for (const char* layer : {"bot", "slack"}) {
        for (const auto& file : fs::recursive_directory_iterator(source_dir / layer)) {
            if (file.path().extension() != ".cpp") continue;
            const std::string text = read_text(file.path());
            for (std::sregex_iterator m(text.begin(), text.end(), call), end; m != end; ++m) {
                const std::size_t open = static_cast<std::size_t>(m->position() + m->length() - 1);
                const std::string args = argument_text(text, open);
                CallSite site;
                site.where = std::string(layer) + "/" + file.path().filename().string() + ":" +
                             std::to_string(open);
                // call_typed's method comes after the client.
                const bool typed = m->str().starts_with("call_typed");
                const std::string method_args = typed ? args.substr(args.find(',') + 1) : args;
                site.first_argument = method_args.substr(0, method_args.find(','));
                for (std::sregex_iterator l(method_args.begin(), method_args.end(), literal);
                     l != end; ++l) {
                    const std::string name = (*l)[1];
                    const bool first =
                        l->position() == static_cast<std::ptrdiff_t>(site.first_argument.find('"'));
                    if (first || in_method_table(name)) site.methods.insert(name);
                }
                sites.push_back(std::move(site));
            }
        }
    }
    return sites;
}

std::set<std::string> called_methods() {
    std::set<std::string> methods;
    for (const auto& site : call_sites())
        methods.insert(site.methods.begin(), site.methods.end());
    return methods;
}

// The bot scope Slack requires for each bot event subscription incidentd could have.
const std::map<std::string, std::string> event_scope{
    {"message.channels", "channels:history"},
    {"reaction_added", "reactions:read"},
    {"reaction_removed", "reactions:read"},
    {"pin_added", "pins:read"},
    {"pin_removed", "pins:read"},
    {"member_joined_channel", "channels:read"},
    {"member_left_channel", "channels:read"},
    {"channel_archive", "channels:read"},
    {"channel_unarchive", "channels:read"},
    {"app_home_opened", ""},
};

// The event type a subscription delivers: message.channels delivers "message".
std::string delivered_type(const std::string& subscription) {
    return subscription.substr(0, subscription.find('.'));
}

// A `type` event by someone else in a public channel, with every field any decoded shape needs.
slack::SlackEvent sample_event(const std::string& type) {
    const json event = {
        {"type", type},
        {"user", "U0ALICE"},
        {"channel", "C0INCIDENT"},
        {"channel_id", "C0INCIDENT"},
        {"channel_type", "channel"},
        {"text", "checkout latency is back to normal"},
        {"ts", "1764000000.000100"},
        {"event_ts", "1764000000.000200"},
        {"reaction", "pushpin"},
        {"item",
         {{"type", "message"},
          {"channel", "C0INCIDENT"},
          {"ts", "1764000000.000100"},
          {"message", {{"user", "U0ALICE"}, {"text", "x"}, {"ts", "1764000000.000100"}}}}}};
    slack::SlackEvent decoded;
    slack::from_json(event, decoded);
    return decoded;
}

// Whether the incident record keeps anything of an event of `type` (incidentd's reason to
// subscribe to it).
bool recorded(const std::string& type) {
    slack::EventCallback callback;
    callback.event_id = "Ev0001";
    callback.event = sample_event(type);
    const slack::Workspace workspace{"https://example.slack.com/", "U0INCIDENTD", "B0INCIDENTD"};
    const incidentd::core::Time now{std::chrono::milliseconds{1764000001000}};
    return bot::entry_for_event(callback, workspace, "pushpin", now).has_value();
}

// python3 on PATH, or "" (posix_spawn does not search PATH).
std::string find_python3() {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const fs::path candidate = fs::path(dir) / "python3";
        if (!dir.empty() && fs::exists(candidate)) return candidate.string();
    }
    return {};
}

// The YAML file as JSON, read by PyYAML (the manifest is meant for Slack's YAML reader; ours
// would prove nothing).
json yaml_as_json(const std::string& name) {
    const std::string python = find_python3();
    if (python.empty())
        FAIL(
            "python3 is not on PATH: the YAML manifests cannot be compared with the JSON ones "
            "(deploy/install-deps.sh installs python3-yaml)");
    const auto result = incidentd::test::run_command(
        python, {"-c",
                 "import json, sys, yaml\n"
                 "json.dump(yaml.safe_load(open(sys.argv[1], encoding='utf-8')), sys.stdout)",
                 (source_dir / "deploy" / name).string()});
    if (result.err.find("No module named 'yaml'") != std::string::npos)
        FAIL("python3 has no yaml module: install python3-yaml (deploy/install-deps.sh does)");
    if (result.status != 0) FAIL(name << " could not be read as YAML: " << result.err);
    return json::parse(result.out);
}

const std::vector<std::string> manifests{"slack-app-manifest.json",
                                         "slack-app-manifest.socket-mode.json"};

}  // namespace

TEST_CASE("every Web API call site names a method of the method table") {
    const auto sites = call_sites();
    REQUIRE(sites.size() > 10);  // the scan sees the calls at all
    for (const auto& site : sites) {
        INFO(site.where << ": call(" << site.first_argument << ", …)");
        CHECK_FALSE(site.methods.empty());
        for (const auto& method : site.methods) {
            INFO(method);
            CHECK(in_method_table(method));
        }
    }
}

TEST_CASE("the manifests grant the bot scope of every Web API method incidentd calls") {
    const auto called = called_methods();
    REQUIRE(called.contains("conversations.history"));  // named only inside a ternary
    for (const auto& name : manifests) {
        const auto scopes =
            strings_at(read_manifest(name), "/oauth_config/scopes/bot"_json_pointer);
        for (const auto& method : called) {
            const auto scope = std::string(slack::method_spec(method).bot_scope);
            INFO(name << ": " << method << " needs " << scope);
            CHECK((scope.empty() || scopes.contains(scope)));
        }
    }
}

TEST_CASE("the manifests grant no bot scope that nothing incidentd does needs") {
    std::set<std::string> needed{"commands"};  // the /incident slash command
    for (const auto& method : called_methods())
        needed.insert(std::string(slack::method_spec(method).bot_scope));
    for (const auto& name : manifests) {
        const json manifest = read_manifest(name);
        std::set<std::string> wanted = needed;
        for (const auto& event :
             strings_at(manifest, "/settings/event_subscriptions/bot_events"_json_pointer)) {
            INFO(name << ": bot event " << event);
            REQUIRE(event_scope.contains(event));
            wanted.insert(event_scope.at(event));
        }
        for (const auto& scope : strings_at(manifest, "/oauth_config/scopes/bot"_json_pointer)) {
            INFO(name << ": bot scope " << scope);
            CHECK(wanted.contains(scope));
        }
    }
}

TEST_CASE("every event type said to be decoded decodes to a shape of its own") {
    for (std::string_view type : slack::decoded_event_types()) {
        INFO(type);
        const auto event = sample_event(std::string(type));
        CHECK_FALSE(std::holds_alternative<slack::UnknownEvent>(event));
        CHECK(slack::event_type_name(event) == type);
    }
}

TEST_CASE(
    "the manifests subscribe to exactly the decoded events the record keeps, and the Home tab's") {
    for (const auto& name : manifests) {
        const auto events = strings_at(read_manifest(name),
                                       "/settings/event_subscriptions/bot_events"_json_pointer);
        std::set<std::string> subscribed_types;
        for (const auto& event : events) {
            const std::string type = delivered_type(event);
            INFO(name << ": bot event " << event << " delivers " << type);
            const auto decoded = slack::decoded_event_types();
            CHECK(std::find(decoded.begin(), decoded.end(), type) != decoded.end());
            subscribed_types.insert(type);
        }
        CHECK(events.contains("message.channels"));  // incident channels are public
        for (std::string_view type : slack::decoded_event_types()) {
            INFO(name << ": " << type << (recorded(std::string(type)) ? " is " : " is not ")
                      << "recorded");
            CHECK(subscribed_types.contains(std::string(type)) ==
                  (recorded(std::string(type)) || bot::handled_without_recording(type)));
        }
    }
}

TEST_CASE("the manifests declare /incident with mentions escaped into user ids") {
    for (const auto& name : manifests) {
        INFO(name);
        const json commands = read_manifest(name).at("/features/slash_commands"_json_pointer);
        REQUIRE(commands.size() == 1);
        CHECK(commands[0]["command"] == "/incident");
        // `role` takes the person as <@U…|name>, which Slack sends only with escaping on.
        CHECK(commands[0]["should_escape"] == true);
        CHECK_FALSE(commands[0].value("description", "").empty());
    }
}

TEST_CASE("the HTTP manifest sends events, commands and interactions to /slack/events") {
    const json manifest = read_manifest("slack-app-manifest.json");
    CHECK(manifest["settings"]["socket_mode_enabled"] == false);
    CHECK(manifest["settings"]["interactivity"]["is_enabled"] == true);
    for (const auto& where : {"/settings/event_subscriptions/request_url"_json_pointer,
                              "/settings/interactivity/request_url"_json_pointer,
                              "/features/slash_commands/0/url"_json_pointer}) {
        INFO(where.to_string());
        REQUIRE(manifest.contains(where));
        const std::string url = manifest.at(where);
        CHECK(url.starts_with("https://"));
        CHECK(url.ends_with("/slack/events"));
    }
}

TEST_CASE("the Socket Mode manifest has interactivity on and no request URLs") {
    const json manifest = read_manifest("slack-app-manifest.socket-mode.json");
    CHECK(manifest["settings"]["socket_mode_enabled"] == true);
    CHECK(manifest["settings"]["interactivity"]["is_enabled"] == true);
    CHECK_FALSE(manifest.contains("/settings/event_subscriptions/request_url"_json_pointer));
    CHECK_FALSE(manifest.contains("/settings/interactivity/request_url"_json_pointer));
    CHECK_FALSE(manifest.contains("/features/slash_commands/0/url"_json_pointer));
}

TEST_CASE("the manifests use Slack's version 1 schema with the app's fixed settings") {
    for (const auto& name : manifests) {
        INFO(name);
        const json manifest = read_manifest(name);
        CHECK(manifest["_metadata"]["major_version"] == 1);
        CHECK(manifest["display_information"]["name"] == "incidentd");
        CHECK(manifest["features"]["bot_user"]["display_name"] == "incidentd");
        CHECK(manifest["settings"]["org_deploy_enabled"] == false);
        CHECK(manifest["settings"]["token_rotation_enabled"] == false);
    }
}

TEST_CASE("each YAML manifest says the same as its JSON manifest") {
    for (const std::string base : {"slack-app-manifest", "slack-app-manifest.socket-mode"}) {
        INFO(base);
        CHECK(yaml_as_json(base + ".yaml") == read_manifest(base + ".json"));
    }
}

TEST_CASE("the manifests offer the declare shortcut and the Home tab the handlers serve") {
    for (const auto& name : manifests) {
        INFO(name);
        const json manifest = read_manifest(name);
        const json shortcuts = manifest.at("/features/shortcuts"_json_pointer);
        REQUIRE(shortcuts.size() == 1);
        CHECK(shortcuts[0]["type"] == "global");
        CHECK(shortcuts[0]["callback_id"] == std::string(bot::block_ids::declare_shortcut));
        CHECK(manifest["features"]["app_home"]["home_tab_enabled"] == true);
        // Postmortem reminders are messages from the app: its Messages tab must show them.
        CHECK(manifest["features"]["app_home"]["messages_tab_enabled"] == true);
    }
}
