// The table of metrics as a contract: docs/metrics.md lists exactly its metrics, and GET /metrics
// serves each one with the type, help and labels the table gives it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bot/runtime/metrics.hpp"

using namespace incidentd;
using namespace std::chrono_literals;

namespace {

// One row of a metrics table in docs/metrics.md.
struct DocRow {
    std::string name;
    std::string type;
    std::string labels;  // comma-separated, as MetricFamily::labels
    bool socket_mode_only;
    int line;
};

std::string trimmed(std::string_view text) {
    const auto begin = text.find_first_not_of(' ');
    if (begin == std::string_view::npos) return {};
    return std::string(text.substr(begin, text.find_last_not_of(' ') + 1 - begin));
}

// "`method`, `status`" -> "method,status".
std::string label_names(std::string_view cell) {
    std::string out;
    for (std::size_t open; (open = cell.find('`')) != std::string_view::npos;) {
        const std::size_t close = cell.find('`', open + 1);
        REQUIRE(close != std::string_view::npos);
        out += (out.empty() ? "" : ",") + std::string(cell.substr(open + 1, close - open - 1));
        cell.remove_prefix(close + 1);
    }
    return out;
}

std::vector<DocRow> documented_metrics() {
    std::ifstream in(INCIDENTD_SOURCE_DIR "/docs/metrics.md");
    REQUIRE(in);
    std::vector<DocRow> rows;
    bool socket_mode_section = false;
    int number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        if (line.starts_with("## ")) socket_mode_section = line.starts_with("## Socket Mode");
        if (!line.starts_with("| `")) continue;
        std::vector<std::string> cells;  // | name | type | labels | meaning |
        for (std::size_t begin = 1, end; (end = line.find('|', begin)) != std::string::npos;
             begin = end + 1)
            cells.push_back(trimmed(std::string_view(line).substr(begin, end - begin)));
        INFO("docs/metrics.md line " << number << ": " << line);
        REQUIRE(cells.size() >= 4);
        REQUIRE(cells[0].size() > 2);
        rows.push_back({cells[0].substr(1, cells[0].size() - 2), cells[1], label_names(cells[2]),
                        socket_mode_section, number});
    }
    return rows;
}

const bot::MetricFamily* family_named(std::string_view name) {
    for (const bot::MetricFamily& f : bot::Metrics::families())
        if (f.name == name) return &f;
    return nullptr;
}

// A sample line's label names: `a="x",b="y"` -> "a,b".
std::string sample_label_names(std::string_view labels) {
    std::string out;
    while (!labels.empty()) {
        const std::size_t equals = labels.find("=\"");
        REQUIRE(equals != std::string_view::npos);
        out += (out.empty() ? "" : ",") + std::string(labels.substr(0, equals));
        std::size_t close = equals + 2;
        while (close < labels.size() && labels[close] != '"')
            close += labels[close] == '\\' ? 2 : 1;
        REQUIRE(close < labels.size());
        labels.remove_prefix(std::min(close + 2, labels.size()));  // past `",`
    }
    return out;
}

// What one /metrics answer says about each family, checked against the table line by line.
std::vector<std::string> served_families(const std::string& text) {
    std::vector<std::string> served;
    const bot::MetricFamily* current = nullptr;
    std::size_t samples = 0;
    auto finish = [&] {
        if (current != nullptr) {
            INFO(current->name);
            CHECK(samples > 0);
        }
    };
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        INFO("/metrics line: " << line);
        if (line.starts_with("# HELP ")) {
            finish();
            const std::string rest = line.substr(7);
            const std::string name = rest.substr(0, rest.find(' '));
            current = family_named(name);
            REQUIRE(current != nullptr);
            CHECK(rest.substr(name.size() + 1) == current->help);
            served.push_back(name);
            samples = 0;
        } else if (line.starts_with("# TYPE ")) {
            REQUIRE(current != nullptr);
            CHECK(line == "# TYPE " + std::string(current->name) + " " +
                              std::string(bot::to_string(current->type)));
        } else {
            REQUIRE(current != nullptr);
            const std::size_t name_end = line.find_first_of("{ ");
            REQUIRE(name_end != std::string::npos);
            const std::string series = line.substr(0, name_end);
            std::string labels;
            if (line[name_end] == '{') {
                const std::size_t close = line.rfind("} ");
                REQUIRE(close != std::string::npos);
                labels = sample_label_names(
                    std::string_view(line).substr(name_end + 1, close - name_end - 1));
            }
            const std::string family(current->name);
            if (current->type == bot::MetricType::histogram) {
                CHECK((series == family + "_bucket" || series == family + "_sum" ||
                       series == family + "_count"));
                CHECK(labels == (series == family + "_bucket" ? std::string(current->labels) : ""));
            } else {
                CHECK(series == family);
                CHECK(labels == current->labels);
            }
            ++samples;
        }
    }
    finish();
    return served;
}

std::vector<std::string> names_of_families(bool with_socket_mode) {
    std::vector<std::string> names;
    for (const bot::MetricFamily& f : bot::Metrics::families())
        if (with_socket_mode || !f.socket_mode_only) names.emplace_back(f.name);
    return names;
}

}  // namespace

TEST_CASE(
    "docs/metrics.md lists exactly the metrics /metrics serves, with their types and labels") {
    const std::vector<DocRow> rows = documented_metrics();
    REQUIRE_FALSE(rows.empty());

    for (const bot::MetricFamily& family : bot::Metrics::families()) {
        const std::string name(family.name);
        const auto count = std::ranges::count(rows, name, &DocRow::name);
        if (count == 0) {
            FAIL_CHECK("bot/runtime/metrics.cpp serves "
                       << name << " but docs/metrics.md has no row for it");
            continue;
        }
        const DocRow& row = *std::ranges::find(rows, name, &DocRow::name);
        INFO(name << ", docs/metrics.md line " << row.line);
        CHECK(count == 1);
        CHECK(row.type == bot::to_string(family.type));
        CHECK(row.labels == family.labels);
        // Socket Mode's metrics are documented under their own heading, and only they are.
        CHECK(row.socket_mode_only == family.socket_mode_only);
    }
    for (const DocRow& row : rows)
        if (family_named(row.name) == nullptr)
            FAIL_CHECK("docs/metrics.md line " << row.line << " documents " << row.name
                                               << ", which bot/runtime/metrics.cpp does not serve");
}

TEST_CASE("/metrics serves every metric of the table in order, each sample with its labels") {
    bot::Metrics metrics;
    metrics.set_ready(true);
    metrics.count_event(bot::EventOutcome::recorded);
    metrics.count_lookup(bot::LookedFor::post, bot::LookupOutcome::found);
    metrics.observe_ack(3ms);
    slack::ReceiverStats receiver;
    slack::WebClientCounts web_api;
    web_api.calls[{"chat.postMessage", "ok"}] = 2;

    SECTION("with Socket Mode") {
        slack::SocketModeStats socket_mode;
        socket_mode.connected = true;
        CHECK(served_families(metrics.prometheus(receiver, web_api, socket_mode)) ==
              names_of_families(true));
    }
    SECTION("without Socket Mode, its metrics are left out") {
        CHECK(served_families(metrics.prometheus(receiver, web_api)) == names_of_families(false));
    }
}
