#!/usr/bin/env bash
# Installs what is missing, builds, and shows incidentd at work without a Slack workspace: starts
# the local Slack emulator and `incidentd serve` against it, plays a sample incident through the
# emulator, and leaves the incident record and the postmortem draft in build/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."

deploy/install-deps.sh
# The same build type as deploy/run-tests.sh, so the two commands share one build.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" --target incidentd slack-emulator

demo_dir=build/demo
rm -rf "$demo_dir" && mkdir -p "$demo_dir"
# The demo talks to the emulator only: no configuration file, no Slack credentials from outside.
for name in $(compgen -e); do
  case "$name" in INCIDENTD_* | SLACK_*) unset "$name" ;; esac
done

pids=()
stop_all() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
}
trap stop_all EXIT

# Waits up to $2 seconds for the first stdout line (in file $1) of process $3 that starts with $4.
first_line() {
  local file=$1 seconds=$2 pid=$3 prefix=$4 line
  for _ in $(seq $((seconds * 10))); do
    line=$(grep -m1 "^$prefix" "$file" 2>/dev/null || true)
    if [ -n "$line" ]; then
      printf '%s\n' "${line#"$prefix"}"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "run-demo: no \"$prefix\" line within ${seconds}s; see ${file%.out}.log" >&2
  return 1
}

# incidentd's port is chosen first: the emulator delivers events to it from the start.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

build/slack-emulator --listen 127.0.0.1:0 --rate-limits off --no-url-verification \
  --request-url "http://127.0.0.1:$port/slack/events" \
  >"$demo_dir/emulator.out" 2>"$demo_dir/emulator.log" &
pids+=($!)
emulator_url=$(first_line "$demo_dir/emulator.out" 10 "${pids[-1]}" "slack-emulator listening on ")
echo "slack-emulator: $emulator_url (log: $demo_dir/emulator.log)"

serve_env=(
  INCIDENTD_SERVER_LISTEN="127.0.0.1:$port"
  INCIDENTD_STORE_PATH="$demo_dir/incidentd.db"
  INCIDENTD_SLACK_API_URL="$emulator_url/api/"
  INCIDENTD_SLACK_ANNOUNCE_CHANNEL=C0GENERAL
  INCIDENTD_SLACK_RESPONDERS=U0BOB
  SLACK_BOT_TOKEN=xoxb-emulator-bot-token
  SLACK_SIGNING_SECRET=emulator-signing-secret
)
env "${serve_env[@]}" build/incidentd serve >"$demo_dir/incidentd.out" 2>"$demo_dir/incidentd.log" &
pids+=($!)
incidentd_url=$(first_line "$demo_dir/incidentd.out" 15 "${pids[-1]}" "incidentd listening on ")
echo "incidentd:      $incidentd_url (log: $demo_dir/incidentd.log)"
for _ in $(seq 100); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$incidentd_url/readyz")" = 200 ] && break
  sleep 0.1
done
if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$incidentd_url/readyz")" != 200 ]; then
  echo "run-demo: incidentd is not ready after 10s; see $demo_dir/incidentd.log" >&2
  exit 1
fi
echo

deploy/play-sample-incident.sh "$emulator_url"

store=(env INCIDENTD_STORE_PATH="$demo_dir/incidentd.db")
"${store[@]}" build/incidentd export INC-1 >"$demo_dir/INC-1.md"
"${store[@]}" build/incidentd export INC-1 --format json >"$demo_dir/INC-1.json"
"${store[@]}" build/incidentd postmortem INC-1 >"$demo_dir/INC-1-postmortem.md"
"${store[@]}" build/incidentd verify INC-1

cat <<MSG

The sample incident is recorded in $demo_dir/incidentd.db:
  $demo_dir/INC-1.md             the incident record (what happened)
  $demo_dir/INC-1-postmortem.md  the postmortem draft (why, and what prevents it next time)
  $demo_dir/INC-1.json           the record as JSON, for programs
Both documents were also posted to the incident thread in the emulator. Look at them again with:
  INCIDENTD_STORE_PATH=$demo_dir/incidentd.db build/incidentd export INC-1
  INCIDENTD_STORE_PATH=$demo_dir/incidentd.db build/incidentd export INC-1 --format json
  INCIDENTD_STORE_PATH=$demo_dir/incidentd.db build/incidentd postmortem INC-1
  INCIDENTD_STORE_PATH=$demo_dir/incidentd.db build/incidentd verify INC-1
  INCIDENTD_STORE_PATH=$demo_dir/incidentd.db build/incidentd list --all
The emulator and incidentd stop now.
MSG
