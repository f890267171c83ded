// Sharing a file through the external upload flow, against the Slack emulator.
#include <catch2/catch.hpp>

#include <boost/asio/io_context.hpp>

#include "run_coroutine.hpp"
#include "slack/web_api_files.hpp"
#include "support/emulator.hpp"

using namespace incidentd::slack;
using incidentd::test::Emulator;
using incidentd::test::run_coroutine;
using namespace std::chrono_literals;

namespace {

WebClientOptions emulator_options(const Emulator& emulator) {
    WebClientOptions options;
    options.api_url = emulator.url() + "/api/";
    options.call_deadline = 10s;
    options.retry.initial_backoff = 50ms;
    return options;
}

}  // namespace

TEST_CASE("a file is reserved, uploaded and shared in a channel thread") {
    Emulator emulator;
    boost::asio::io_context io;
    WebClient client(io.get_executor(), Emulator::bot_token, emulator_options(emulator));

    auto parent = run_coroutine(io, client.call("chat.postMessage", {{"channel", "C0INCIDENTS"},
                                                                     {"text", "INC-7 closed"}}));
    REQUIRE(parent.ok());
    const std::string thread_ts = parent.body()["ts"];

    files::ShareArgs upload;
    upload.filename = "INC-7-postmortem.md";
    upload.title = "INC-7 postmortem";
    upload.content = "# Postmortem\n\nThe database ran out of disk.\n";
    upload.channel_id = "C0INCIDENTS";
    upload.thread_ts = thread_ts;
    upload.initial_comment = "The postmortem draft";
    auto result = run_coroutine(io, files::share(client, upload));

    INFO(result.error().code);
    REQUIRE(result.ok());
    REQUIRE(result->files.size() == 1);
    CHECK(result->files[0]["title"] == "INC-7 postmortem");

    auto files = emulator.get("files")["files"];
    REQUIRE(files.size() == 1);
    CHECK(files[0]["content"] == upload.content);
    CHECK(files[0]["uploaded"] == true);
    CHECK(files[0]["completed"] == true);

    auto reserve = emulator.get("calls?method=files.getUploadURLExternal")["calls"];
    REQUIRE(reserve.size() == 1);
    CHECK(reserve[0]["args"]["filename"] == "INC-7-postmortem.md");
    CHECK(reserve[0]["args"]["length"] == std::to_string(upload.content.size()));
    auto complete = emulator.get("calls?method=files.completeUploadExternal")["calls"];
    REQUIRE(complete.size() == 1);
    CHECK(complete[0]["args"]["channel_id"] == "C0INCIDENTS");
    CHECK(complete[0]["args"]["thread_ts"] == thread_ts);
    CHECK(complete[0]["args"]["initial_comment"] == "The postmortem draft");
}

TEST_CASE("a failed step stops the upload flow with that step's error") {
    Emulator emulator;
    boost::asio::io_context io;
    WebClient client(io.get_executor(), Emulator::bot_token, emulator_options(emulator));

    files::ShareArgs upload;
    upload.filename = "notes.txt";
    upload.content = "notes";
    upload.channel_id = "C0NOSUCHCHANNEL";
    auto result = run_coroutine(io, files::share(client, upload));

    REQUIRE_FALSE(result.ok());
    CHECK(result.error().kind == ErrorKind::slack);
    CHECK_FALSE(result.error().code.empty());
    auto files = emulator.get("files")["files"];
    REQUIRE(files.size() == 1);
    CHECK(files[0]["uploaded"] == true);
    CHECK(files[0]["completed"] == false);
}
