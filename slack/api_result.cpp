// ApiResult's constructors and names.
#include "slack/api_result.hpp"

#include <utility>

namespace incidentd::slack {

std::string_view to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::slack:
            return "slack";
        case ErrorKind::http:
            return "http";
        case ErrorKind::transport:
            return "transport";
    }
    return "transport";
}

ApiResult ApiResult::success(nlohmann::json body, int attempts) {
    ApiResult result;
    result.body_ = std::move(body);
    result.attempts_ = attempts;
    return result;
}

ApiResult ApiResult::failure(ApiError error, int attempts, nlohmann::json body) {
    ApiResult result;
    result.body_ = std::move(body);
    result.error_ = std::move(error);
    result.attempts_ = attempts;
    return result;
}

std::string_view ApiResult::error_code() const {
    return error_ ? std::string_view{error_->code} : std::string_view{};
}

}  // namespace incidentd::slack
