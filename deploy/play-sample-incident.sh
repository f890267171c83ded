#!/usr/bin/env bash
# Plays a sample incident through the Slack emulator's control API, acting as alice, bob and carol:
# declare, talk, mark key events, assign a commander, post an update, resolve, close; then waits for
# incidentd's postmortem draft to reach the incident thread.
#   deploy/play-sample-incident.sh http://127.0.0.1:PORT     (the emulator's URL; plain HTTP)
set -euo pipefail

emulator=${1:?usage: $0 EMULATOR_URL (e.g. http://127.0.0.1:8900)}
emulator=${emulator%/}

# A JSON object from name/value pairs, escaped properly whatever the text holds.
json() { python3 -c 'import json, sys; a = sys.argv[1:]; print(json.dumps(dict(zip(a[::2], a[1::2]))))' "$@"; }
# One field of the JSON document on stdin (dotted path, numbers index lists); "" when absent.
field() {
  python3 -c '
import json, sys
value = json.load(sys.stdin)
for part in sys.argv[1].split("."):
    try:
        value = value[int(part)] if isinstance(value, list) else value[part]
    except (KeyError, IndexError, ValueError, TypeError):
        value = ""
        break
print(value if isinstance(value, str) else json.dumps(value))' "$1"
}
control_get() { curl -sS --max-time 10 "$emulator/_emulator/$1"; }
# POSTs to the control API; stops the play with the emulator's explanation when it refuses.
control_post() {
  local answer
  if ! answer=$(curl -sS --fail-with-body --max-time 15 -H 'Content-Type: application/json' \
    -d "$2" "$emulator/_emulator/$1"); then
    echo "play: the emulator refused $1: $answer" >&2
    exit 1
  fi
  printf '%s' "$answer"
}
# Runs "$@" every 0.2 s until it succeeds; gives up after $1 seconds naming what it waited for.
wait_until() {
  local seconds=$1 what=$2
  shift 2
  local tries=$((seconds * 5))
  until "$@"; do
    tries=$((tries - 1))
    if [ "$tries" -le 0 ]; then
      echo "play: gave up after ${seconds}s waiting for $what" >&2
      exit 1
    fi
    sleep 0.2
  done
}

say() { # user text [thread_ts] -> ts
  local body
  if [ $# -ge 3 ]; then
    body=$(json user "$1" channel "$channel" text "$2" thread_ts "$3")
  else
    body=$(json user "$1" channel "$channel" text "$2")
  fi
  control_post messages "$body" | field ts
}
slash() { # user channel text: prints what the person was shown
  local answer text
  answer=$(control_post slash "$(json user "$1" channel "$2" command /incident text "$3")")
  text=$(printf '%s' "$answer" | field answer.text)
  [ -n "$text" ] || text=$(printf '%s' "$answer" | field body)
  [ -n "$text" ] || text="(no answer from incidentd: $(printf '%s' "$answer" | field error))"
  printf '  %s> /incident %s\n    %s\n' "$1" "$3" "${text//$'\n'/$'\n'    }"
}

incident_channel() {
  control_get channels | python3 -c '
import json, sys
for c in json.load(sys.stdin)["channels"]:
    if c["name"].startswith("inc-"):
        print(c["id"], c["name"], " ".join(c["members"]))
        break'
}
summary_pinned() {
  control_get "channels/$channel/messages" | python3 -c '
import json, sys
sys.exit(0 if any(m.get("bot_id") and m.get("pinned") for m in json.load(sys.stdin)["messages"]) else 1)'
}
postmortem_in_thread() {
  control_get files | python3 -c '
import json, sys
files = [f for f in json.load(sys.stdin)["files"] if f.get("completed") and f["content"].startswith("# Postmortem")]
sys.exit(0 if files else 1)'
}

echo "== Declaring the incident from #incidents"
slash alice C0INCIDENTS "declare sev2 Checkout API p99 latency above 4 seconds"
wait_until 20 "incidentd to create the incident channel" test -n "$(incident_channel)"
read -r channel channel_name members < <(incident_channel)
wait_until 20 "the pinned summary in #$channel_name" summary_pinned
echo "  #$channel_name ($channel) is set up; members: $members"

echo "== alice, bob and carol are in the channel"
for person in U0ALICE U0BOB U0CAROL; do
  case " $members " in
    *" $person "*) ;;
    *) control_post join "$(json user "$person" channel "$channel")" >/dev/null ;;
  esac
done

echo "== The conversation"
say alice "Paging in: checkout p99 went from 300ms to over 4s, error rate 6%." >/dev/null
say bob "Looking at the checkout-api dashboards now." >/dev/null
deploy_ts=$(say carol "Deploy 2026.11.24-3 of checkout-api finished just before the alert fired.")
say bob "Connection pool to the orders DB is saturated: 200 of 200 in use." >/dev/null
pool_ts=$(say alice "The new release raised the per-request query count, that would explain the pool.")
say carol "Customer support reports failed payments from several merchants." >/dev/null
thread_ts=$(say bob "Proposal: roll back to 2026.11.24-2 rather than raise the pool size.")
say alice "Agreed, roll back." "$thread_ts" >/dev/null
say carol "Rollback started via the deploy pipeline." "$thread_ts" >/dev/null
say bob "Rollback finished on all 12 pods." "$thread_ts" >/dev/null
typo_ts=$(say alice "p99 is dropping: 1.2s and falling.")
say bob "Pool usage back to 60 of 200." >/dev/null
say carol "Support confirms payments are going through again." >/dev/null
say alice "p99 at 310ms, error rate 0.1%, back to baseline." >/dev/null
say bob "I will keep watching the dashboards for a while." >/dev/null

echo "== An edit, a key-event reaction and a pin"
control_post messages/update "$(json user alice channel "$channel" ts "$typo_ts" \
  text "p99 is dropping: 1.2s and falling (measured at the load balancer).")" >/dev/null
control_post reactions "$(json user carol channel "$channel" ts "$deploy_ts" name pushpin)" >/dev/null
control_post pins "$(json user alice channel "$channel" ts "$pool_ts")" >/dev/null

echo "== Commands in #$channel_name"
slash alice "$channel" "role commander <@U0ALICE|alice>"
slash alice "$channel" "impact Card payments failed for about 6% of checkouts"
slash alice "$channel" "system checkout-api"
slash alice "$channel" "action Rolled back checkout-api to 2026.11.24-2"
slash alice "$channel" "update Rolled back; latency and errors are at baseline, watching."
slash alice "$channel" "resolve Rollback of checkout-api restored normal latency"
slash alice "$channel" "close"

wait_until 60 "the postmortem draft in the incident thread" postmortem_in_thread
echo "== The incident record and the postmortem draft are in #$channel_name's incident thread"
