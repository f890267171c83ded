#include "bot/serve/logging.hpp"

#include <memory>
#include <string>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace incidentd::bot {
namespace {

// %j: the message as a JSON string, quotes included, so a JSON line stays valid whatever it says.
class JsonMessage final : public spdlog::custom_flag_formatter {
  public:
    void format(const spdlog::details::log_msg& msg, const std::tm&,
                spdlog::memory_buf_t& dest) override {
        const std::string quoted =
            nlohmann::json(std::string(msg.payload.data(), msg.payload.size()))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        dest.append(quoted.data(), quoted.data() + quoted.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<JsonMessage>();
    }
};

}  // namespace

void setup_logging(const config::LogSettings& settings) {
    auto logger = spdlog::stderr_logger_mt("incidentd");
    spdlog::set_default_logger(logger);
    spdlog::set_level(spdlog::level::from_str(settings.level));  // checked by config
    auto formatter = std::make_unique<spdlog::pattern_formatter>(
        spdlog::pattern_time_type::utc, std::string(spdlog::details::os::default_eol));
    if (settings.format == config::LogFormat::json) {
        formatter->add_flag<JsonMessage>('j').set_pattern(
            R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","message":%j})");
    } else {
        formatter->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v");
    }
    spdlog::set_formatter(std::move(formatter));
    spdlog::flush_on(spdlog::level::info);
}

}  // namespace incidentd::bot
