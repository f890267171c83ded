// Routing: /api/<method> (Web API), /upload/<file> (file bytes), /commands/… and /actions/…
// (response_urls), /_emulator/… (control API).
#include "emulator/emulator.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/url/parse.hpp>

#include "emulator/response_urls.hpp"

namespace incidentd::emulator {

namespace asio = boost::asio;

Emulator::Emulator(asio::any_io_executor executor, Options options)
    : executor_(executor),
      options_(std::move(options)),
      rate_limits_(options_.rate_limits, options_.rate_limit_scale),
      socket_mode_(executor),
      delivery_(executor, workspace_, options_, socket_mode_),
      web_api_(WebApiDeps{workspace_, interactions_, delivery_, socket_mode_, faults_, rate_limits_,
                          options_, base_url_}),
      control_(ControlDeps{workspace_, interactions_, delivery_, socket_mode_, faults_, web_api_,
                           options_, base_url_}) {}

void Emulator::start() {
    if (options_.request_url.empty() || !options_.url_verification_at_start) return;
    asio::co_spawn(
        executor_,
        [this]() -> asio::awaitable<void> {
            auto result = co_await delivery_.verify_url();
            if (result.value("ok", false)) {
                spdlog::info("url_verification: the app at the request URL answered the challenge");
            } else {
                spdlog::warn(
                    "url_verification failed: {} (POST /_emulator/url_verification to "
                    "try again)",
                    result.value("error", ""));
            }
        },
        asio::detached);
}

bool Emulator::accept_socket_mode(std::string_view target) {
    auto url = boost::urls::parse_origin_form(target);
    if (!url || url->path() != "/link/") return false;
    auto ticket = url->params().find("ticket");
    if (ticket == url->params().end()) return false;
    return socket_mode_.use_ticket((*ticket).value);
}

PlannedResponse Emulator::upload(std::string_view file_id, const Request& request) {
    File* file = workspace_.find_file(file_id);
    if (!file) return text_reply("file_not_found", http::status::not_found);
    if (file->completed) return text_reply("upload already completed", http::status::bad_request);
    file->content = request.body();
    file->uploaded = true;
    return text_reply("OK - " + std::to_string(file->content.size()), http::status::ok);
}

asio::awaitable<PlannedResponse> Emulator::handle(const Request& request) {
    auto url = boost::urls::parse_origin_form(request.target());
    if (!url) co_return text_reply("bad request target", http::status::bad_request);
    const std::string path = url->path();

    if (path.starts_with("/api/")) co_return web_api_.handle(path.substr(5), request);
    if (path.starts_with("/upload/") && request.method() == http::verb::post) {
        co_return upload(path.substr(8), request);
    }
    if ((path.starts_with("/commands/") || path.starts_with("/actions/")) &&
        request.method() == http::verb::post) {
        const std::string id = path.substr(path.find('/', 1) + 1);
        co_return handle_response_url_post(workspace_, interactions_, delivery_, id, request);
    }
    if (path == "/_emulator/tls_stalls") co_return tls_stalls_.handle(request, options_.tls());
    if (path.starts_with("/_emulator/")) {
        nlohmann::json query = nlohmann::json::object();
        for (auto param : url->params())
            query[param.key] = param.value;
        std::string problem;
        try {
            co_return co_await control_.handle(request, path.substr(10), std::move(query));
        } catch (const nlohmann::json::exception& e) {
            problem = e.what();
        }
        co_return json_reply({{"ok", false}, {"error", "a field has the wrong type: " + problem}},
                             http::status::bad_request);
    }
    co_return text_reply("no such path: " + path +
                             " (the Web API is under /api/, the control API under /_emulator/)",
                         http::status::not_found);
}

}  // namespace incidentd::emulator
