#include "slack/http_receiver.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <map>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "slack/signature.hpp"
#include "slack/use_tuple.hpp"
#include "slack/wire_names.hpp"

namespace incidentd::slack {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

namespace {

using Request = http::request<http::string_body>;

DeliveryAnswer plain(unsigned status, std::string body) {
    return DeliveryAnswer{status, "text/plain; charset=utf-8", std::move(body), {}};
}

// Why reading a request stopped; each maps to an answer (or to none when the peer is gone).
enum class ReadFailure { closed, timed_out, headers_too_large, body_too_large, malformed };

ReadFailure classify(const beast::error_code& ec) {
    if (ec == http::error::header_limit) return ReadFailure::headers_too_large;
    if (ec == http::error::body_limit) return ReadFailure::body_too_large;
    if (ec == beast::error::timeout) return ReadFailure::timed_out;
    if (ec == http::error::end_of_stream || ec == http::error::partial_message)
        return ReadFailure::closed;
    if (ec.category() == http::make_error_code(http::error::bad_method).category())
        return ReadFailure::malformed;
    return ReadFailure::closed;
}

DeliveryMeta delivery_meta(const Request& request) {
    DeliveryMeta meta;
    const auto num = request[wire::retry_num_header];
    int value = 0;
    auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), value);
    if (ec == std::errc{} && end == num.data() + num.size() && value >= 0 && value <= 100)
        meta.retry_num = value;
    meta.retry_reason = std::string{request[wire::retry_reason_header].substr(0, 64)};
    return meta;
}

}  // namespace

std::string_view to_string(RequestOutcome outcome) {
    switch (outcome) {
        case RequestOutcome::handled:
            return "handled";
        case RequestOutcome::url_verification:
            return "url_verification";
        case RequestOutcome::probe:
            return "probe";
        case RequestOutcome::unauthorized:
            return "unauthorized";
        case RequestOutcome::malformed:
            return "malformed";
        case RequestOutcome::not_found:
            return "not_found";
        case RequestOutcome::method_not_allowed:
            return "method_not_allowed";
        case RequestOutcome::body_too_large:
            return "body_too_large";
        case RequestOutcome::headers_too_large:
            return "headers_too_large";
        case RequestOutcome::handler_failed:
            return "handler_failed";
    }
    return "unknown";
}

namespace detail {

class Session;

// Everything the listener and its connections share. Sessions hold it by shared_ptr, so it
// outlives the HttpReceiver facade if a connection is still winding down. The acceptor and the
// session registry belong to `strand`.
class ReceiverState : public std::enable_shared_from_this<ReceiverState> {
  public:
    ReceiverState(asio::any_io_executor executor, HttpReceiverOptions options_in,
                  HttpReceiverHandlers handlers_in)
        : options(std::move(options_in)),
          handlers(std::move(handlers_in)),
          executor_(executor),
          strand_(asio::make_strand(executor)),
          acceptor_(strand_),
          all_closed_(strand_) {}

    std::optional<std::string> listen();
    tcp::endpoint local_endpoint() const { return endpoint_; }
    asio::strand<asio::any_io_executor> strand() const { return strand_; }
    asio::awaitable<void> stop_on_strand();
    void close_everything_on_strand();

    void count(RequestOutcome outcome) {
        requests_[static_cast<std::size_t>(outcome)].fetch_add(1, std::memory_order_relaxed);
    }
    void count_timeout() { timed_out_.fetch_add(1, std::memory_order_relaxed); }
    void count_request_started() { in_request_.fetch_add(1, std::memory_order_relaxed); }
    void count_request_ended() { in_request_.fetch_sub(1, std::memory_order_relaxed); }
    ReceiverStats stats() const;

    const HttpReceiverOptions options;
    const HttpReceiverHandlers handlers;
    std::atomic<bool> stopping{false};

  private:
    asio::awaitable<void> accept_loop();
    asio::awaitable<bool> make_room();
    void start_session(tcp::socket socket);
    void forget(std::uint64_t id);
    asio::awaitable<void> wait_for_sessions(std::chrono::milliseconds bound);

    asio::any_io_executor executor_;
    asio::strand<asio::any_io_executor> strand_;
    tcp::acceptor acceptor_;
    asio::steady_timer all_closed_;  // cancelled when the last session leaves during a stop
    std::map<std::uint64_t, std::weak_ptr<Session>> sessions_;
    std::uint64_t next_id_ = 0;
    tcp::endpoint endpoint_;

    std::array<std::atomic<std::uint64_t>, request_outcome_count> requests_{};
    std::atomic<std::uint64_t> accepted_{0};
    std::atomic<std::uint64_t> refused_{0};
    std::atomic<std::uint64_t> evicted_{0};
    std::atomic<std::uint64_t> timed_out_{0};
    std::atomic<std::uint64_t> open_{0};
    std::atomic<std::uint64_t> in_request_{0};
};

// One connection, start to end: wait for a request, read its header then its body (each under
// its own deadline), answer it, and loop while the client keeps the connection alive.
class Session {
  public:
    Session(tcp::socket socket, std::shared_ptr<ReceiverState> state)
        : stream_(std::move(socket)), state_(std::move(state)) {}
    ~Session() {
        if (phase_ != Phase::idle) state_->count_request_ended();
    }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    asio::any_io_executor executor() { return stream_.get_executor(); }
    asio::awaitable<void> run();

    // Both run on the session's executor. A stop closes a connection at once only while it waits
    // for a request; one in the middle of a request finishes it first.
    void close_if_idle() {
        if (phase_ == Phase::idle) close();
    }
    // Run on the session's executor by the registry at the cap: true when the connection was
    // still between requests and is now closed to make room.
    asio::awaitable<bool> evict_if_idle() {
        if (phase_ != Phase::idle) co_return false;
        close();
        co_return true;
    }

    // Read by the registry from its own strand to choose which connection to evict; they only
    // guide the choice, evict_if_idle() decides.
    bool between_requests() const { return between_requests_.load(std::memory_order_relaxed); }
    std::chrono::steady_clock::rep idle_since() const {
        return idle_since_.load(std::memory_order_relaxed);
    }
    void close() {
        beast::error_code ignored;
        stream_.socket().close(ignored);
    }

  private:
    enum class Phase { idle, reading, answering };

    void enter(Phase phase) {
        if (phase_ == Phase::idle && phase != Phase::idle)
            state_->count_request_started();
        else if (phase_ != Phase::idle && phase == Phase::idle)
            state_->count_request_ended();
        phase_ = phase;
        between_requests_.store(phase == Phase::idle, std::memory_order_relaxed);
        if (phase == Phase::idle)
            idle_since_.store(std::chrono::steady_clock::now().time_since_epoch().count(),
                              std::memory_order_relaxed);
    }

    asio::awaitable<DeliveryAnswer> answer(const Request& request);
    asio::awaitable<DeliveryAnswer> answer_events(const Request& request);
    asio::awaitable<bool> send(DeliveryAnswer reply, unsigned version, bool keep_alive);
    asio::awaitable<void> refuse(ReadFailure failure);
    asio::awaitable<void> linger_and_close();

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::shared_ptr<ReceiverState> state_;
    Phase phase_ = Phase::idle;
    std::atomic<bool> between_requests_{true};
    std::atomic<std::chrono::steady_clock::rep> idle_since_{
        std::chrono::steady_clock::now().time_since_epoch().count()};
};

asio::awaitable<void> Session::run() {
    const auto& options = state_->options;
    for (bool first = true;; first = false) {
        if (state_->stopping) break;
        enter(Phase::idle);
        if (buffer_.size() == 0) {
            // The idle wait has its own deadline, short before the first request and longer
            // between kept-alive ones; the header deadline starts with the first byte.
            stream_.expires_after(first ? options.first_byte_timeout : options.idle_timeout);
            auto [ec, n] = co_await stream_.async_read_some(buffer_.prepare(4096), use_tuple);
            if (ec) co_return;  // peer closed, idle too long, or stopping
            buffer_.commit(n);
        }
        enter(Phase::reading);
        http::request_parser<http::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
        parser.body_limit(options.body_limit);

        stream_.expires_after(options.header_timeout);
        auto [header_error, header_bytes] =
            co_await http::async_read_header(stream_, buffer_, parser, use_tuple);
        if (header_error) {
            co_await refuse(classify(header_error));
            co_return;
        }
        stream_.expires_after(options.body_timeout);
        auto [body_error, body_bytes] =
            co_await http::async_read(stream_, buffer_, parser, use_tuple);
        if (body_error) {
            co_await refuse(classify(body_error));
            co_return;
        }
        stream_.expires_never();

        enter(Phase::answering);
        Request request = parser.release();
        DeliveryAnswer reply = co_await answer(request);
        const bool keep_alive = request.keep_alive() && !state_->stopping;
        if (!co_await send(std::move(reply), request.version(), keep_alive) || !keep_alive) break;
    }
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
}

asio::awaitable<DeliveryAnswer> Session::answer(const Request& request) {
    const std::string_view target = request.target();
    const std::string_view path = target.substr(0, target.find('?'));
    if (path == wire::events_path && !state_->handlers.inbound) {
        // Socket Mode brings Slack's requests; this listener serves the probes only.
        state_->count(RequestOutcome::not_found);
        co_return plain(404, "not found: this incidentd receives Slack over Socket Mode\n");
    }
    if (path == wire::events_path) {
        if (request.method() != http::verb::post) {
            state_->count(RequestOutcome::method_not_allowed);
            DeliveryAnswer reply = plain(405, "use POST for /slack/events\n");
            reply.headers.emplace_back("Allow", "POST");
            co_return reply;
        }
        co_return co_await answer_events(request);
    }

    const auto& handlers = state_->handlers;
    const ProbeHandler* probe = path == "/healthz"   ? &handlers.healthz
                                : path == "/readyz"  ? &handlers.readyz
                                : path == "/metrics" ? &handlers.metrics
                                                     : nullptr;
    if (!probe || !*probe) {
        state_->count(RequestOutcome::not_found);
        co_return plain(404, "not found: Slack requests go to POST /slack/events\n");
    }
    if (request.method() != http::verb::get) {
        state_->count(RequestOutcome::method_not_allowed);
        DeliveryAnswer reply = plain(405, "use GET for this path\n");
        reply.headers.emplace_back("Allow", "GET");
        co_return reply;
    }
    try {
        DeliveryAnswer reply = (*probe)();
        state_->count(RequestOutcome::probe);
        co_return reply;
    } catch (const std::exception&) {
        state_->count(RequestOutcome::handler_failed);
        co_return plain(500, "the probe failed\n");
    }
}

asio::awaitable<DeliveryAnswer> Session::answer_events(const Request& request) {
    const auto& options = state_->options;
    // Nothing in the body is looked at before the signature is known to be Slack's.
    const SignatureCheck check =
        verify_signature(options.signing_secret, request[wire::request_timestamp_header],
                         request[wire::signature_header], request.body(), options.clock());
    if (check != SignatureCheck::valid) {
        state_->count(RequestOutcome::unauthorized);
        co_return plain(401, "request refused: " + std::string{to_string(check)} + "\n");
    }

    auto decoded = decode_http_request(request[http::field::content_type], request.body());
    if (auto* error = std::get_if<DecodeError>(&decoded)) {
        state_->count(RequestOutcome::malformed);
        co_return plain(400, "bad request: " + error->what + "\n");
    }
    auto& inbound = std::get<Inbound>(decoded);
    if (auto* verification = std::get_if<UrlVerification>(&inbound)) {
        state_->count(RequestOutcome::url_verification);
        co_return plain(200, verification->challenge);
    }

    std::optional<DeliveryAnswer> reply;
    try {
        auto handling = state_->handlers.inbound(std::move(inbound), delivery_meta(request));
        reply = co_await std::move(handling);
    } catch (...) {
        // Answered below: a 5xx makes Slack retry, which is what an unrecorded event needs.
    }
    if (!reply) {
        state_->count(RequestOutcome::handler_failed);
        co_return plain(500, "the request could not be handled; Slack will retry\n");
    }
    state_->count(RequestOutcome::handled);
    co_return std::move(*reply);
}

asio::awaitable<bool> Session::send(DeliveryAnswer reply, unsigned version, bool keep_alive) {
    http::response<http::string_body> response;
    response.version(version);
    response.result(reply.status >= 100 && reply.status <= 599 ? reply.status : 500);
    response.set(http::field::server, "incidentd");
    response.set(http::field::content_type, reply.content_type);
    for (const auto& [name, value] : reply.headers)
        response.set(name, value);
    response.body() = std::move(reply.body);
    response.keep_alive(keep_alive);
    response.prepare_payload();
    stream_.expires_after(state_->options.write_timeout);
    auto [ec, written] = co_await http::async_write(stream_, response, use_tuple);
    co_return !ec;
}

asio::awaitable<void> Session::refuse(ReadFailure failure) {
    switch (failure) {
        case ReadFailure::closed:
            co_return;
        case ReadFailure::timed_out:
            // The stream closed the socket when the deadline passed: nothing can be answered.
            state_->count_timeout();
            co_return;
        case ReadFailure::headers_too_large:
            state_->count(RequestOutcome::headers_too_large);
            co_await send(plain(431, "request headers too large\n"), 11, false);
            break;
        case ReadFailure::body_too_large:
            state_->count(RequestOutcome::body_too_large);
            co_await send(plain(413, "request body larger than " +
                                         std::to_string(state_->options.body_limit) + " bytes\n"),
                          11, false);
            break;
        case ReadFailure::malformed:
            state_->count(RequestOutcome::malformed);
            co_await send(plain(400, "malformed HTTP request\n"), 11, false);
            break;
    }
    co_await linger_and_close();
}

asio::awaitable<void> Session::linger_and_close() {
    // Closing with unread request bytes would reset the connection and could destroy the answer
    // before the client reads it; drain them for a bounded time instead.
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(state_->options.linger_timeout);
    std::array<char, 16 * 1024> sink{};
    for (;;) {
        auto [ec, n] = co_await stream_.async_read_some(asio::buffer(sink), use_tuple);
        if (ec) break;
    }
    stream_.close();
}

std::optional<std::string> ReceiverState::listen() {
    const HttpReceiverOptions& o = options;
    const std::string where = o.host + ":" + std::to_string(o.port);
    if (handlers.inbound && o.signing_secret.empty())
        return "cannot serve Slack requests on " + where +
               " without a signing secret: set SLACK_SIGNING_SECRET";

    beast::error_code ec;
    tcp::endpoint endpoint;
    auto address = asio::ip::make_address(o.host, ec);
    if (!ec) {
        endpoint = tcp::endpoint(address, o.port);
    } else {
        tcp::resolver resolver(executor_);
        auto results = resolver.resolve(o.host, std::to_string(o.port), ec);
        if (ec || results.empty())
            return "cannot listen on " + where + ": the host does not resolve (" + ec.message() +
                   "); use an IP address such as 0.0.0.0 or 127.0.0.1";
        endpoint = results.begin()->endpoint();
    }

    auto failed = [&](std::string_view step) {
        return "cannot listen on " + where + ": " + std::string{step} + " failed (" + ec.message() +
               "); choose another address or port, or stop what is using it";
    };
    acceptor_.open(endpoint.protocol(), ec);
    if (ec) return failed("open");
    acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (ec) return failed("setting SO_REUSEADDR");
    acceptor_.bind(endpoint, ec);
    if (ec) return failed("bind");
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return failed("listen");
    endpoint_ = acceptor_.local_endpoint(ec);
    if (ec) return failed("reading the bound address");

    asio::co_spawn(
        strand_, [self = shared_from_this()] { return self->accept_loop(); }, asio::detached);
    return std::nullopt;
}

asio::awaitable<void> ReceiverState::accept_loop() {
    for (;;) {
        auto [ec, socket] =
            co_await acceptor_.async_accept(asio::make_strand(executor_), use_tuple);
        if (stopping || !acceptor_.is_open() || ec == asio::error::operation_aborted) co_return;
        if (ec) {
            // Out of descriptors or the like: pause instead of spinning; the backlog waits.
            asio::steady_timer pause(strand_, std::chrono::milliseconds(50));
            co_await pause.async_wait(use_tuple);
            continue;
        }
        accepted_.fetch_add(1, std::memory_order_relaxed);
        if (sessions_.size() >= options.max_connections && !co_await make_room()) {
            refused_.fetch_add(1, std::memory_order_relaxed);
            beast::error_code ignored;
            socket.close(ignored);
            continue;
        }
        start_session(tcp::socket(std::move(socket)));
    }
}

// Closes the longest-idle connections that are between requests, so that the one just accepted
// can take a place; false when every connection is in the middle of a request. Evicting one per
// accept would scan and sort the registry on every accept of a flood of silent connections; as
// nginx drains its reusable connections, an eighth of the idle ones (1 to 32) go at once.
asio::awaitable<bool> ReceiverState::make_room() {
    std::vector<std::pair<std::chrono::steady_clock::rep, std::uint64_t>> idle;
    idle.reserve(sessions_.size());
    for (const auto& [id, weak] : sessions_) {
        if (auto session = weak.lock(); session && session->between_requests())
            idle.emplace_back(session->idle_since(), id);
    }
    const std::size_t wanted = std::clamp<std::size_t>(idle.size() / 8, 1, 32);
    // A candidate may start a request before its strand runs the eviction; a few more are tried.
    const std::size_t candidates = std::min(idle.size(), wanted + 4);
    std::partial_sort(idle.begin(), idle.begin() + static_cast<std::ptrdiff_t>(candidates),
                      idle.end());
    std::size_t evicted = 0;
    for (std::size_t i = 0; i < candidates && evicted < wanted; ++i) {
        const std::uint64_t id = idle[i].second;
        auto found = sessions_.find(id);
        if (found == sessions_.end()) continue;
        auto session = found->second.lock();
        if (!session) continue;
        if (!co_await asio::co_spawn(session->executor(), session->evict_if_idle(),
                                     asio::use_awaitable))
            continue;
        // Its socket is closed; its coroutine ends on its own strand. Forgetting it now keeps
        // the count within the cap.
        if (sessions_.erase(id) == 1) open_.fetch_sub(1, std::memory_order_relaxed);
        evicted_.fetch_add(1, std::memory_order_relaxed);
        ++evicted;
    }
    co_return evicted > 0;
}

void ReceiverState::start_session(tcp::socket socket) {
    auto session = std::make_shared<Session>(std::move(socket), shared_from_this());
    const std::uint64_t id = next_id_++;
    sessions_.emplace(id, session);
    open_.fetch_add(1, std::memory_order_relaxed);
    asio::co_spawn(session->executor(), session->run(),
                   [session, self = shared_from_this(), id](const std::exception_ptr&) {
                       asio::post(self->strand_, [self, id] { self->forget(id); });
                   });
}

void ReceiverState::forget(std::uint64_t id) {
    if (sessions_.erase(id) == 1) open_.fetch_sub(1, std::memory_order_relaxed);
    if (stopping && sessions_.empty()) all_closed_.cancel();
}

asio::awaitable<void> ReceiverState::wait_for_sessions(std::chrono::milliseconds bound) {
    if (sessions_.empty()) co_return;
    all_closed_.expires_after(bound);
    co_await all_closed_.async_wait(use_tuple);
}

asio::awaitable<void> ReceiverState::stop_on_strand() {
    stopping = true;
    beast::error_code ignored;
    acceptor_.close(ignored);
    for (auto& [id, weak] : sessions_) {
        if (auto session = weak.lock())
            asio::post(session->executor(), [session] { session->close_if_idle(); });
    }
    co_await wait_for_sessions(options.stop_grace);
    close_everything_on_strand();
    // A handler that never returns keeps its session alive; do not wait for it forever.
    co_await wait_for_sessions(std::chrono::seconds(1));
}

void ReceiverState::close_everything_on_strand() {
    stopping = true;
    beast::error_code ignored;
    acceptor_.close(ignored);
    for (auto& [id, weak] : sessions_) {
        if (auto session = weak.lock())
            asio::post(session->executor(), [session] { session->close(); });
    }
}

ReceiverStats ReceiverState::stats() const {
    ReceiverStats out;
    for (std::size_t i = 0; i < request_outcome_count; ++i)
        out.requests[i] = requests_[i].load(std::memory_order_relaxed);
    out.connections_accepted = accepted_.load(std::memory_order_relaxed);
    out.connections_refused = refused_.load(std::memory_order_relaxed);
    out.connections_evicted = evicted_.load(std::memory_order_relaxed);
    out.connections_timed_out = timed_out_.load(std::memory_order_relaxed);
    out.connections_open = open_.load(std::memory_order_relaxed);
    out.connections_in_request = in_request_.load(std::memory_order_relaxed);
    return out;
}

}  // namespace detail

HttpReceiver::HttpReceiver(asio::any_io_executor executor, HttpReceiverOptions options,
                           HttpReceiverHandlers handlers)
    : state_(std::make_shared<detail::ReceiverState>(std::move(executor), std::move(options),
                                                     std::move(handlers))) {}

HttpReceiver::~HttpReceiver() {
    asio::post(state_->strand(), [state = state_] { state->close_everything_on_strand(); });
}

std::optional<std::string> HttpReceiver::listen() {
    return state_->listen();
}

tcp::endpoint HttpReceiver::local_endpoint() const {
    return state_->local_endpoint();
}

asio::awaitable<void> HttpReceiver::stop() {
    // The local keeps the state alive until the stop is done. A lambda handed to co_spawn from
    // inside a coroutine is destroyed twice by GCC 12, hence the member coroutine.
    auto state = state_;
    auto stopping = asio::co_spawn(state->strand(), state->stop_on_strand(), asio::use_awaitable);
    co_await std::move(stopping);
}

ReceiverStats HttpReceiver::stats() const {
    return state_->stats();
}

}  // namespace incidentd::slack
