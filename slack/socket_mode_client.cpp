// The Socket Mode client: per connection slot a supervisor that opens links and replaces them, and
// per link a reader that dispatches envelopes and a writer that sends acks one at a time. All of
// it runs on one strand, so the client's state has a single owner; only the counters, which stats()
// reads from any thread, sit behind a mutex.
#include "slack/socket_mode_client.hpp"

#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <stdexcept>

#include <spdlog/spdlog.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket/error.hpp>

#include "slack/link_end.hpp"
#include "slack/retry_policy.hpp"
#include "slack/socket_link.hpp"
#include "slack/socket_mode_envelope.hpp"
#include "slack/socket_url.hpp"
#include "slack/tls_context.hpp"
#include "slack/use_tuple.hpp"
#include "slack/web_client.hpp"

namespace incidentd::slack {

namespace asio = boost::asio;
namespace beast = boost::beast;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

// Slack's answers to apps.connections.open that mean the app token itself is wrong: retrying
// cannot help until someone fixes the token, but the schedule stays bounded, never a hot loop.
bool is_token_problem(std::string_view code) {
    return code == "invalid_auth" || code == "not_authed" || code == "token_revoked" ||
           code == "token_expired" || code == "not_allowed_token_type" ||
           code == "account_inactive" || code == "missing_scope";
}

WebClientOptions web_options(const SocketModeOptions& options) {
    WebClientOptions web;
    web.api_url = options.api_url;
    web.ca_file = options.ca_file;
    web.connect_timeout = options.hello_timeout;
    web.request_timeout = options.hello_timeout;
    web.call_deadline = options.hello_timeout;
    // The supervisor's own backoff paces apps.connections.open; Tier 1 pacing would hold a
    // refresh for up to a minute, and a 429 is still honoured through its Retry-After.
    web.retry.max_attempts = 1;
    web.pacing.enabled = false;
    return web;
}

}  // namespace

namespace detail {

class Connection;

class SocketModeState : public std::enable_shared_from_this<SocketModeState> {
  public:
    SocketModeState(asio::any_io_executor executor, std::string app_token,
                    SocketModeOptions options_in, InboundHandler handler_in)
        : options(std::move(options_in)),
          handler(std::move(handler_in)),
          strand(asio::make_strand(executor)),
          web_(executor, std::move(app_token), web_options(options)),
          all_ended_(strand) {
        if (options.connections < 1 || options.connections > 10)
            throw std::invalid_argument("socket mode: connections must be between 1 and 10, not " +
                                        std::to_string(options.connections));
        std::string problem;
        tls_ = make_client_tls_context(options.ca_file, problem);
        if (!tls_) throw std::invalid_argument(problem);
    }

    void start();
    asio::awaitable<void> stop();  // runs on the strand
    void drop_everything();
    SocketModeStats stats() const {
        std::lock_guard lock(stats_mutex_);
        return stats_;
    }
    template <class Update>
    void count(Update&& update) {
        std::lock_guard lock(stats_mutex_);
        update(stats_);
    }
    void record_ack(Clock::duration latency);

    // Called by a connection's reader when its link ended, on the strand.
    void connection_ended(int number);
    // link_disabled: Socket Mode was turned off for the app.
    void disable() { disabled_ = true; }
    bool running() const { return !stopping_ && !disabled_; }

    const SocketModeOptions options;
    const InboundHandler handler;
    asio::strand<asio::any_io_executor> strand;

  private:
    asio::awaitable<void> supervise(std::shared_ptr<SocketModeState> self, int slot);
    asio::awaitable<std::shared_ptr<Connection>> connect_with_backoff(int slot, bool wait_first);
    // One attempt: a ticket, a link, its hello. Nothing when it failed (logged); `at_least` is
    // raised when Slack said how long to wait.
    asio::awaitable<std::shared_ptr<Connection>> connect_once(milliseconds& at_least);
    asio::awaitable<void> sleep(int slot, milliseconds delay);
    void leave();  // a supervisor or connection is done; wakes stop() when none is left

    WebClient web_;
    std::shared_ptr<asio::ssl::context> tls_;
    std::mt19937_64 random_{std::random_device{}()};
    // Owned by the strand.
    bool started_ = false;
    bool stopping_ = false;
    bool disabled_ = false;
    int next_number_ = 0;
    int alive_ = 0;  // supervisors running and connections not yet ended
    std::map<int, std::shared_ptr<Connection>> connections_;
    std::map<int, std::unique_ptr<asio::steady_timer>> sleepers_;  // by slot
    asio::steady_timer all_ended_;

    mutable std::mutex stats_mutex_;  // stats() is called from any thread
    SocketModeStats stats_;
};

// One link: the reader dispatches envelopes to handlers running beside it; acks queue for the one
// writer. Retiring it lets handlers in flight ack (within stop_grace), then sends a close frame.
// A link replaced after refresh_requested first lingers: Slack may still send envelopes on it
// until it closes the link itself, and those are handled and acked like any other. Whatever
// reaches a link after incidentd's close frame cannot be acked (no data may follow a close
// frame), so Slack redelivers it.
class Connection : public std::enable_shared_from_this<Connection> {
  public:
    Connection(std::shared_ptr<SocketModeState> state, std::unique_ptr<SocketLink> link,
               int number_in)
        : number(number_in),
          state_(std::move(state)),
          link_(std::move(link)),
          wake_(state_->strand),
          changed_(state_->strand) {}

    void start() {
        const auto& o = state_->options;
        // Beast pings after half the idle time and fails the read after all of it.
        link_->set_timeouts(o.hello_timeout, o.ping_interval + o.pong_timeout, true);
        asio::co_spawn(state_->strand, read_loop(shared_from_this()), asio::detached);
        asio::co_spawn(state_->strand, write_loop(shared_from_this()), asio::detached);
    }

    enum class Linger { no, yes };

    // Acks what is in flight, then closes with a close frame; with Linger::yes it goes on serving
    // for stop_grace first. Retiring a lingering link without linger closes it without waiting.
    void retire(std::string_view why, Linger linger = Linger::no) {
        if (ended_ || close_sent_) return;
        const auto now = Clock::now();
        const auto grace = state_->options.stop_grace;
        if (retiring_) {
            if (linger == Linger::no && linger_until_ > now) {
                spdlog::info("socket mode: closing link {} now ({})", number, why);
                linger_until_ = now;
                close_by_ = now + grace;
                wake_.cancel();
            }
            return;
        }
        if (linger == Linger::yes) {
            spdlog::info(
                "socket mode: link {} {}; it serves what Slack still sends on it for {} ms, "
                "then closes",
                number, why, grace.count());
        } else {
            spdlog::info("socket mode: closing link {} ({})", number, why);
        }
        retiring_ = true;
        linger_until_ = linger == Linger::yes ? now + grace : now;
        close_by_ = linger_until_ + grace;
        wake_.cancel();
    }
    void drop() { link_->drop(); }

    // Until the link ended or Slack asked for a refresh.
    asio::awaitable<void> wait_for_change() {
        while (!ended_ && !refresh_requested_) {
            changed_.expires_at(Clock::time_point::max());
            co_await changed_.async_wait(use_tuple);
        }
    }
    bool ended() const { return ended_; }
    bool refresh_requested() const { return refresh_requested_; }

    const int number;  // for logs

  private:
    struct Outgoing {
        std::string text;
        Clock::time_point received;
    };

    asio::awaitable<void> read_loop(std::shared_ptr<Connection> self);
    asio::awaitable<void> write_loop(std::shared_ptr<Connection> self);
    asio::awaitable<void> handle(std::shared_ptr<Connection> self, SocketEnvelope envelope,
                                 Clock::time_point received);
    void on_envelope(SocketEnvelope envelope);
    void on_disconnect(const SocketDisconnect& disconnect);
    void send(Outgoing outgoing) {
        outbox_.push_back(std::move(outgoing));
        wake_.cancel();
    }
    void handler_done() {
        if (--in_flight_ == 0) wake_.cancel();
    }

    std::shared_ptr<SocketModeState> state_;
    std::unique_ptr<SocketLink> link_;
    std::deque<Outgoing> outbox_;
    asio::steady_timer wake_;     // the writer's: something to send, or a change in closing
    asio::steady_timer changed_;  // the supervisor's: ended or refresh requested
    int in_flight_ = 0;
    bool retiring_ = false;
    bool close_sent_ = false;
    bool ended_ = false;
    bool refresh_requested_ = false;
    Clock::time_point linger_until_ = Clock::time_point::min();  // served as usual until then
    Clock::time_point close_by_ = Clock::time_point::max();      // then closed by this, at last
    // The ack or close frame the writer could not send: what ended the link, when it is set.
    beast::error_code failed_write_;
    bool failed_write_was_close_ = false;
};

asio::awaitable<void> Connection::read_loop(std::shared_ptr<Connection> /*keeps this alive*/) {
    beast::flat_buffer buffer;
    std::string why;
    for (;;) {
        auto ec = co_await link_->read(buffer);
        if (ec) {
            why = describe_link_end({ec, failed_write_, failed_write_was_close_, close_sent_},
                                    state_->options.ping_interval + state_->options.pong_timeout);
            break;
        }
        const std::string text = beast::buffers_to_string(buffer.data());
        buffer.consume(buffer.size());
        std::visit(
            [&](auto&& frame) {
                using Frame = std::decay_t<decltype(frame)>;
                if constexpr (std::is_same_v<Frame, SocketEnvelope>) {
                    on_envelope(std::move(frame));
                } else if constexpr (std::is_same_v<Frame, SocketDisconnect>) {
                    on_disconnect(frame);
                } else if constexpr (std::is_same_v<Frame, SocketUnknownFrame>) {
                    spdlog::debug("socket mode: link {}: ignored a {}", number, frame.what);
                }
            },
            decode_socket_frame(text));
    }
    if (retiring_) {
        spdlog::info("socket mode: link {} closed ({})", number, why);
    } else {
        spdlog::warn("socket mode: link {} lost: {}", number, why);
    }
    ended_ = true;
    wake_.cancel();
    changed_.cancel();
    state_->connection_ended(number);
}

void Connection::on_envelope(SocketEnvelope envelope) {
    const auto received = Clock::now();
    state_->count([](SocketModeStats& s) { ++s.envelopes; });
    if (close_sent_) {
        spdlog::info(
            "socket mode: link {}: envelope {} arrived after the close frame; Slack redelivers it",
            number, envelope.envelope_id);
        return;
    }
    if (auto* error = std::get_if<DecodeError>(&envelope.inbound)) {
        // Acked anyway: Slack would redeliver the same bytes, which would fail the same way.
        spdlog::error(
            "socket mode: link {}: envelope {} ({}) could not be decoded, acknowledged "
            "and dropped: {}",
            number, envelope.envelope_id, envelope.type, error->what);
        state_->count([](SocketModeStats& s) { ++s.undecodable; });
        send({bare_ack_frame(envelope.envelope_id), received});
        return;
    }
    if (std::holds_alternative<UrlVerification>(std::get<Inbound>(envelope.inbound))) {
        send({bare_ack_frame(envelope.envelope_id), received});  // only HTTP needs answering
        return;
    }
    ++in_flight_;
    asio::co_spawn(state_->strand, handle(shared_from_this(), std::move(envelope), received),
                   asio::detached);
}

asio::awaitable<void> Connection::handle(std::shared_ptr<Connection> /*keeps this alive*/,
                                         SocketEnvelope envelope, Clock::time_point received) {
    DeliveryAnswer reply;
    std::string failure;
    try {
        reply =
            co_await state_->handler(std::move(std::get<Inbound>(envelope.inbound)), envelope.meta);
    } catch (const std::exception& e) {
        failure = e.what();
    }
    if (!failure.empty()) {
        spdlog::error(
            "socket mode: link {}: the handler of envelope {} failed ({}); not "
            "acknowledged, Slack redelivers it",
            number, envelope.envelope_id, failure);
        state_->count([](SocketModeStats& s) { ++s.unacked; });
    } else if (auto ack = ack_frame(envelope, reply)) {
        if (ended_ || close_sent_) {
            spdlog::info(
                "socket mode: link {}: envelope {} handled after its link closed; Slack "
                "redelivers it",
                number, envelope.envelope_id);
        } else {
            send({std::move(*ack), received});
        }
    } else {
        spdlog::info(
            "socket mode: link {}: envelope {} not acknowledged (handler answered {}); "
            "Slack redelivers it",
            number, envelope.envelope_id, reply.status);
        state_->count([](SocketModeStats& s) { ++s.unacked; });
    }
    handler_done();
}

void Connection::on_disconnect(const SocketDisconnect& disconnect) {
    state_->count([](SocketModeStats& s) { ++s.disconnect_requests; });
    switch (disconnect.reason) {
        case DisconnectReason::refresh_requested:
            spdlog::info(
                "socket mode: link {}: Slack asked for a refresh; opening its replacement "
                "before closing it",
                number);
            refresh_requested_ = true;
            changed_.cancel();
            break;
        case DisconnectReason::link_disabled:
            spdlog::error(
                "socket mode: link {}: link_disabled: Socket Mode is turned off for the "
                "app; not reconnecting (turn it on in the app's settings, then restart)",
                number);
            state_->disable();
            retire("link_disabled");
            break;
        case DisconnectReason::warning:
            spdlog::info("socket mode: link {}: Slack warns the link will be refreshed soon",
                         number);
            break;
        case DisconnectReason::other:
            spdlog::warn(
                "socket mode: link {}: disconnect with unknown reason \"{}\"; waiting for "
                "the link to end",
                number, disconnect.reason_name);
            break;
    }
}

asio::awaitable<void> Connection::write_loop(std::shared_ptr<Connection> /*keeps this alive*/) {
    for (;;) {
        while (!outbox_.empty() && !ended_) {
            Outgoing next = std::move(outbox_.front());
            outbox_.pop_front();
            if (auto ec = co_await link_->write(next.text)) {
                spdlog::debug("socket mode: link {}: write failed: {}", number, ec.message());
                failed_write_ = ec;  // the reader's log line names it as the end
                link_->drop();       // the reader ends and the supervisor replaces the link
                co_return;
            }
            state_->record_ack(Clock::now() - next.received);
        }
        if (ended_) co_return;
        const auto now = Clock::now();
        const bool lingering = retiring_ && now < linger_until_;
        if (retiring_ && !lingering && (in_flight_ == 0 || now >= close_by_)) {
            if (in_flight_ > 0) {
                spdlog::warn(
                    "socket mode: link {}: closing with {} envelopes still being "
                    "handled; Slack redelivers them",
                    number, in_flight_);
            }
            close_sent_ = true;
            if (auto ec = co_await link_->close()) {
                spdlog::debug("socket mode: link {}: close failed: {}", number, ec.message());
                failed_write_ = ec;
                failed_write_was_close_ = true;
                link_->drop();
            }
            co_return;
        }
        wake_.expires_at(lingering   ? linger_until_
                         : retiring_ ? close_by_
                                     : Clock::time_point::max());
        co_await wake_.async_wait(use_tuple);
    }
}

void SocketModeState::start() {
    asio::dispatch(strand, [self = shared_from_this()] {
        if (self->started_ || self->stopping_) return;
        self->started_ = true;
        for (int slot = 0; slot < self->options.connections; ++slot) {
            ++self->alive_;
            self->sleepers_[slot] = std::make_unique<asio::steady_timer>(self->strand);
            asio::co_spawn(self->strand, self->supervise(self, slot), asio::detached);
        }
    });
}

asio::awaitable<void> SocketModeState::supervise(
    std::shared_ptr<SocketModeState> /*keeps this alive*/, int slot) {
    std::shared_ptr<Connection> current;
    bool lost = false;
    while (running()) {
        auto next = co_await connect_with_backoff(slot, lost);
        if (!next) break;
        if (current) {
            // The replacement has its hello: only now may the old link go.
            current->retire("replaced after refresh_requested", Connection::Linger::yes);
            count([](SocketModeStats& s) { ++s.reconnects; });
        } else if (lost) {
            count([](SocketModeStats& s) { ++s.reconnects; });
        }
        current = std::move(next);
        current->start();
        if (!running()) {
            current->retire("incidentd is stopping");
            break;
        }
        co_await current->wait_for_change();
        lost = current->ended();
        if (lost) current.reset();
    }
    leave();
}

asio::awaitable<std::shared_ptr<Connection>> SocketModeState::connect_with_backoff(
    int slot, bool wait_first) {
    const RetryOptions backoff{0, options.initial_backoff, options.max_backoff, {}};
    milliseconds at_least{0};
    for (int attempt = 0; running(); ++attempt) {
        if (attempt > 0 || wait_first) {
            const auto delay = std::max(
                at_least, backoff_delay(wait_first ? attempt + 1 : attempt, backoff, random_));
            spdlog::info("socket mode: connecting again in {} ms", delay.count());
            co_await sleep(slot, delay);
            if (!running()) break;
        }
        at_least = milliseconds{0};
        if (auto connection = co_await connect_once(at_least)) co_return connection;
        count([](SocketModeStats& s) { ++s.connect_failures; });
    }
    co_return nullptr;
}

asio::awaitable<std::shared_ptr<Connection>> SocketModeState::connect_once(milliseconds& at_least) {
    ApiResult ticket = co_await web_.call("apps.connections.open");
    if (!ticket) {
        const ApiError& error = ticket.error();
        if (is_token_problem(error.code)) {
            spdlog::error(
                "socket mode: apps.connections.open refused the app token ({}); check "
                "SLACK_APP_TOKEN: it must be an app-level xapp- token with "
                "connections:write",
                error.code);
        } else {
            spdlog::warn("socket mode: apps.connections.open failed: {}", error.message);
        }
        if (error.retry_after) at_least = error.retry_after.value();
        co_return nullptr;
    }
    const auto url_field = ticket.body().find("url");
    std::string problem;
    std::optional<SocketUrl> url;
    if (url_field == ticket.body().end() || !url_field->is_string()) {
        problem = "apps.connections.open answered without a url";
    } else {
        url = parse_socket_url(url_field->get<std::string>(), problem);
    }
    if (!url) {
        spdlog::error("socket mode: {}", problem);
        co_return nullptr;
    }

    auto opened = co_await SocketLink::open(*url, *tls_, options.hello_timeout);
    if (auto* failure = std::get_if<std::string>(&opened)) {
        spdlog::warn("socket mode: {}", *failure);
        co_return nullptr;
    }
    auto link = std::move(std::get<std::unique_ptr<SocketLink>>(opened));
    beast::flat_buffer buffer;
    if (auto ec = co_await link->read(buffer)) {
        spdlog::warn(
            "socket mode: {}: {}", url->redacted(),
            ec == beast::error::timeout
                ? "no hello within " + std::to_string(options.hello_timeout.count()) + " ms"
                : "the link ended before its hello (" +
                      describe_link_end({ec, {}, false, false}, {}) + ")");
        co_return nullptr;
    }
    auto frame = decode_socket_frame(beast::buffers_to_string(buffer.data()));
    auto* hello = std::get_if<SocketHello>(&frame);
    if (!hello) {
        spdlog::warn("socket mode: {}: the first frame was not a hello", url->redacted());
        link->drop();
        co_return nullptr;
    }
    const int number = ++next_number_;
    spdlog::info("socket mode: link {} open to {} ({} connections for the app)", number,
                 url->redacted(), hello->num_connections);
    auto connection = std::make_shared<Connection>(shared_from_this(), std::move(link), number);
    connections_[number] = connection;
    ++alive_;
    count([](SocketModeStats& s) {
        ++s.connects;
        ++s.open_connections;
        s.connected = true;
    });
    co_return connection;
}

asio::awaitable<void> SocketModeState::sleep(int slot, milliseconds delay) {
    auto& timer = *sleepers_.at(slot);
    timer.expires_after(delay);
    co_await timer.async_wait(use_tuple);
}

void SocketModeState::connection_ended(int number) {
    connections_.erase(number);
    count([](SocketModeStats& s) {
        --s.open_connections;
        s.connected = s.open_connections > 0;
    });
    leave();
}

void SocketModeState::leave() {
    if (--alive_ == 0) all_ended_.cancel();
}

void SocketModeState::record_ack(Clock::duration latency) {
    const double seconds = std::chrono::duration<double>(latency).count();
    std::size_t bucket = 0;
    while (bucket < socket_ack_latency_bounds.size() && seconds > socket_ack_latency_bounds[bucket])
        ++bucket;
    count([&](SocketModeStats& s) {
        ++s.acks;
        ++s.ack_latency_buckets[bucket];
        s.ack_latency_sum_seconds += seconds;
    });
}

asio::awaitable<void> SocketModeState::stop() {
    stopping_ = true;
    for (auto& [slot, timer] : sleepers_)
        timer->cancel();
    for (auto& [number, connection] : connections_)
        connection->retire("incidentd is stopping");
    // Handlers get stop_grace to ack, then the close handshake its own bound; whatever is left
    // after both is dropped.
    const auto drop_at = Clock::now() + options.stop_grace + options.hello_timeout;
    while (alive_ > 0) {
        all_ended_.expires_at(drop_at);
        co_await all_ended_.async_wait(use_tuple);
        if (alive_ > 0 && Clock::now() >= drop_at) {
            spdlog::warn("socket mode: links still open after the stop grace; dropping them");
            drop_everything();
            all_ended_.expires_at(Clock::time_point::max());
            if (alive_ > 0) co_await all_ended_.async_wait(use_tuple);
        }
    }
}

void SocketModeState::drop_everything() {
    stopping_ = true;
    for (auto& [slot, timer] : sleepers_)
        timer->cancel();
    for (auto& [number, connection] : connections_)
        connection->drop();
}

}  // namespace detail

SocketModeClient::SocketModeClient(asio::any_io_executor executor, std::string app_token,
                                   SocketModeOptions options, InboundHandler handler)
    : state_(std::make_shared<detail::SocketModeState>(std::move(executor), std::move(app_token),
                                                       std::move(options), std::move(handler))) {}

SocketModeClient::~SocketModeClient() {
    asio::post(state_->strand, [state = state_] { state->drop_everything(); });
}

void SocketModeClient::start() {
    state_->start();
}

asio::awaitable<void> SocketModeClient::stop() {
    auto state = state_;  // the state outlives the call even if the client does not
    co_await asio::co_spawn(state->strand, state->stop(), asio::use_awaitable);
}

SocketModeStats SocketModeClient::stats() const {
    return state_->stats();
}

}  // namespace incidentd::slack
