// What the handlers, the outbox worker and the scheduler of a running `incidentd serve` share:
// the live configuration, the one writer, the Slack client, and what was learned of the workspace.
// Everything here is used from the one io thread; only the writer hops to its own.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "bot/runtime/live_config.hpp"
#include "bot/runtime/metrics.hpp"
#include "bot/runtime/user_directory.hpp"
#include "core/seal.hpp"
#include "slack/web_client.hpp"
#include "slack/workspace.hpp"
#include "store/writer.hpp"

namespace incidentd::bot {

struct Runtime {
    // Replaced whole on SIGHUP: code that waits (co_await, or hands work to the writer thread)
    // takes its own copy of the pointer first, so it reads one version throughout.
    LiveConfigPtr live;
    store::Writer& writer;
    slack::WebClient& slack;
    UserDirectory& users;
    Metrics& metrics;
    std::optional<slack::Workspace> workspace;  // set once auth.test has succeeded
    std::function<void()> wake_outbox;          // new outbox rows were committed
    std::function<void()> wake_scheduler;       // jobs were scheduled or cancelled
    // Signs the records' seals ([store] seal_key). Loaded once at start and never replaced (a
    // new key needs a restart), so code that waits, or hands work to the writer thread, uses
    // seal_key.get() as it is: no copy of the pointer lives in a coroutine frame. Null: nothing
    // is sealed.
    std::unique_ptr<const core::SigningKey> seal_key;
};

}  // namespace incidentd::bot
