// A small synchronous HTTP(S) client for tests: loopback addresses only, one connection per
// request, a deadline on the whole exchange, and an optional CA file that HTTPS must chain to.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace incidentd::test {

struct HttpResult {
    int status = 0;                              // 0 when no answer came (see error)
    std::map<std::string, std::string> headers;  // names lowercased
    std::string body;
    std::string error;

    std::string header(const std::string& lowercase_name) const {
        auto it = headers.find(lowercase_name);
        return it == headers.end() ? "" : it->second;
    }
    nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

struct HttpOptions {
    std::string ca_file;  // for https: the CA to trust (otherwise the system's)
    std::chrono::milliseconds timeout{5000};
};

// GET/POST/... `url` (loopback only) and wait for the whole answer, at most options.timeout; on
// failure, status 0 and error says which step failed.
HttpResult http_request(const std::string& method, const std::string& url,
                        const std::vector<std::pair<std::string, std::string>>& headers = {},
                        const std::string& body = "", const HttpOptions& options = {});

}  // namespace incidentd::test
