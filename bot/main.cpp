// incidentd: the Slack incident bot and its command line.
#include "bot/cli/cli.hpp"

int main(int argc, char** argv) {
    return incidentd::bot::run_cli(argc, argv);
}
