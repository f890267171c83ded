// The HTTP request and reply types every handler in the emulator speaks.
#pragma once

#include <chrono>
#include <string>

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace incidentd::emulator {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// A handler's answer, plus what a fault asks of the connection: answer late, or not at all.
struct PlannedResponse {
    Response response;
    std::chrono::milliseconds delay{0};
    bool drop_connection = false;
};

inline PlannedResponse json_reply(const nlohmann::json& body,
                                  http::status status = http::status::ok) {
    PlannedResponse reply;
    reply.response.result(status);
    reply.response.set(http::field::content_type, "application/json; charset=utf-8");
    reply.response.body() = body.dump();
    return reply;
}

inline PlannedResponse text_reply(std::string body, http::status status) {
    PlannedResponse reply;
    reply.response.result(status);
    reply.response.set(http::field::content_type, "text/plain; charset=utf-8");
    reply.response.body() = std::move(body);
    return reply;
}

}  // namespace incidentd::emulator
