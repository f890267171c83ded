// `incidentd serve`: the wiring of a running incidentd — the writer, the Slack client, the HTTP
// receiver and its router, the outbox worker and the scheduler — on one io thread, and its life
// from start through reloads (SIGHUP) to a bounded graceful stop (SIGTERM, SIGINT).
#include "bot/serve/serve.hpp"

#include <csignal>
#include <iostream>
#include <memory>

#include <SQLiteCpp/Exception.h>
#include <spdlog/spdlog.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "bot/handlers/router.hpp"
#include "bot/jobs/scheduler.hpp"
#include "bot/outbox/outbox_worker.hpp"
#include "bot/runtime/exit_status.hpp"
#include "bot/runtime/live_config.hpp"
#include "bot/runtime/runtime.hpp"
#include "bot/runtime/seal_key.hpp"
#include "bot/runtime/web_client_settings.hpp"
#include "bot/serve/logging.hpp"
#include "bot/serve/shutdown_deadline.hpp"
#include "config/config_error.hpp"
#include "slack/http_receiver.hpp"
#include "slack/socket_mode_client.hpp"
#include "slack/web_api_users.hpp"
#include "slack/web_client.hpp"
#include "store/store_file.hpp"
#include "store/writer.hpp"

namespace incidentd::bot {
namespace {

namespace asio = boost::asio;

// How long a graceful stop may take in all, before ShutdownDeadline ends the process.
constexpr std::chrono::seconds stop_limit{20};
// A scheduler job only writes to the database; an outbox call may wait on Slack.
constexpr std::chrono::seconds outbox_stop_grace{10};
constexpr std::chrono::seconds scheduler_stop_grace{2};

// The key that signs seals, created on the first start (after the store's lock is held, so a
// second serve on the same store never gets this far).
std::unique_ptr<const core::SigningKey> seal_key(const config::Config& config) {
    const auto path = seal_key_path(config);
    auto key = std::make_unique<const core::SigningKey>(load_seal_key(path, true));
    spdlog::info("seals are signed with key {} ({})", key->public_key().id(), path.string());
    return key;
}

// Everything a running incidentd owns, in the order it is built and (reversed) torn down.
class Service {
  public:
    Service(LiveConfigPtr live, ConfigSource reload, asio::io_context& io,
            ShutdownDeadline& deadline)
        : config_(live->config),
          reload_(std::move(reload)),
          deadline_(deadline),
          io_(io),
          writer_(config_.store.path, writer_options()),
          slack_(io.get_executor(), config_.secrets.bot_token.reveal(),
                 web_client_options(config_)),
          users_(io.get_executor(), slack_, writer_),
          runtime_{std::move(live), writer_, slack_, users_,           metrics_,
                   std::nullopt,    {},      {},     seal_key(config_)},
          outbox_(runtime_, io.get_executor()),
          scheduler_(runtime_, io.get_executor()),
          receiver_(io.get_executor(), receiver_options(config_), handlers()),
          socket_(config_.socket_mode()
                      ? std::make_unique<slack::SocketModeClient>(
                            io.get_executor(), config_.secrets.app_token.reveal(),
                            socket_mode_options(config_),
                            [this](slack::Inbound inbound, slack::DeliveryMeta meta) {
                                return route(runtime_, std::move(inbound), std::move(meta));
                            })
                      : nullptr),
          signals_(io, SIGINT, SIGTERM),
          hangup_(io, SIGHUP),
          retry_timer_(io) {
        runtime_.wake_outbox = [this] { outbox_.wake(); };
        runtime_.wake_scheduler = [this] { scheduler_.wake(); };
    }

    // Listens, then connects to Slack in the background. Returns why it cannot listen, if so.
    std::optional<std::string> start() {
        if (auto problem = receiver_.listen()) return problem;
        const auto endpoint = receiver_.local_endpoint();
        std::cout << "incidentd listening on http://" << endpoint.address().to_string() << ":"
                  << endpoint.port() << std::endl;
        spdlog::info(
            "listening on {}:{} ({}GET /healthz /readyz /metrics); store {}; Slack over {}",
            endpoint.address().to_string(), endpoint.port(), socket_ ? "" : "POST /slack/events, ",
            config_.store.path, socket_ ? "Socket Mode" : "the HTTP Events API");
        signals_.async_wait([this](const boost::system::error_code& error, int signal) {
            if (error) return;
            spdlog::info("signal {}: stopping (within {}s)", signal, stop_limit.count());
            deadline_.arm();
            asio::co_spawn(io_, shutdown(), asio::detached);
        });
        await_hangup();
        asio::co_spawn(io_, connect(), asio::detached);
        return std::nullopt;
    }

    // After io.run() returns: every queued write is committed before the database closes.
    void finish() { writer_.stop(); }

  private:
    void await_hangup() {
        hangup_.async_wait([this](const boost::system::error_code& error, int) {
            if (error || stopping_) return;
            reload_configuration();
            await_hangup();
        });
    }

    // SIGHUP: the file and every template read again; the running configuration is replaced
    // only by one that is valid as a whole.
    void reload_configuration() {
        constexpr auto kept = "configuration not reloaded; still running with the previous one";
        config::Config loaded;
        try {
            loaded = reload_();
        } catch (const config::ConfigError& e) {
            spdlog::error("SIGHUP: {}: {}", kept, e.what());
            return;
        }
        Reload reload = prepare_reload(runtime_.live->config, std::move(loaded));
        auto made = make_live_config(std::move(reload.config));
        if (const auto* problems = std::get_if<TemplateProblems>(&made)) {
            for (const auto& problem : *problems)
                spdlog::error("SIGHUP: {}: {}", kept, problem);
            return;
        }
        for (const auto& name : reload.needs_restart)
            spdlog::warn("SIGHUP: {} changed; the new value takes effect at the next restart",
                         name);
        runtime_.live = std::get<LiveConfigPtr>(std::move(made));
        spdlog::set_level(spdlog::level::from_str(runtime_.live->config.log.level));
        const std::string& file = runtime_.live->config.file;
        spdlog::info("configuration reloaded from {}",
                     file.empty() ? "the environment and the defaults" : file);
    }

    // The store's ability to write, logged once per change (not once per refused event).
    static store::WriterOptions writer_options() {
        store::WriterOptions options;
        options.on_health_change = [](const store::WriteHealth& health) {
            if (health.writable)
                spdlog::info("store: writes succeed again; ready");
            else if (health.permanent)
                spdlog::critical(
                    "store: {}; {}. Not ready: events are refused so Slack retries them",
                    health.problem, health.advice);
            else
                spdlog::error(
                    "store: cannot write ({}); {}. Not ready: events are refused so Slack "
                    "retries them, and a write is tried every second",
                    health.problem, health.advice);
        };
        return options;
    }

    static slack::SocketModeOptions socket_mode_options(const config::Config& config) {
        slack::SocketModeOptions options;
        options.api_url = config.slack.api_url;
        options.ca_file = config.slack.ca_file;
        return options;
    }

    static slack::HttpReceiverOptions receiver_options(const config::Config& config) {
        slack::HttpReceiverOptions options;
        options.host = config.server.listen.host;
        options.port = config.server.listen.port;
        options.signing_secret = config.secrets.signing_secret.reveal();
        return options;
    }

    slack::HttpReceiverHandlers handlers() {
        slack::HttpReceiverHandlers h;
        // With Socket Mode, Slack's requests come over the WebSocket; this port serves probes.
        if (!config_.socket_mode())
            h.inbound = [this](slack::Inbound inbound, slack::DeliveryMeta meta) {
                return route(runtime_, std::move(inbound), std::move(meta));
            };
        h.healthz = [] { return slack::plain_answer(200, "ok\n"); };
        h.readyz = [this] {
            const std::string problem = not_ready_because();
            return problem.empty() ? slack::plain_answer(200, "ready\n")
                                   : slack::plain_answer(503, "not ready: " + problem + "\n");
        };
        h.metrics = [this] {
            // The gauge says what /readyz says.
            metrics_.set_ready(not_ready_because().empty());
            std::optional<slack::SocketModeStats> socket_stats;
            if (socket_) socket_stats = socket_->stats();
            slack::DeliveryAnswer reply = slack::plain_answer(
                200, metrics_.prometheus(receiver_.stats(), slack_.counts(), socket_stats));
            reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
            return reply;
        };
        return h;
    }

    // Why /readyz answers 503, or "" when ready to receive Slack.
    std::string not_ready_because() const {
        if (!runtime_.workspace) return "auth.test has not succeeded";
        if (const store::WriteHealth health = writer_.health(); !health.writable)
            return "the database cannot store: " + health.problem;
        if (socket_ && !socket_->stats().connected) return "no Socket Mode connection";
        return "";
    }

    // auth.test until it succeeds: the workspace's URL makes permalinks, the bot's ids tell its
    // own posts apart. Until then events are answered 503 and Slack retries them.
    asio::awaitable<void> connect() {
        std::chrono::seconds delay{1};
        while (!stopping_) {
            const slack::auth::TestResult answer = co_await slack::auth::test(slack_);
            if (answer) {
                const slack::auth::Identity& identity = answer.value();
                slack::Workspace ws;
                ws.url = identity.url;
                ws.bot_user_id = identity.user_id;
                ws.bot_id = identity.bot_id;
                if (!ws.url.empty() && ws.url.back() != '/') ws.url += '/';
                runtime_.workspace = ws;
                spdlog::info("connected to Slack: team {} ({}), bot user {}", identity.team,
                             identity.team_id, ws.bot_user_id);
                outbox_.start();
                scheduler_.start();
                // Envelopes need the workspace too; connecting earlier would only bounce them.
                if (socket_) socket_->start();
                co_return;
            }
            const auto& error = answer.error();
            using enum slack::auth::TestError;
            const bool token_refused = answer.code() == invalid_auth ||
                                       answer.code() == not_authed ||
                                       answer.code() == token_revoked;
            spdlog::error("auth.test failed: {} ({}); retrying in {}s{}", error.code, error.message,
                          delay.count(), token_refused ? ": check SLACK_BOT_TOKEN" : "");
            retry_timer_.expires_after(delay);
            co_await retry_timer_.async_wait(asio::as_tuple(asio::use_awaitable));
            delay = std::min(delay * 2, std::chrono::seconds{60});
        }
    }

    // Stop taking requests and let those in progress finish, let the outbox call in progress
    // finish and be stored, then end the io loop; finish() then drains the writer.
    asio::awaitable<void> shutdown() {
        if (stopping_) co_return;
        stopping_ = true;
        retry_timer_.cancel();
        hangup_.cancel();
        // Envelopes in flight are stored and acked before their link closes.
        if (socket_) co_await socket_->stop();
        co_await receiver_.stop();
        co_await outbox_.stop(outbox_stop_grace);
        co_await scheduler_.stop(scheduler_stop_grace);
        io_.stop();
    }

    const config::Config config_;  // as started: what only a restart changes
    ConfigSource reload_;
    ShutdownDeadline& deadline_;
    asio::io_context& io_;
    store::Writer writer_;
    slack::WebClient slack_;
    Metrics metrics_;
    UserDirectory users_;
    Runtime runtime_;
    OutboxWorker outbox_;
    Scheduler scheduler_;
    slack::HttpReceiver receiver_;
    std::unique_ptr<slack::SocketModeClient> socket_;  // with SLACK_APP_TOKEN only
    asio::signal_set signals_;
    asio::signal_set hangup_;
    asio::steady_timer retry_timer_;
    bool stopping_ = false;
};

}  // namespace

int run_serve(const config::Config& config, ConfigSource reload) {
    setup_logging(config.log);
    if (config.socket_mode() && !config.secrets.bot_token.is_set()) {
        std::cerr << "incidentd: serve needs SLACK_BOT_TOKEN (xoxb-…) besides SLACK_APP_TOKEN, "
                     "from the environment or from a file named by SLACK_BOT_TOKEN_FILE.\n";
        return exit_usage;
    }
    if (!config.socket_mode() &&
        (!config.secrets.bot_token.is_set() || !config.secrets.signing_secret.is_set())) {
        std::cerr << "incidentd: serve needs SLACK_BOT_TOKEN (xoxb-…) and SLACK_SIGNING_SECRET "
                     "for the HTTP Events API, or SLACK_BOT_TOKEN and SLACK_APP_TOKEN (xapp-…) "
                     "for Socket Mode, from the environment or from files named by "
                     "<NAME>_FILE. deploy/run-demo.sh runs incidentd against the local Slack "
                     "emulator without them.\n";
        return exit_usage;
    }
    auto live = make_live_config(config);
    if (const auto* problems = std::get_if<TemplateProblems>(&live)) {
        for (const auto& problem : *problems)
            std::cerr << "config: " << problem << "\n";
        return exit_usage;
    }
    ShutdownDeadline deadline{stop_limit};  // outlives the service: it bounds the teardown too
    asio::io_context io{1};
    std::unique_ptr<Service> service;
    try {
        service = std::make_unique<Service>(std::get<LiveConfigPtr>(std::move(live)),
                                            std::move(reload), io, deadline);
    } catch (const std::invalid_argument& e) {
        std::cerr << "incidentd: " << e.what() << "\n";  // a setting: it names which
        return exit_usage;
    } catch (const SQLite::Exception& e) {
        std::cerr << "incidentd: " << store::explain_sqlite_error(config.store.path, e) << "\n";
        return exit_failure;
    } catch (const std::exception& e) {
        std::cerr << "incidentd: " << e.what() << "\n";  // StoreError names the file
        return exit_failure;
    }
    if (auto problem = service->start()) {
        std::cerr << "incidentd: " << *problem << "\n";
        return exit_failure;
    }
    io.run();
    service->finish();
    service.reset();
    spdlog::info("stopped");
    return exit_ok;
}

}  // namespace incidentd::bot
