// The external upload flow: get an upload URL, POST the bytes, complete into a channel.
#include <catch2/catch.hpp>

#include "support/emulator.hpp"

using incidentd::test::Emulator;

TEST_CASE("a file uploaded externally is shared as a message in the channel") {
    Emulator emulator;
    const std::string content = "# Postmortem INC-7\n\nRoot cause: a full disk.\n";
    auto url = emulator
                   .api("files.getUploadURLExternal",
                        {{"filename", "inc-7.md"}, {"length", std::to_string(content.size())}})
                   .json();
    REQUIRE(url["ok"] == true);
    const std::string upload_url = url["upload_url"];
    const std::string file_id = url["file_id"];
    CHECK(upload_url.starts_with(emulator.url() + "/"));

    SECTION("completing before the bytes arrive fails") {
        auto early = emulator.api("files.completeUploadExternal",
                                  {{"files", nlohmann::json::array({{{"id", file_id}}}).dump()}});
        CHECK(early.json()["ok"] == false);
    }
    SECTION("after the upload, complete shares it in the thread with the comment") {
        auto parent = emulator.api("chat.postMessage", {{"channel", "C0INCIDENTS"}, {"text", "p"}})
                          .json()["ts"]
                          .get<std::string>();
        auto upload = incidentd::test::http_request("POST", upload_url,
                                                    {{"Content-Type", "text/markdown"}}, content);
        REQUIRE(upload.status == 200);
        auto done = emulator
                        .api_json("files.completeUploadExternal",
                                  {{"files", {{{"id", file_id}, {"title", "Postmortem"}}}},
                                   {"channel_id", "C0INCIDENTS"},
                                   {"thread_ts", parent},
                                   {"initial_comment", "Postmortem attached"}})
                        .json();
        REQUIRE(done["ok"] == true);
        CHECK(done["files"][0]["title"] == "Postmortem");

        auto messages = emulator.get("channels/C0INCIDENTS/messages")["messages"];
        REQUIRE(messages.size() == 2);
        CHECK(messages[1]["subtype"] == "file_share");
        CHECK(messages[1]["thread_ts"] == parent);
        CHECK(messages[1]["text"] == "Postmortem attached");
        CHECK(messages[1]["files"][0]["id"] == file_id);
        auto files = emulator.get("files")["files"];
        CHECK(files[0]["content"] == content);
    }
    SECTION("an unknown file id is file_not_found") {
        CHECK(emulator
                  .api("files.completeUploadExternal",
                       {{"files", R"([{"id":"F404"}])"}, {"channel_id", "C0INCIDENTS"}})
                  .json()["error"] == "file_not_found");
    }
    SECTION("missing arguments are invalid_arguments") {
        CHECK(emulator.api("files.getUploadURLExternal", {{"filename", "x.txt"}}).json()["error"] ==
              "invalid_arguments");
    }
}
