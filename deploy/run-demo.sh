#!/usr/bin/env bash
# Installs what is missing, builds, and shows incidentd at work without a Slack workspace:
# records a sample incident in a fresh database, then lists it, prints its incident record and
# postmortem draft, and verifies its hash chain.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc 2>/dev/null || echo 2)" --target incidentd slack-emulator

demo_dir=build/demo
rm -rf "$demo_dir" && mkdir -p "$demo_dir"
export INCIDENTD_STORE_PATH="$demo_dir/incidentd.db"
unset INCIDENTD_CONFIG SLACK_BOT_TOKEN SLACK_SIGNING_SECRET SLACK_APP_TOKEN
incidentd=build/incidentd

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
step "$incidentd" demo
step "$incidentd" list --all
step "$incidentd" export INC-1
step "$incidentd" postmortem INC-1
step "$incidentd" verify INC-1
cat <<MSG

The database is $INCIDENTD_STORE_PATH. Try:
  $incidentd export INC-1 --format json
  $incidentd backup $demo_dir/copy.db
  $incidentd check-config
  $incidentd --help
MSG
