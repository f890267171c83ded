// Fuzzes the TOML configuration file: any text is applied or refused with a ConfigError, and what
// is applied survives describe() and loading that description again (config/describe.hpp).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/config.hpp"
#include "config/config_error.hpp"
#include "config/describe.hpp"
#include "config/file_source.hpp"

namespace {

using namespace incidentd::config;

const std::string path = "fuzz.toml";

// describe() without the comments that say where each value came from, which differ by design.
std::string settings_only(const std::string& described) {
    std::string out;
    std::size_t begin = 0;
    while (begin < described.size()) {
        std::size_t end = described.find('\n', begin);
        if (end == std::string::npos) end = described.size();
        std::string_view line{described.data() + begin, end - begin};
        if (!line.starts_with("#")) {
            if (const auto comment = line.rfind("  # "); comment != std::string_view::npos)
                line = line.substr(0, comment);
            out.append(line).push_back('\n');
        }
        begin = end + 1;
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text{reinterpret_cast<const char*>(data), size};
    Config config;
    try {
        apply_file(config, text, path);
    } catch (const ConfigError& e) {
        if (std::string_view{e.what()}.empty()) std::abort();
        return 0;
    }
    const std::string described = describe(config);
    Config again;
    try {
        apply_file(again, described, path);
    } catch (const ConfigError& e) {
        std::fprintf(stderr, "fuzz_config: describe() output does not load: %s\n%s\n", e.what(),
                     described.c_str());
        std::abort();
    }
    if (settings_only(describe(again)) != settings_only(described)) {
        std::fprintf(stderr, "fuzz_config: settings change through describe():\n%s\n---\n%s\n",
                     described.c_str(), describe(again).c_str());
        std::abort();
    }
    return 0;
}
